"""Check-in periods and regularity: numbered periods from a fixed anchor, misses counted from the
last answer."""

from datetime import UTC, date, datetime, timedelta

import pytest

from spoc_xblocks.cohort_coach.logic.periods import (
    EPOCH,
    cadence,
    first_expected_period,
    regularity,
)


def test_weekly_periods_run_monday_to_sunday_utc_without_a_start_date():
    weekly = cadence(7)
    monday = datetime(2026, 3, 2, tzinfo=UTC)
    period = (monday - EPOCH).days // 7
    assert (
        weekly.period_of(monday) == weekly.period_of(monday + timedelta(days=6, hours=23)) == period
    )
    assert weekly.period_of(monday + timedelta(days=7)) == weekly.period_of(monday) + 1
    assert weekly.start_of(weekly.period_of(monday)) == monday
    assert weekly.end_of(weekly.period_of(monday)) == monday + timedelta(days=7)


def test_a_start_date_makes_it_period_zero_and_nothing_is_expected_before():
    fortnightly = cadence(14, date(2026, 3, 4))
    start = datetime(2026, 3, 4, tzinfo=UTC)
    assert (
        fortnightly.period_of(start) == 0 and fortnightly.period_of(start + timedelta(days=14)) == 1
    )
    assert first_expected_period(fortnightly, first_posted_period=-3, current=2) == 0


def test_without_a_start_date_check_ins_are_expected_from_the_blocks_first_one():
    weekly = cadence(7)
    assert first_expected_period(weekly, first_posted_period=100, current=104) == 100
    assert first_expected_period(weekly, first_posted_period=None, current=104) == 104


@pytest.mark.parametrize(
    "periods, last, current_posted, expected",
    [
        (4, 13, True, (4, 4, 0)),  # every period answered, the current one too
        (3, 12, False, (3, 3, 0)),  # the current period is still open: not missed
        (2, 11, False, (2, 3, 1)),  # the previous period was missed
        (1, 10, False, (1, 3, 2)),
        (0, None, False, (0, 3, 3)),  # never answered: every elapsed period
    ],
)
def test_regularity_counts_answers_and_misses_in_a_row(periods, last, current_posted, expected):
    result = regularity(periods, last, current_posted, first_expected=10, current=13)
    assert (result.posted, result.expected, result.missed_in_a_row) == expected


def test_a_learner_who_answers_again_breaks_the_streak_of_misses():
    assert regularity(2, 13, True, first_expected=10, current=13).missed_in_a_row == 0
