"""The session rule: how much engaged time one tracking event adds, and to which module.

A learner's events are read in time order. The time between two events belongs to the module of
the earlier one (the learner was there until they did the next thing). A gap longer than
`SESSION_GAP` ends the session: the learner left, and the session's last event counts
`LAST_EVENT_SECONDS`, not the gap. An event older than the latest one seen adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

SESSION_GAP = 30 * 60
LAST_EVENT_SECONDS = 60


@dataclass(frozen=True)
class Cursor:
    """Where a learner last was: the time of their latest event (seconds since the epoch) and the
    module it came from."""

    at: float
    module: str


@dataclass(frozen=True)
class Credit:
    """Engaged seconds to add to a module."""

    module: str
    seconds: float


def credit_for(
    previous: Cursor | None,
    at: float,
    module: str,
    *,
    session_gap: float = SESSION_GAP,
    last_event_seconds: float = LAST_EVENT_SECONDS,
) -> tuple[Credit | None, Cursor]:
    """The time a new event at `at` in `module` adds (None when it adds none), and the cursor it
    leaves."""
    if previous is None:
        return None, Cursor(at, module)
    elapsed = at - previous.at
    if elapsed < 0:
        return None, previous
    seconds = elapsed if elapsed <= session_gap else min(last_event_seconds, elapsed)
    return Credit(previous.module, seconds), Cursor(at, module)


def seconds_by_module(events, **rule) -> dict[str, float]:
    """The engaged seconds per module of one learner's events, `(at, module)` pairs in the order
    they arrive."""
    totals: dict[str, float] = {}
    cursor = None
    for at, module in events:
        credit, cursor = credit_for(cursor, at, module, **rule)
        if credit is not None:
            totals[credit.module] = totals.get(credit.module, 0.0) + credit.seconds
    return totals
