"""Insert rows or update them where they exist, in one statement, on every database Open edX runs
on."""

from __future__ import annotations

from django.db import connections, router


def upsert(model, rows: list, unique_fields: list[str], update_fields: list[str]) -> None:
    """`INSERT … ON CONFLICT (unique_fields) DO UPDATE` on SQLite and PostgreSQL; on MySQL and
    MariaDB, which cannot name the conflicting columns, `ON DUPLICATE KEY UPDATE` (the tables have
    one unique key besides the generated primary key, so the conflict is on those same columns)."""
    features = connections[router.db_for_write(model)].features
    model.objects.bulk_create(
        rows,
        update_conflicts=True,
        update_fields=update_fields,
        unique_fields=unique_fields if features.supports_update_conflicts_with_target else None,
    )
