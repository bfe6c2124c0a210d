"""What follows a flag: its life cycle, when a new one opens, what the learner did after contact,
nudge delivery."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

OPEN = "open"
CONTACTED = "contacted"
RESOLVED = "resolved"
MOVES = {OPEN: (CONTACTED, RESOLVED), CONTACTED: (RESOLVED,), RESOLVED: ()}


def needs_new_flag(reason_codes: set[str], latest: dict | None) -> bool:
    """Whether reasons call for a new flag.

    Not while one is open or contacted (it carries on), and after a resolved one only for a reason
    the trainer had not already dealt with: resolving "inactive for 8 days" is not undone by day 9.
    """
    if not reason_codes:
        return False
    if latest is None:
        return True
    if latest["status"] != RESOLVED:
        return False
    return bool(reason_codes - set(latest["reason_codes"]))


@dataclass(frozen=True)
class Outcome:
    """What followed contact: `active_again` with the days it took, or `silent` for the days since
    contact."""

    kind: str
    days: int


def what_followed(
    contacted_at: datetime | None, last_activity: datetime | None, now: datetime
) -> Outcome | None:
    if contacted_at is None:
        return None
    if last_activity is not None and last_activity > contacted_at:
        return Outcome("active_again", (last_activity - contacted_at).days)
    return Outcome("silent", (now - contacted_at).days)


def nudge_suppressed(queued_at: datetime, last_activity: datetime | None) -> bool:
    """A nudge not yet delivered is dropped once the learner has been active since it was queued."""
    return last_activity is not None and last_activity > queued_at
