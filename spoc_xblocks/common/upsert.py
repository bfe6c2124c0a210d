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


def add_to_counts(model, keys: list[dict], count_field: str, step: int = 1) -> None:
    """Add `step` to `count_field` of each row named by `keys` (its unique columns), creating the
    rows that do not exist yet with `step`, in one statement.

    The rows are taken in their keys' order, and a row found takes an exclusive lock at once (an
    `INSERT IGNORE` then `UPDATE` takes a shared lock first, and two answers sent together then wait
    for each other: a deadlock on MySQL), so concurrent callers queue instead of failing.
    """
    if not keys:
        return
    keys = sorted(keys, key=lambda key: tuple(str(key[name]) for name in sorted(key)))
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = list(keys[0])
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in [*names, count_field])
    count = quote(model._meta.get_field(count_field).column)
    row = "(" + ", ".join(["%s"] * (len(names) + 1)) + ")"
    values = ", ".join([row] * len(keys))
    if connection.vendor == "mysql":
        conflict = f"ON DUPLICATE KEY UPDATE {count} = {count} + VALUES({count})"
    else:
        target = ", ".join(quote(model._meta.get_field(name).column) for name in names)
        conflict = (
            f"ON CONFLICT ({target}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
        )
    params = [value for key in keys for value in [*(key[name] for name in names), step]]
    # Only quoted names from the model go into the text; every value is a parameter.
    statement = f"INSERT INTO {table} ({columns}) VALUES {values} {conflict}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
