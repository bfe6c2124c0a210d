"""The receiver of the LMS's PROBLEM_WEIGHTED_SCORE_CHANGED signal (apps.py connects it in the
LMS): it keeps the learner's latest weighted score of the problem."""

from __future__ import annotations

from . import api


def record_problem_score(sender=None, **kwargs) -> None:
    """The signal's arguments, as lms/djangoapps/grades sends them: `user_id`, `course_id`,
    `usage_id`, `weighted_earned`, `weighted_possible`, `modified` and `score_deleted`."""
    course, user, problem = kwargs.get("course_id"), kwargs.get("user_id"), kwargs.get("usage_id")
    if not (course and user and problem):
        return
    if kwargs.get("score_deleted"):
        api.forget_score(str(course), str(user), str(problem))
        return
    api.record_score(
        str(course),
        str(user),
        str(problem),
        float(kwargs.get("weighted_earned") or 0),
        float(kwargs.get("weighted_possible") or 0),
        kwargs.get("modified"),
    )
