"""The SPOC's measures of success, from the cohort reads (pure): completion, activity, exchanges,
sticking points, satisfaction, skills delta and what followed the trainer's contacts.

Satisfaction and skills come from the engagement widgets as plain dicts (or None when there are
none).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta
from statistics import median

from .cohort import COACH, EXCHANGE_VERBS
from .followup import what_followed

ACTIVE_WINDOW = timedelta(days=7)
MAX_STICKING_POINTS = 10


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def still_open(row: dict, open_blocks, now: datetime) -> bool:
    """Whether a learner's unfinished block is unfinished by design: its deadline is ahead, or
    its phase is still open (a workshop not closed yet, whose results come at the close)."""
    return row["usage_key"] in open_blocks or (row["due"] is not None and row["due"] > now)


def completion(
    learner_ids: list[str], progress_rows: list[dict], now: datetime, open_blocks=frozenset()
) -> dict:
    """Learners who finished every SPOC block of the course they can finish yet (the coach's
    check-ins recur, so they are left out; so is a block still open for the learner, by its
    phase or its deadline, until it closes)."""
    rows = [row for row in progress_rows if row["block_type"] != COACH]
    blocks = {row["usage_key"] for row in rows}
    done, waiting = defaultdict(set), defaultdict(set)
    for row in rows:
        if row["state"] == "done":
            done[row["learner_id"]].add(row["usage_key"])
        elif still_open(row, open_blocks, now):
            waiting[row["learner_id"]].add(row["usage_key"])
    closed = blocks - set(open_blocks)
    completed = 0
    for learner in learner_ids:
        required = closed - waiting[learner]
        completed += bool(required) and required <= done[learner]
    progress = [100 * len(done[learner]) / len(blocks) for learner in learner_ids] if blocks else []
    return {
        "learners": len(learner_ids),
        "blocks": len(blocks),
        "open_blocks": len(blocks - closed),
        "completed": completed,
        "percent": _share(completed, len(learner_ids)) if blocks else None,
        "average_progress": round(sum(progress) / len(progress)) if progress else None,
    }


def active_this_week(learner_ids: list[str], activity: dict, now: datetime) -> dict:
    since = now - ACTIVE_WINDOW
    active = sum(
        1
        for learner in learner_ids
        if (activity.get(learner) or {}).get("last_activity")
        and activity[learner]["last_activity"] >= since
    )
    return {
        "learners": len(learner_ids),
        "active": active,
        "percent": _share(active, len(learner_ids)),
    }


def participation(learner_ids: list[str], exchanges: dict) -> list[dict]:
    """Per kind of exchange (check-ins, reviews): how many learners took part, and how many
    exchanges in all."""
    rows = []
    for verb in EXCHANGE_VERBS:
        counts = [(exchanges.get(learner) or {}).get(verb, 0) for learner in learner_ids]
        taking_part = sum(1 for count in counts if count)
        rows.append(
            {
                "verb": verb,
                "learners": taking_part,
                "total": sum(counts),
                "percent": _share(taking_part, len(learner_ids)),
            }
        )
    return rows


def sticking_points(
    learner_ids: list[str],
    progress_rows: list[dict],
    activity: dict,
    now: datetime,
    inactive_days: int,
    open_blocks=frozenset(),
) -> list[dict]:
    """Where learners stop: per block, learners who started and have not finished, most first.

    Work unfinished by design is not a sticking point: a block still open for the learner (its
    deadline ahead, or its phase open, see `still_open`) counts in `in_progress`, not in `stuck`.
    `stopped_here` counts the inactive learners (no activity for `inactive_days`) whose most recent
    stuck block is this one: the place they left the course.
    """
    cohort = set(learner_ids)
    stats = defaultdict(
        lambda: {"started": 0, "done": 0, "in_progress": 0, "stuck": 0, "stopped_here": 0}
    )
    latest_stuck = {}
    for row in progress_rows:
        if row["block_type"] == COACH or row["learner_id"] not in cohort:
            continue
        block = stats[(row["usage_key"], row["block_type"])]
        block["started"] += 1
        if row["state"] == "done":
            block["done"] += 1
            continue
        if still_open(row, open_blocks, now):
            block["in_progress"] += 1
            continue
        block["stuck"] += 1
        known = latest_stuck.get(row["learner_id"])
        if known is None or row["updated"] > known["updated"]:
            latest_stuck[row["learner_id"]] = row
    idle_since = now - timedelta(days=max(inactive_days, 1))
    for learner, row in latest_stuck.items():
        last = (activity.get(learner) or {}).get("last_activity")
        if last is None or last <= idle_since:
            stats[(row["usage_key"], row["block_type"])]["stopped_here"] += 1
    points = [
        {"usage_key": usage_key, "block_type": block_type, **figures}
        for (usage_key, block_type), figures in stats.items()
        if figures["stuck"]
    ]
    points.sort(key=lambda item: (-item["stuck"], -item["stopped_here"], item["usage_key"]))
    return points[:MAX_STICKING_POINTS]


def interventions(flags: list[dict], activity: dict, now: datetime) -> dict:
    """Of the learners the trainer contacted, how many became active again, and how fast (median
    days)."""
    contacted = [flag for flag in flags if flag.get("contacted_at")]
    outcomes = [
        what_followed(
            flag["contacted_at"], (activity.get(flag["learner_id"]) or {}).get("last_activity"), now
        )
        for flag in contacted
    ]
    back = [outcome.days for outcome in outcomes if outcome.kind == "active_again"]
    return {
        "contacted": len(contacted),
        "active_again": len(back),
        "percent": _share(len(back), len(contacted)),
        "median_days": median(back) if back else None,
    }


def satisfaction(figures: dict | None) -> dict | None:
    """The pulses' satisfaction, kept when at least one answer exists."""
    if not figures or not figures.get("responses"):
        return None
    return {
        "responses": figures["responses"],
        "average_percent": figures.get("average_percent"),
        "nps": figures.get("nps"),
    }


def skills_delta(figures: dict | None) -> dict | None:
    """The skills checks' before/after averages per competency, kept when a learner answered
    both."""
    if not figures or not figures.get("learners") or not figures.get("competencies"):
        return None
    return {
        "learners": figures["learners"],
        "competencies": [
            {
                key: item.get(key)
                for key in (
                    "id",
                    "label",
                    "before_average",
                    "after_average",
                    "delta_average",
                    "delta_spread",
                )
            }
            for item in figures["competencies"]
        ],
    }


def block_names(progress_rows: list[dict]) -> dict[str, str]:
    """The display name each block wrote last with its learners' progress."""
    names = {}
    for row in sorted(progress_rows, key=lambda row: row["updated"]):
        if row.get("block_name"):
            names[row["usage_key"]] = row["block_name"]
    return names


def module_feedback(
    checks: dict[str, dict[str, int]], parents: dict[str, list[str]], options, order: list[str]
) -> list[dict]:
    """The one-click module checks per module: each check counts for the outermost module that
    holds it (its section), or on its own where the outline does not know it; per module, how many
    answered and the share of each option. Modules come in `order` (the outline's), others after.
    """
    per_module: dict[str, dict[str, int]] = {}
    for usage_key, counts in checks.items():
        module = (parents.get(usage_key) or [usage_key])[-1]
        merged = per_module.setdefault(module, dict.fromkeys(options, 0))
        for option in options:
            merged[option] += counts.get(option, 0)
    place = {module: index for index, module in enumerate(order)}
    rows = []
    for module in sorted(per_module, key=lambda key: (place.get(key, len(place)), key)):
        counts = per_module[module]
        total = sum(counts.values())
        rows.append(
            {
                "module": module,
                "answers": total,
                "options": [
                    {
                        "option": option,
                        "count": counts[option],
                        "percent": _share(counts[option], total),
                    }
                    for option in options
                ],
            }
        )
    return rows
