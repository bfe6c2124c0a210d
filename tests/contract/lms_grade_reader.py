"""What the LMS's gradebook reads from edx-submissions' score signals, for tests to check scores by.

Written from openedx-platform's lms/djangoapps/grades/signals/handlers.py (our code, from its
facts):

`submissions_score_set_handler(sender, **kwargs)`, on `submissions.models.score_set`:
  - reads kwargs["points_possible"], kwargs["points_earned"], kwargs["course_id"],
    kwargs["item_id"], kwargs["anonymous_user_id"] and kwargs["created_at"], by key (a missing one
    raises KeyError);
  - looks the learner up with user_by_anonymous_id(anonymous_user_id) and drops the score when there
    is no such user;
  - drops the score when points_possible == 0 (TNL-6559);
  - sends PROBLEM_WEIGHTED_SCORE_CHANGED with weighted_earned=points_earned and
    weighted_possible=points_possible, unchanged: the points are taken as ALREADY WEIGHTED. The
    block's `weight` field is never applied (only the runtime's 'grade' events go through
    weighted_score); a workshop scored out of 100 weighs 100 points in its subsection. Also
    user_id, anonymous_user_id, course_id, usage_id=item_id, modified=created_at,
    score_db_table=submissions.
`submissions_score_reset_handler(sender, **kwargs)`, on `submissions.models.score_reset`:
  - reads kwargs["course_id"], kwargs["item_id"], kwargs["anonymous_user_id"], kwargs["created_at"];
  - drops it when the user is unknown; sends weighted_earned=0, weighted_possible=0,
    score_deleted=True, modified=created_at.
Downstream, enqueue_subsection_update parses course_id as a LearningContextKey and turns `modified`
into a timestamp (so created_at must be a datetime), then recalculates the subsection grade.
`disconnect_submissions_signal_receiver(signal)` takes those handlers off one signal for a while:
the instructor dashboard's "Delete learner state" calls a block's clear_student_state inside it,
for score_set.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from submissions.models import score_reset, score_set


@dataclass(frozen=True)
class WeightedScoreChange:
    """The PROBLEM_WEIGHTED_SCORE_CHANGED the LMS would send for one score signal."""

    weighted_earned: float
    weighted_possible: float
    anonymous_user_id: str
    course_id: str
    usage_id: str
    modified: datetime
    score_deleted: bool = False


def read_score_set(
    known_user: Callable[[str], bool] = lambda _anonymous_id: True, **kwargs
) -> WeightedScoreChange | None:
    """The change the LMS makes of a score_set signal's kwargs; None when it drops the score."""
    points_possible = kwargs["points_possible"]
    points_earned = kwargs["points_earned"]
    course_id = kwargs["course_id"]
    usage_id = kwargs["item_id"]
    anonymous_user_id = kwargs["anonymous_user_id"]
    if not known_user(anonymous_user_id) or points_possible == 0:
        return None
    return WeightedScoreChange(
        points_earned,
        points_possible,
        anonymous_user_id,
        course_id,
        usage_id,
        modified=kwargs["created_at"],
    )


def read_score_reset(
    known_user: Callable[[str], bool] = lambda _anonymous_id: True, **kwargs
) -> WeightedScoreChange | None:
    """The change the LMS makes of a score_reset signal's kwargs; None when it drops it."""
    course_id = kwargs["course_id"]
    usage_id = kwargs["item_id"]
    anonymous_user_id = kwargs["anonymous_user_id"]
    if not known_user(anonymous_user_id):
        return None
    return WeightedScoreChange(
        0,
        0,
        anonymous_user_id,
        course_id,
        usage_id,
        modified=kwargs["created_at"],
        score_deleted=True,
    )


class LmsGradeReader:
    """Listens to score_set and score_reset as the LMS does, while in a `with` block.

    `changes` holds what the gradebook would record, in order; `signals` the raw kwargs received.
    `known_user(anonymous_id)` stands for user_by_anonymous_id finding a user (all do, by
    default)."""

    listening: set[LmsGradeReader] = set()  # readers inside their `with` block: the LMS's handlers

    def __init__(self, known_user: Callable[[str], bool] = lambda _anonymous_id: True):
        self.known_user = known_user
        self.changes: list[WeightedScoreChange] = []
        self.signals: list[tuple[str, dict]] = []

    def _on_score_set(self, sender, **kwargs):
        kwargs.pop("signal", None)
        self.signals.append(("score_set", kwargs))
        self._keep(read_score_set(self.known_user, **kwargs))

    def _on_score_reset(self, sender, **kwargs):
        kwargs.pop("signal", None)
        self.signals.append(("score_reset", kwargs))
        self._keep(read_score_reset(self.known_user, **kwargs))

    def _keep(self, change):
        if change is not None:
            self.changes.append(change)

    def __enter__(self) -> LmsGradeReader:
        self.connect(score_set)
        self.connect(score_reset)
        LmsGradeReader.listening.add(self)
        return self

    def __exit__(self, *_exc) -> None:
        LmsGradeReader.listening.discard(self)
        score_set.disconnect(dispatch_uid=self._uid("set"))
        score_reset.disconnect(dispatch_uid=self._uid("reset"))

    def connect(self, signal) -> None:
        if signal is score_set:
            score_set.connect(self._on_score_set, weak=False, dispatch_uid=self._uid("set"))
        else:
            score_reset.connect(self._on_score_reset, weak=False, dispatch_uid=self._uid("reset"))

    def _uid(self, signal: str) -> str:
        return f"lms-grade-reader-{signal}-{id(self)}"


@contextmanager
def disconnect_submissions_signal_receiver(signal):
    """As the LMS's context manager of that name: its gradebook's handler of `signal` (score_set or
    score_reset) is disconnected meanwhile, so what that signal says then never reaches the
    gradebook."""
    kind = "set" if signal is score_set else "reset"
    readers = list(LmsGradeReader.listening)
    for reader in readers:
        signal.disconnect(dispatch_uid=reader._uid(kind))
    try:
        yield
    finally:
        for reader in readers:
            if reader in LmsGradeReader.listening:
                reader.connect(signal)
