"""Phases (trainer switch, dates, deadlines, the submit window) and balanced groups."""

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from spoc_xblocks.peer_workshop.logic.groups import (
    balanced_groups,
    group_count,
    place_newcomers,
    sorted_labels,
)
from spoc_xblocks.peer_workshop.logic.phases import (
    CLOSED,
    GRADING,
    LATE_ACCEPT,
    LATE_REFUSE,
    REVIEW,
    SETUP,
    SUBMISSION,
    Schedule,
    SubmitWindow,
    effective_phase,
    learner_deadline,
    next_change,
    submit_window,
)

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)
DAY = timedelta(days=1)
SCHEDULE = Schedule(NOW - 5 * DAY, NOW - DAY, NOW + 3 * DAY, NOW + 6 * DAY)


def test_dates_move_the_workshop_forward():
    assert effective_phase(SETUP, None, SCHEDULE, NOW) == REVIEW
    assert effective_phase(SETUP, None, SCHEDULE, NOW + 4 * DAY) == GRADING
    assert effective_phase(SETUP, None, SCHEDULE, NOW + 7 * DAY) == CLOSED
    assert effective_phase(SETUP, None, Schedule(), NOW) == SETUP


def test_a_trainer_who_reopens_submissions_is_not_overruled_by_the_passed_deadline():
    reopened = NOW - DAY / 2  # after the submission deadline
    assert effective_phase(SUBMISSION, reopened, SCHEDULE, NOW) == SUBMISSION
    assert effective_phase(SUBMISSION, reopened, SCHEDULE, NOW + 4 * DAY) == GRADING


def test_dates_never_move_a_workshop_backwards():
    assert effective_phase(CLOSED, NOW - 10 * DAY, SCHEDULE, NOW) == CLOSED


def test_submit_window():
    due = NOW - DAY
    assert submit_window(SETUP, due, None, LATE_ACCEPT, NOW).reason == "not_open"
    assert submit_window(SUBMISSION, NOW + DAY, None, LATE_REFUSE, NOW) == SubmitWindow(
        True, False, ""
    )
    assert submit_window(SUBMISSION, due, None, LATE_ACCEPT, NOW) == SubmitWindow(True, True, "")
    assert submit_window(REVIEW, due, None, LATE_REFUSE, NOW) == SubmitWindow(
        False, True, "late_refused"
    )
    assert submit_window(REVIEW, due, NOW + DAY, LATE_REFUSE, NOW) == SubmitWindow(True, False, "")
    assert submit_window(GRADING, due, None, LATE_ACCEPT, NOW).reason == "closed"
    assert submit_window(GRADING, due, NOW + DAY, LATE_ACCEPT, NOW).allowed


def test_learner_deadline_follows_what_is_due_next():
    extension = NOW + 2 * DAY
    assert learner_deadline(SUBMISSION, False, 0, SCHEDULE, None) == SCHEDULE.submission_due
    assert learner_deadline(SUBMISSION, False, 0, SCHEDULE, extension) == extension
    assert learner_deadline(SUBMISSION, True, 0, SCHEDULE, None) == SCHEDULE.review_due
    assert learner_deadline(REVIEW, True, 2, SCHEDULE, None) == SCHEDULE.review_due
    assert learner_deadline(REVIEW, True, 0, SCHEDULE, None) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(min_size=1, max_size=5), max_size=80, unique=True),
    st.integers(3, 6),
    st.text(max_size=4),
)
def test_groups_are_balanced_and_of_three_to_six(learners, size, seed):
    groups = balanced_groups(learners, size, seed)
    assert sorted(member for group in groups for member in group) == sorted(learners)
    sizes = [len(group) for group in groups]
    if sizes:
        assert max(sizes) - min(sizes) <= 1
    if len(learners) >= 3:
        assert all(3 <= count <= 6 for count in sizes)
    assert groups == balanced_groups(list(reversed(learners)), size, seed)
    assert len(groups) == group_count(len(learners), size)


def test_newcomers_join_the_smallest_groups():
    groups = {"a": "1", "b": "1", "c": "1", "d": "2", "e": "2"}
    placed = place_newcomers(groups, ["f", "g"], "seed")
    assert sorted(placed.values()) == ["1", "2"] or sorted(placed.values()) == ["2", "2"]
    assert list(placed.values()).count("2") >= 1
    assert place_newcomers({}, ["a", "b", "c"], "s") == {"a": "1", "b": "1", "c": "1"}


def test_labels_sort_naturally():
    assert sorted_labels(["10", "2", "1", "Blue"]) == ["1", "2", "10", "Blue"]


OFFSETS = st.one_of(st.none(), st.integers(min_value=-10, max_value=10))
PHASE_NAMES = st.sampled_from([SETUP, SUBMISSION, REVIEW, GRADING, CLOSED])


@given(
    PHASE_NAMES,
    st.one_of(st.none(), st.integers(min_value=-12, max_value=0)),
    st.lists(OFFSETS, min_size=4, max_size=4),
)
@settings(max_examples=300, deadline=None)
def test_the_planned_date_is_exactly_when_the_phase_next_changes(stored, set_at, offsets):
    """The worker's date for a workshop (next_change) is the first moment effective_phase differs
    from now's; none means no date will ever move it again."""
    schedule = Schedule(*(None if days is None else NOW + days * DAY for days in offsets))
    set_at = None if set_at is None else NOW + set_at * DAY
    current = effective_phase(stored, set_at, schedule, NOW)
    planned = next_change(stored, set_at, schedule, NOW)
    moments = [NOW + hours * timedelta(hours=1) for hours in range(1, 24 * 11)]
    changes = [
        when for when in moments if effective_phase(stored, set_at, schedule, when) != current
    ]
    if planned is None:
        assert changes == []
    else:
        assert effective_phase(stored, set_at, schedule, planned) != current
        assert effective_phase(stored, set_at, schedule, planned - timedelta(seconds=1)) == current
