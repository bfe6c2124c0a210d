"""The session rule: what each tracking event adds to a learner's time per module."""

from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.module_time.logic.sessions import (
    LAST_EVENT_SECONDS,
    SESSION_GAP,
    Credit,
    Cursor,
    credit_for,
    seconds_by_module,
)

MODULES = st.sampled_from(["intro", "game", "workshop", "coach"])
TIMES = st.floats(min_value=0, max_value=10 * 24 * 3600, allow_nan=False)
EVENTS = st.lists(st.tuples(TIMES, MODULES), max_size=60)


def test_the_first_event_adds_nothing_and_starts_the_cursor():
    assert credit_for(None, 100.0, "intro") == (None, Cursor(100.0, "intro"))


def test_the_time_until_the_next_event_belongs_to_the_earlier_module():
    credit, cursor = credit_for(Cursor(100.0, "intro"), 400.0, "game")
    assert credit == Credit("intro", 300.0)
    assert cursor == Cursor(400.0, "game")


def test_a_gap_over_the_session_limit_counts_only_the_last_event_seconds():
    credit, cursor = credit_for(Cursor(0.0, "intro"), SESSION_GAP + 1, "game")
    assert credit == Credit("intro", LAST_EVENT_SECONDS)
    assert cursor == Cursor(SESSION_GAP + 1, "game")


def test_a_gap_of_exactly_the_session_limit_still_counts_whole():
    credit, _ = credit_for(Cursor(0.0, "intro"), SESSION_GAP, "intro")
    assert credit == Credit("intro", SESSION_GAP)


def test_an_event_older_than_the_cursor_adds_nothing_and_keeps_the_cursor():
    assert credit_for(Cursor(500.0, "game"), 400.0, "intro") == (None, Cursor(500.0, "game"))


@given(EVENTS)
def test_time_is_never_negative_and_bounded_per_event(events):
    cursor = None
    for at, module in events:
        credit, cursor = credit_for(cursor, at, module)
        if credit is not None:
            assert 0 <= credit.seconds <= SESSION_GAP


@given(EVENTS)
def test_the_total_is_the_sum_over_modules_and_never_exceeds_the_span(events):
    totals = seconds_by_module(events)
    added = 0.0
    cursor = None
    for at, module in events:
        credit, cursor = credit_for(cursor, at, module)
        added += credit.seconds if credit else 0.0
    assert abs(sum(totals.values()) - added) < 1e-6
    if events:
        start = events[0][0]
        latest = max(at for at, _ in events)
        assert sum(totals.values()) <= latest - start + 1e-6


@given(st.lists(TIMES, min_size=2, max_size=40))
def test_each_gap_over_the_limit_adds_at_most_the_bounded_tail(times):
    times = sorted(times)
    events = [(at, f"m{index}") for index, at in enumerate(times)]
    totals = seconds_by_module(events)
    for index in range(len(times) - 1):
        gap = times[index + 1] - times[index]
        expected = gap if gap <= SESSION_GAP else min(LAST_EVENT_SECONDS, gap)
        assert abs(totals[f"m{index}"] - expected) < 1e-6


@given(st.lists(TIMES, min_size=1, max_size=40))
def test_events_in_one_module_count_their_sessions(times):
    times = sorted(times)
    total = seconds_by_module([(at, "intro") for at in times]).get("intro", 0.0)
    assert 0 <= total <= times[-1] - times[0] + 1e-6
