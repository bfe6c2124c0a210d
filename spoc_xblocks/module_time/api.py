"""The only door to the time per module: record one tracking event, read a cohort's time per
module."""

from __future__ import annotations

from datetime import datetime

from django.db import connections, router

from .logic.figures import cohort_figures, roll_up
from .logic.sessions import Cursor, credit_for
from .models import ModuleTime
from .outline import Module, Outline, course_outline


def record_event(course_key: str, learner_key: str, module_key: str, at: datetime) -> None:
    """Add the time the session rule gives this event, in one read and one write statement.

    Two events of one learner recorded at the same moment in two processes may both credit the
    same gap (at most `SESSION_GAP` once); a learner's events come from one browser, one at a time.
    """
    latest = _latest_row(course_key, learner_key)
    previous = Cursor(latest[1].timestamp(), latest[0]) if latest else None
    credit, cursor = credit_for(previous, at.timestamp(), module_key)
    if previous is not None and cursor is previous:
        return  # an event older than the cursor: nothing to add, nowhere to move
    rows = {module_key: (0.0, at)}
    if credit is not None:
        seen = at if credit.module == module_key else latest[1]
        rows[credit.module] = (credit.seconds, seen)
    _add_seconds(course_key, learner_key, rows)


def _latest_row(course_key: str, learner_key: str) -> tuple[str, datetime] | None:
    """The learner's module last seen and when: their session cursor. In plain SQL, as the event's
    cost is mostly the ORM's building of the query."""
    connection = connections[router.db_for_read(ModuleTime)]
    quote = connection.ops.quote_name
    table, module, seen = (
        quote(name) for name in (ModuleTime._meta.db_table, "module_key", "last_seen")
    )
    statement = (
        f"SELECT {module}, {seen} FROM {table} WHERE {quote('course_key')} = %s "  # noqa: S608
        f"AND {quote('learner_key')} = %s ORDER BY {seen} DESC LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, [course_key, learner_key])
        row = cursor.fetchone()
    if row is None:
        return None
    convert = getattr(connection.ops, "convert_datetimefield_value", None)
    return row[0], convert(row[1], None, connection) if convert else row[1]


def _add_seconds(course_key: str, learner_key: str, rows: dict[str, tuple[float, datetime]]):
    """Add seconds to the learner's rows and move their `last_seen` forward, creating the rows that
    do not exist yet, in one statement."""
    connection = connections[router.db_for_write(ModuleTime)]
    quote = connection.ops.quote_name
    meta = ModuleTime._meta
    table = quote(meta.db_table)
    names = ["course_key", "learner_key", "module_key", "seconds", "last_seen"]
    columns = ", ".join(quote(meta.get_field(name).column) for name in names)
    seconds, seen = quote("seconds"), quote("last_seen")
    if connection.vendor == "mysql":
        conflict = (
            f"ON DUPLICATE KEY UPDATE {seconds} = {seconds} + VALUES({seconds}), "
            f"{seen} = GREATEST({seen}, VALUES({seen}))"
        )
    else:
        latest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
        target = ", ".join(quote(name) for name in names[:3])
        conflict = (
            f"ON CONFLICT ({target}) DO UPDATE SET "
            f"{seconds} = {table}.{seconds} + excluded.{seconds}, "
            f"{seen} = {latest}({table}.{seen}, excluded.{seen})"
        )
    adapt = connection.ops.adapt_datetimefield_value
    # Rows in key order: concurrent writers lock them in the same order.
    params = [
        value
        for module, (added, when) in sorted(rows.items())
        for value in (course_key, learner_key, module, added, adapt(when))
    ]
    values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(rows))
    # Only quoted names from the model go into the text; every value is a parameter.
    statement = f"INSERT INTO {table} ({columns}) VALUES {values} {conflict}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def seconds_per_learner(course_key: str, learner_keys) -> dict[str, dict[str, float]]:
    """Seconds per module of each of these learners (platform user ids), in one query over the
    course (a cohort's list of ids would make the statement as long as the cohort)."""
    found: dict[str, dict[str, float]] = {str(key): {} for key in learner_keys}
    rows = ModuleTime.objects.filter(course_key=course_key)
    for learner, module, seconds in rows.values_list("learner_key", "module_key", "seconds"):
        if learner in found:
            found[learner][module] = seconds
    return found


def learner_keys(course_key: str, anonymous_ids) -> dict[str, str]:
    """Anonymous id -> platform user id of the course members known so far, in one query over the
    course."""
    from spoc_xblocks.common.models import CourseMember

    wanted = set(anonymous_ids)
    rows = CourseMember.objects.filter(course_key=course_key).exclude(user_key="")
    return {
        anonymous_id: user_key
        for anonymous_id, user_key in rows.values_list("anonymous_id", "user_key")
        if anonymous_id in wanted
    }


def cohort_time(course_key: str, anonymous_ids, estimates: dict[str, float]) -> dict:
    """The cohort's time per module: `modules` (the outline's sections, subsections and units,
    then blocks outside it, each with the cohort's figures in seconds) and `learners` (anonymous
    id -> seconds per module key), in two queries and one outline read."""
    keys = learner_keys(course_key, anonymous_ids)
    stored = seconds_per_learner(course_key, keys.values())
    outline = course_outline(course_key) or Outline()
    blocks = sorted({block for times in stored.values() for block in times} - set(outline.parents))
    modules = [
        *outline.modules,
        *(Module(block, block.rsplit("@", 1)[-1], "block", "") for block in blocks),
    ]
    learners = {
        anonymous_id: roll_up(stored.get(keys.get(anonymous_id, ""), {}), outline.parents)
        for anonymous_id in anonymous_ids
    }
    by_key = {
        module.key: estimates[module.block_id] for module in modules if module.block_id in estimates
    }
    figures = cohort_figures(learners, [module.key for module in modules], by_key)
    return {"modules": list(zip(modules, figures, strict=True)), "learners": learners}
