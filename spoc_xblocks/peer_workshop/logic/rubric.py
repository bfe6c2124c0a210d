"""The rubric: criteria with levels worth points, comment rules, and the checks on a rubric and on a
review.

A criterion with no levels is comment-only (ORA2's "feedback-only"): reviewers write a comment on
it, and it is worth no points."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from spoc_xblocks.common.text import Message, _

FEEDBACK_NONE, FEEDBACK_OPTIONAL, FEEDBACK_REQUIRED = "none", "optional", "required"
FEEDBACK_RULES = (FEEDBACK_NONE, FEEDBACK_OPTIONAL, FEEDBACK_REQUIRED)
MAX_COMMENT_LENGTH = 5000


@dataclass(frozen=True)
class Option:
    name: str
    label: str
    points: int
    explanation: str = ""


@dataclass(frozen=True)
class Criterion:
    name: str
    label: str
    prompt: str
    options: tuple[Option, ...]
    feedback: str = FEEDBACK_OPTIONAL

    # Worked out once per parsed rubric (parse_rubric keeps one per text): grading asks for them
    # for every review of the cohort.
    @cached_property
    def max_points(self) -> int:
        return max((option.points for option in self.options), default=0)

    @cached_property
    def min_points(self) -> int:
        return min((option.points for option in self.options), default=0)

    @property
    def comment_only(self) -> bool:
        return not self.options

    @cached_property
    def _options_by_name(self) -> dict[str, Option]:
        # reversed: the first of a duplicated name wins, as the linear search did
        return {option.name: option for option in reversed(self.options)}

    def option(self, name: str) -> Option | None:
        return self._options_by_name.get(name)


@dataclass(frozen=True)
class Rubric:
    criteria: tuple[Criterion, ...]
    overall_feedback: str = FEEDBACK_OPTIONAL
    overall_prompt: str = ""
    overall_placeholder: str = ""  # greyed in the empty overall comment box (ORA2's default text)

    @cached_property
    def max_points(self) -> int:
        return sum(criterion.max_points for criterion in self.criteria)

    @cached_property
    def scored_criteria(self) -> tuple[Criterion, ...]:
        """The criteria with levels: those that give points."""
        return tuple(criterion for criterion in self.criteria if not criterion.comment_only)

    @cached_property
    def _criteria_by_name(self) -> dict[str, Criterion]:
        return {criterion.name: criterion for criterion in reversed(self.criteria)}

    def criterion(self, name: str) -> Criterion | None:
        return self._criteria_by_name.get(name)


@dataclass(frozen=True)
class Problem(Message):
    """What keeps a rubric or a review from being used."""


def rubric_problems(rubric: Rubric) -> list[Problem]:
    """What prevents a rubric from being used; an empty list when it is sound."""
    problems = []
    if not rubric.criteria:
        problems.append(Problem(_("The rubric needs at least one criterion.")))
    seen = set()
    for criterion in rubric.criteria:
        if criterion.name in seen:
            problems.append(
                Problem(_("Two criteria are named '{name}'."), {"name": criterion.name})
            )
        seen.add(criterion.name)
        if criterion.comment_only:
            if criterion.feedback == FEEDBACK_NONE:
                problems.append(
                    Problem(
                        _(
                            "Criterion '{name}' has no levels and takes no comment: give it "
                            "levels, or make its comment optional or required."
                        ),
                        {"name": criterion.name},
                    )
                )
            continue
        if len(criterion.options) < 2:
            problems.append(
                Problem(
                    _("Criterion '{name}' needs at least two levels."), {"name": criterion.name}
                )
            )
        names = [option.name for option in criterion.options]
        if len(set(names)) != len(names):
            problems.append(
                Problem(
                    _("Criterion '{name}' has two levels with the same name."),
                    {"name": criterion.name},
                )
            )
        if any(option.points < 0 for option in criterion.options):
            problems.append(
                Problem(
                    _("Criterion '{name}' has a level with negative points."),
                    {"name": criterion.name},
                )
            )
    if rubric.criteria and not rubric.scored_criteria:
        problems.append(
            Problem(
                _(
                    "The rubric needs at least one criterion with levels: comment-only criteria "
                    "give no points."
                )
            )
        )
    elif rubric.criteria and rubric.max_points <= 0:
        problems.append(Problem(_("The rubric is worth no points: give some levels points.")))
    return problems


@dataclass(frozen=True)
class ReviewCheck:
    points: dict  # criterion name -> points of the chosen level
    problems: list  # Problem, empty when the review may be submitted


def check_review(
    rubric: Rubric, options: dict, comments: dict, overall: str, final: bool
) -> ReviewCheck:
    """Read a review against the rubric; a final review must choose a level everywhere and fill
    required comments.

    Unknown criteria or levels are always problems (a forged request); missing answers only for a
    final one."""
    problems, points = [], {}
    for name in set(options) | set(comments):
        if rubric.criterion(name) is None:
            problems.append(
                Problem(_("The rubric has no criterion '{name}'."), {"name": name[:50]})
            )
    for criterion in rubric.criteria:
        chosen = options.get(criterion.name) or ""
        if chosen and criterion.comment_only:
            problems.append(
                Problem(_("'{label}' takes a comment, not a level."), {"label": criterion.label})
            )
        elif chosen:
            option = criterion.option(chosen)
            if option is None:
                problems.append(
                    Problem(
                        _("Criterion '{label}' has no level '{name}'."),
                        {"label": criterion.label, "name": chosen[:50]},
                    )
                )
            else:
                points[criterion.name] = option.points
        elif final and not criterion.comment_only:
            problems.append(Problem(_("Choose a level for '{label}'."), {"label": criterion.label}))
        comment = (comments.get(criterion.name) or "").strip()
        if final and criterion.feedback == FEEDBACK_REQUIRED and not comment:
            problems.append(
                Problem(_("A comment is required for '{label}'."), {"label": criterion.label})
            )
        if comment and criterion.feedback == FEEDBACK_NONE:
            problems.append(Problem(_("'{label}' takes no comment."), {"label": criterion.label}))
    if final and rubric.overall_feedback == FEEDBACK_REQUIRED and not overall.strip():
        problems.append(Problem(_("An overall comment is required.")))
    return ReviewCheck(points, problems)


def points_for(rubric: Rubric, options: dict) -> dict:
    """Points of the chosen levels that the rubric still knows (a level may have been renamed
    since)."""
    points = {}
    for criterion in rubric.criteria:
        option = criterion.option(options.get(criterion.name) or "")
        if option is not None:
            points[criterion.name] = option.points
    return points
