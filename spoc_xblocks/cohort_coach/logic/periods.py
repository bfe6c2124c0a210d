"""Check-in periods: the cadence cuts time into numbered periods; regularity counts the ones a
learner answered.

Periods are numbered from an anchor: the course start date the author set, or else a fixed Monday,
so a weekly cadence runs Monday to Sunday (UTC) and numbers never move when rows are added or
backdated.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

EPOCH = datetime(2024, 1, 1, tzinfo=UTC)  # a Monday


@dataclass(frozen=True)
class Cadence:
    days: int
    anchor: datetime
    starts_at_anchor: bool  # True when the author set a start date: no period comes before it

    def period_of(self, moment: datetime) -> int:
        return (moment - self.anchor) // timedelta(days=self.days)

    def start_of(self, period: int) -> datetime:
        return self.anchor + timedelta(days=self.days * period)

    def end_of(self, period: int) -> datetime:
        """The first moment of the next period."""
        return self.start_of(period + 1)


def cadence(days: int, start: date | None = None) -> Cadence:
    """The periods of a check-in cadence of `days` days, anchored on the course start when there is
    one."""
    if start is None:
        return Cadence(max(1, days), EPOCH, False)
    return Cadence(max(1, days), datetime.combine(start, time(), tzinfo=UTC), True)


def first_expected_period(cad: Cadence, first_posted_period: int | None, current: int) -> int:
    """From which period check-ins are expected: the course start, else the block's first check-in,
    else now."""
    if cad.starts_at_anchor:
        return 0
    return first_posted_period if first_posted_period is not None else current


@dataclass(frozen=True)
class Regularity:
    posted: int  # periods answered, from the first expected one up to now
    expected: int  # elapsed periods, plus the current one once it is answered
    missed_in_a_row: int  # elapsed periods without a check-in since the last one answered
    posted_current: bool


def regularity(
    posted_periods: int,
    last_period: int | None,
    posted_current: bool,
    first_expected: int,
    current: int,
) -> Regularity:
    """How regularly a learner checks in.

    `posted_periods` counts the distinct periods the learner answered from `first_expected` on,
    `last_period` is the latest of them (None when there is none).
    """
    elapsed = max(0, current - first_expected)
    last_answered = max(
        last_period if last_period is not None else first_expected - 1, first_expected - 1
    )
    missed = 0 if posted_current else min(elapsed, max(0, current - 1 - last_answered))
    return Regularity(
        posted=posted_periods,
        expected=elapsed + (1 if posted_current else 0),
        missed_in_a_row=missed,
        posted_current=posted_current,
    )
