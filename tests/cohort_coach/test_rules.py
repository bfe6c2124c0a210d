"""At-risk rules: each reason fires at its threshold and not below, says why in figures, and 0
switches it off."""

import pytest

from spoc_xblocks.cohort_coach.logic.rules import (
    MIN_MEDIAN_INTERACTIONS,
    MIN_PEERS,
    Cohort,
    Signals,
    Thresholds,
    at_risk_reasons,
    cohort_figures,
)

LIMITS = Thresholds()
QUIET_COHORT = Cohort(learners=15, progress_median=None, interactions_median=None, days_running=30)


def codes(signals, cohort=QUIET_COHORT, limits=LIMITS):
    return [reason.code for reason in at_risk_reasons(signals, cohort, limits)]


def reason(signals, code, cohort=QUIET_COHORT, limits=LIMITS):
    found = [item for item in at_risk_reasons(signals, cohort, limits) if item.code == code]
    return found[0] if found else None


def learner(**values):
    return Signals(learner_id="a", days_inactive=0, **values)


def test_a_learner_with_nothing_wrong_has_no_reason():
    assert (
        codes(learner(confidences=(4, 4), interactions=10, progress_percent=50, score_percent=80))
        == []
    )


@pytest.mark.parametrize("days, fires", [(6, False), (7, True), (8, True)])
def test_inactivity_fires_at_the_threshold_in_days(days, fires):
    found = reason(Signals("a", days_inactive=days), "inactive")
    assert (found is not None) is fires
    if fires:
        assert found.params == {"days": days}


@pytest.mark.parametrize("running, fires", [(6, False), (7, True)])
def test_a_learner_never_active_is_flagged_once_the_course_has_run_the_inactivity_threshold(
    running, fires
):
    cohort = Cohort(
        learners=15, progress_median=None, interactions_median=None, days_running=running
    )
    found = reason(Signals("a", days_inactive=None), "never_active", cohort)
    assert (found is not None) is fires
    assert reason(Signals("a", days_inactive=None), "inactive", cohort) is None


@pytest.mark.parametrize("missed, fires", [(1, False), (2, True), (3, True)])
def test_missed_checkins_fire_at_the_threshold(missed, fires):
    found = reason(learner(missed_in_a_row=missed), "missed_checkins")
    assert (found is not None) is fires
    if fires:
        assert found.params == {"count": missed}


@pytest.mark.parametrize(
    "series, fires", [((4, 3), False), ((4, 2), True), ((5, 4, 4, 2), True), ((2, 4), False)]
)
def test_a_confidence_drop_fires_at_the_threshold_against_the_highest_of_the_three_before(
    series, fires
):
    found = reason(learner(confidences=series), "confidence_fell")
    assert (found is not None) is fires
    if fires:
        assert found.params == {"before": max(series[-4:-1]), "after": series[-1]}


def test_a_drop_older_than_the_lookback_does_not_count():
    assert reason(learner(confidences=(5, 3, 3, 3, 3)), "confidence_fell") is None


@pytest.mark.parametrize("latest, fires", [(2, False), (1, True)])
def test_low_confidence_fires_at_the_floor(latest, fires):
    assert (reason(learner(confidences=(latest,)), "confidence_low") is not None) is fires


def test_a_fall_that_ends_low_is_told_once_as_a_fall():
    assert codes(learner(confidences=(3, 1))) == ["confidence_fell"]


@pytest.mark.parametrize("overdue, fires", [(0, False), (1, True)])
def test_an_overdue_workshop_submission_fires(overdue, fires):
    found = reason(learner(overdue_workshops=overdue), "overdue_workshop")
    assert (found is not None) is fires


def test_overdue_work_waits_for_the_number_the_author_set():
    limits = Thresholds(overdue_items=2)
    assert codes(learner(overdue_workshops=1), limits=limits) == []
    assert codes(learner(overdue_workshops=1, overdue_other=1), limits=limits) == [
        "overdue_workshop",
        "overdue_work",
    ]


@pytest.mark.parametrize("score, fires", [(26, False), (25, True), (0, True)])
def test_a_low_score_fires_at_the_floor(score, fires):
    found = reason(learner(score_percent=score), "low_score")
    assert (found is not None) is fires
    if fires:
        assert found.params == {"value": score, "floor": 25}


@pytest.mark.parametrize("progress, fires", [(31, False), (30, True), (0, True)])
def test_falling_behind_the_cohort_median_fires_at_the_gap(progress, fires):
    cohort = Cohort(learners=15, progress_median=60, interactions_median=None)
    found = reason(learner(progress_percent=progress), "behind_cohort", cohort)
    assert (found is not None) is fires
    if fires:
        assert found.params == {"value": progress, "median": 60}


@pytest.mark.parametrize("interactions, fires", [(6, False), (5, True)])
def test_low_participation_fires_at_the_share_of_the_median(interactions, fires):
    cohort = Cohort(learners=15, progress_median=None, interactions_median=20)
    assert (
        reason(learner(interactions=interactions), "low_participation", cohort) is not None
    ) is fires


def test_peer_rules_wait_for_enough_learners():
    small = Cohort(learners=MIN_PEERS - 1, progress_median=80, interactions_median=40)
    assert codes(learner(progress_percent=0, interactions=0), small) == []
    enough = Cohort(learners=MIN_PEERS, progress_median=80, interactions_median=40)
    assert codes(learner(progress_percent=0, interactions=0), enough) == [
        "behind_cohort",
        "low_participation",
    ]


def test_participation_is_not_compared_while_everyone_has_few_interactions():
    cohort = Cohort(
        learners=15, progress_median=None, interactions_median=MIN_MEDIAN_INTERACTIONS - 1
    )
    assert reason(learner(interactions=0), "low_participation", cohort) is None


def test_a_learner_never_active_is_not_also_told_they_participate_little():
    cohort = Cohort(learners=15, progress_median=None, interactions_median=20, days_running=10)
    assert codes(Signals("a", days_inactive=None, interactions=0), cohort) == ["never_active"]


def test_zero_switches_every_rule_off():
    off = Thresholds(**dict.fromkeys(Thresholds().as_dict(), 0))
    cohort = Cohort(learners=15, progress_median=90, interactions_median=50, days_running=60)
    worst = Signals(
        "a",
        days_inactive=60,
        interactions=0,
        confidences=(5, 1),
        missed_in_a_row=9,
        progress_percent=0,
        score_percent=0,
        overdue_workshops=3,
        overdue_other=2,
    )
    assert codes(worst, cohort, off) == []
    assert len(codes(worst, cohort)) == 8


def test_cohort_figures_are_medians_over_learners_with_data():
    signals = [
        Signals("a", interactions=2, progress_percent=10),
        Signals("b", interactions=4, progress_percent=None),
        Signals("c", interactions=9, progress_percent=50),
    ]
    cohort = cohort_figures(signals, days_running=3)
    assert (cohort.learners, cohort.progress_median, cohort.interactions_median) == (3, 30, 4)


def test_thresholds_come_from_stored_settings_with_defaults():
    limits = Thresholds.from_dict({"inactive_days": "10", "unknown": 3})
    assert limits.inactive_days == 10 and limits.missed_checkins == Thresholds().missed_checkins
