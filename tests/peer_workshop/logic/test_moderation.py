"""The moderation queue: disagreement above the threshold, flags, very short reviews, missing
assessments."""

from spoc_xblocks.peer_workshop.logic.grading import PEER, TRAINER
from spoc_xblocks.peer_workshop.logic.moderation import (
    FLAGGED,
    SHORT,
    SPREAD,
    TRAINER_NEEDED,
    UNREVIEWED,
    ModerationRules,
    ReviewFacts,
    moderation_queue,
)
from spoc_xblocks.peer_workshop.logic.rubric import Criterion, Option, Rubric

RUBRIC = Rubric(
    (Criterion("clarity", "Clarity", "", (Option("low", "Low", 0), Option("high", "High", 4))),)
)


def facts(key, clarity, length=100, flagged=False, kind=PEER):
    return ReviewFacts(key, f"reviewer{key}", kind, {"clarity": clarity}, length, flagged)


def kinds(queue):
    return [item.kind for item in queue]


def test_disagreement_above_the_threshold_is_one_item_per_submission_naming_its_criteria():
    rubric = Rubric(
        (
            *RUBRIC.criteria,
            Criterion("tone", "Tone", "", (Option("cold", "Cold", 0), Option("warm", "Warm", 2))),
        )
    )

    def both(key, clarity, tone):
        return ReviewFacts(key, f"reviewer{key}", PEER, {"clarity": clarity, "tone": tone}, 100)

    reviews = {
        "ana": [both("1", 0, 0), both("2", 4, 2), both("5", 3, 2)],
        "ben": [both("3", 4, 2), both("4", 4, 2)],
    }
    queue = moderation_queue(
        rubric, reviews, ["ana", "ben"], ModerationRules(spread_threshold=0.5), set()
    )
    assert kinds(queue) == [SPREAD]
    assert queue[0].key == "spread:ana" and queue[0].author == "ana"
    assert queue[0].criteria == ("clarity", "tone") and queue[0].spread == 1.0


def test_flags_come_first_and_short_reviews_are_queued():
    reviews = {"ana": [facts("1", 4, length=5), facts("2", 4, flagged=True)]}
    queue = moderation_queue(
        RUBRIC, reviews, ["ana"], ModerationRules(min_comment_length=20), set()
    )
    assert kinds(queue) == [FLAGGED, SHORT]
    assert queue[0].review == "2" and queue[1].review == "1"


def test_resolved_items_leave_the_queue():
    reviews = {"ana": [facts("1", 4, flagged=True)]}
    assert moderation_queue(RUBRIC, reviews, ["ana"], ModerationRules(), {"flag:1"}) == []


def test_missing_assessments_reach_the_trainer():
    rules = ModerationRules(review_closed=True)
    assert kinds(moderation_queue(RUBRIC, {}, ["ana"], rules, set())) == [UNREVIEWED]
    trainer_only = ModerationRules(trainer_only=True)
    assert kinds(
        moderation_queue(RUBRIC, {"ana": [facts("1", 4)]}, ["ana"], trainer_only, set())
    ) == [TRAINER_NEEDED]
    assessed = {"ana": [facts("t", 4, kind=TRAINER)]}
    assert moderation_queue(RUBRIC, assessed, ["ana"], trainer_only, set()) == []
