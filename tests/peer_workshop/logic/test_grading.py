"""Grade aggregation: median or mean per criterion, the trainer blend, the grade for reviewing,
overrides."""

import pytest

from spoc_xblocks.peer_workshop.logic.grading import (
    BASIS_BLEND,
    BASIS_PEERS,
    BASIS_PENDING,
    BASIS_TRAINER,
    MEAN,
    MEDIAN,
    PEER,
    TRAINER,
    Assessment,
    Rules,
    aggregate,
    final_grade,
    review_accuracy,
    reviewing_score,
    score_submission,
    workshop_grades,
)
from spoc_xblocks.peer_workshop.logic.rubric import Criterion, Option, Rubric

RUBRIC = Rubric(
    (
        Criterion(
            "clarity",
            "Clarity",
            "",
            (Option("low", "Low", 0), Option("mid", "Mid", 2), Option("high", "High", 4)),
        ),
        Criterion("tone", "Tone", "", (Option("cold", "Cold", 0), Option("warm", "Warm", 6))),
    )
)


def peer(key, reviewer, clarity, tone, **kwargs):
    return Assessment(key, reviewer, PEER, {"clarity": clarity, "tone": tone}, **kwargs)


def trainer(clarity, tone):
    return Assessment("t", "@trainer", TRAINER, {"clarity": clarity, "tone": tone})


def test_aggregate_median_and_mean():
    assert aggregate([0, 4, 4], MEDIAN) == 4
    assert aggregate([0, 2, 4, 4], MEDIAN) == 3
    assert aggregate([0, 4, 4], MEAN) == pytest.approx(8 / 3)
    assert aggregate([], MEDIAN) is None


def test_peers_only_takes_the_median_per_criterion():
    result = score_submission(
        RUBRIC, [peer("1", "a", 0, 6), peer("2", "b", 4, 6), peer("3", "c", 4, 0)], Rules()
    )
    assert result.basis == BASIS_PEERS
    assert [score.value for score in result.criteria] == [4, 6]
    assert result.earned == 10 and result.possible == 10 and result.fraction == 1


def test_one_outlier_moves_the_mean_but_not_the_median():
    reviews = [peer("1", "a", 4, 6), peer("2", "b", 4, 6), peer("3", "c", 0, 0)]
    assert score_submission(RUBRIC, reviews, Rules(MEDIAN)).fraction == 1
    assert score_submission(RUBRIC, reviews, Rules(MEAN)).fraction == pytest.approx(
        (8 / 3 + 4) / 10
    )


def test_the_trainer_blend_weights_each_criterion():
    result = score_submission(
        RUBRIC, [peer("1", "a", 4, 6), peer("2", "b", 4, 6), trainer(2, 0)], Rules(peer_weight=0.7)
    )
    assert result.basis == BASIS_BLEND and result.peer_share == 0.7
    assert [score.value for score in result.criteria] == pytest.approx([0.7 * 4 + 0.3 * 2, 0.7 * 6])
    assert [score.trainer_value for score in result.criteria] == [2, 0]


def test_without_the_trainer_a_blend_falls_back_to_peers_and_without_peers_to_the_trainer():
    assert (
        score_submission(RUBRIC, [peer("1", "a", 4, 6)], Rules(peer_weight=0.5)).basis
        == BASIS_PEERS
    )
    only_trainer = score_submission(RUBRIC, [trainer(2, 6)], Rules(peer_weight=1))
    assert only_trainer.basis == BASIS_TRAINER and only_trainer.fraction == 0.8


def test_when_peers_only_count_the_trainers_assessment_decides_the_work():
    reviews = [peer("1", "a", 4, 6), peer("2", "b", 4, 6), trainer(2, 0)]
    result = score_submission(RUBRIC, reviews, Rules(peer_weight=1))
    assert result.basis == BASIS_TRAINER and result.peer_share == 0
    assert result.fraction == pytest.approx(0.2)


def test_trainer_only_waits_for_the_trainer_and_nothing_is_pending():
    assert (
        score_submission(RUBRIC, [peer("1", "a", 4, 6)], Rules(peer_weight=0)).basis
        == BASIS_PENDING
    )
    assert score_submission(RUBRIC, [], Rules()).fraction is None


def test_an_excluded_review_does_not_count():
    reviews = [peer("1", "a", 4, 6), peer("2", "b", 0, 0, excluded=True)]
    assert score_submission(RUBRIC, reviews, Rules(MEAN)).fraction == 1


def test_review_accuracy_measures_distance_to_the_final_score_in_share_of_each_range():
    result = score_submission(
        RUBRIC, [peer("1", "a", 4, 6), peer("2", "b", 4, 6), peer("3", "c", 0, 6)], Rules()
    )
    assert review_accuracy(RUBRIC, peer("1", "a", 4, 6), result) == 1
    assert review_accuracy(RUBRIC, peer("3", "c", 0, 6), result) == pytest.approx(1 - (1 + 0) / 2)


def test_reviewing_score_counts_missed_reviews_as_zero():
    assert reviewing_score([1.0, 0.5], expected=2) == 0.75
    assert reviewing_score([1.0], expected=3) == pytest.approx(1 / 3)
    assert reviewing_score([], expected=0) is None


def test_final_grade_blends_work_and_reviewing_and_an_override_wins():
    result = score_submission(RUBRIC, [peer("1", "a", 2, 6)], Rules())
    grade = final_grade("x", result, 0.5, Rules(reviewing_weight=0.2))
    assert grade.computed == pytest.approx(0.8 * 0.8 + 0.2 * 0.5)
    assert final_grade("x", result, 0.5, Rules(reviewing_weight=0.2), override=0.95).value == 0.95


def test_workshop_grades_use_every_review_once():
    by_author = {
        "ana": [peer("1", "ben", 4, 6), peer("2", "cleo", 4, 6)],
        "ben": [peer("3", "ana", 2, 0), peer("4", "cleo", 2, 0)],
        "cleo": [peer("5", "ana", 0, 6), peer("6", "ben", 4, 6)],
    }
    grades = workshop_grades(
        RUBRIC, by_author, {"ana": 2, "ben": 2, "cleo": 2}, Rules(reviewing_weight=0.5)
    )
    assert grades["ana"].submission.fraction == 1
    assert grades["ben"].submission.fraction == 0.2
    # ana's reviews: of ben exact (1.0); of cleo, final clarity is 2 (median of 0 and 4): 1 - (2/4 +
    # 0) / 2
    assert grades["ana"].reviewing == pytest.approx((1 + 0.75) / 2)
    assert grades["ana"].value == pytest.approx(0.5 * 1 + 0.5 * grades["ana"].reviewing)


# A comment-only criterion placed first: it must shift nothing in the scores that follow it.
WITH_ADVICE = Rubric((Criterion("advice", "Advice", "", (), "required"), *RUBRIC.criteria))


def test_a_comment_only_criterion_gives_no_points_and_leaves_the_maximum_alone():
    reviews = [peer("1", "a", 4, 6), peer("2", "b", 2, 0), peer("3", "c", 4, 6)]
    with_advice = score_submission(WITH_ADVICE, reviews, Rules())
    assert [score.name for score in with_advice.criteria] == ["clarity", "tone"]
    assert with_advice == score_submission(RUBRIC, reviews, Rules())
    assert with_advice.possible == 10 and with_advice.earned == 10
    accuracy = review_accuracy(WITH_ADVICE, peer("2", "b", 2, 0), with_advice)
    assert accuracy == review_accuracy(RUBRIC, peer("2", "b", 2, 0), with_advice)
    assert accuracy == pytest.approx(1 - (0.5 + 1) / 2)
