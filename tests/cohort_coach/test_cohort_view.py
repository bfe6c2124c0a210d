"""The dashboard's rows, built from the cohort reads: progress across SPOC blocks, scores, overdue
work, regularity and the confidence trend, then the rules."""

from datetime import UTC, datetime, timedelta

from spoc_xblocks.cohort_coach.logic.cohort import CheckinSummary, CohortInputs, cohort_view
from spoc_xblocks.cohort_coach.logic.periods import cadence
from spoc_xblocks.cohort_coach.logic.rules import Thresholds

NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)
WEEKLY = cadence(7)
CURRENT = WEEKLY.period_of(NOW)


def progress_row(learner, usage, block_type, state="started", score=None, due=None, updated=NOW):
    return {
        "usage_key": usage,
        "block_type": block_type,
        "learner_id": learner,
        "state": state,
        "score": score,
        "due": due,
        "done_at": updated if state == "done" else None,
        "updated": updated,
    }


def checkins(*confidences, last_period=CURRENT, first_created=NOW - timedelta(days=21)):
    recent = tuple(
        {
            "period": last_period - len(confidences) + 1 + index,
            "confidence": value,
            "progress": 10 * index,
        }
        for index, value in enumerate(confidences)
    )
    return CheckinSummary(
        periods=len(confidences),
        first_period=recent[0]["period"],
        last_period=last_period,
        first_created=first_created,
        recent=recent,
    )


def build(
    learners, progress=(), activity=None, summaries=None, exchanges=None, limits=Thresholds()
):
    return cohort_view(
        CohortInputs(
            learner_ids=learners,
            activity=activity or {},
            exchanges=exchanges or {},
            progress_rows=list(progress),
            checkins=summaries or {},
            cadence=WEEKLY,
            now=NOW,
        ),
        limits,
    )


def row_of(view, learner):
    return next(row for row in view.rows if row.learner_id == learner)


def test_progress_counts_the_spoc_blocks_done_and_leaves_the_coach_out():
    view = build(
        ["a", "b"],
        [
            progress_row("a", "game", "spoc_serious_game", "done", 0.8),
            progress_row("a", "shop", "spoc_peer_workshop"),
            progress_row("b", "shop", "spoc_peer_workshop", "done", 0.6),
            progress_row("a", "coach", "spoc_cohort_coach", "done"),
        ],
    )
    a, b = row_of(view, "a"), row_of(view, "b")
    assert view.blocks_total == 2
    assert (a.blocks_done, a.progress_percent, a.game_score, a.workshop_score) == (1, 50, 80, None)
    assert (b.blocks_done, b.progress_percent, b.game_score, b.workshop_score) == (1, 50, None, 60)
    assert a.signals.score_percent == 80


def test_a_workshop_not_done_past_its_deadline_is_overdue_and_flagged():
    view = build(
        ["a", "b"],
        [
            progress_row("a", "shop", "spoc_peer_workshop", due=NOW - timedelta(hours=1)),
            progress_row(
                "b", "shop", "spoc_peer_workshop", "done", 0.7, due=NOW - timedelta(hours=1)
            ),
        ],
        activity={
            "a": {"last_activity": NOW, "interactions": 3},
            "b": {"last_activity": NOW, "interactions": 3},
        },
    )
    assert [reason.code for reason in row_of(view, "a").reasons] == ["overdue_workshop"]
    assert row_of(view, "b").reasons == []


def test_regularity_and_missed_check_ins_count_from_the_blocks_first_check_in():
    view = build(
        ["a", "b"],
        summaries={
            "a": checkins(4, 4, 4, 4),
            "b": checkins(4, last_period=CURRENT - 3),
        },
        activity={
            "a": {"last_activity": NOW, "interactions": 5},
            "b": {"last_activity": NOW, "interactions": 5},
        },
    )
    a, b = row_of(view, "a"), row_of(view, "b")
    assert (a.regularity.posted, a.regularity.expected, a.regularity.missed_in_a_row) == (4, 4, 0)
    assert (b.regularity.posted, b.regularity.expected, b.regularity.missed_in_a_row) == (1, 3, 2)
    assert [reason.code for reason in b.reasons] == ["missed_checkins"]


def test_the_confidence_trend_and_the_latest_progress_answer_come_from_recent_check_ins():
    view = build(
        ["a"],
        summaries={"a": checkins(4, 4, 3, 2)},
        activity={"a": {"last_activity": NOW, "interactions": 5}},
    )
    a = row_of(view, "a")
    assert a.confidences == (4, 4, 3, 2) and a.latest_progress_answer == 30
    assert [(reason.code, reason.params) for reason in a.reasons] == [
        ("confidence_fell", {"before": 4, "after": 2})
    ]


def test_days_inactive_and_never_active_count_from_the_earliest_thing_the_cohort_did():
    view = build(
        ["a", "b"],
        activity={"a": {"last_activity": NOW - timedelta(days=8, hours=1), "interactions": 4}},
        summaries={
            "a": checkins(3, last_period=CURRENT - 1, first_created=NOW - timedelta(days=10))
        },
    )
    a, b = row_of(view, "a"), row_of(view, "b")
    assert a.signals.days_inactive == 8 and a.last_activity == NOW - timedelta(days=8, hours=1)
    assert ("inactive", {"days": 8}) in [(reason.code, reason.params) for reason in a.reasons]
    assert [(reason.code, reason.params) for reason in b.reasons][0] == (
        "never_active",
        {"days": 10},
    )
    assert view.cohort.days_running == 10


def test_learners_behind_the_cohort_median_are_flagged_from_five_learners():
    learners = ["a", "b", "c", "d", "e"]
    rows = [
        progress_row(learner, block, "spoc_serious_game", "done", 0.9)
        for learner in learners[1:]
        for block in ("g1", "g2")
    ]
    rows.append(progress_row("a", "g1", "spoc_serious_game"))
    activity = {learner: {"last_activity": NOW, "interactions": 10} for learner in learners}
    view = build(learners, rows, activity=activity)
    assert view.cohort.progress_median == 100
    assert [reason.code for reason in row_of(view, "a").reasons] == ["behind_cohort"]
    assert build(learners[:4], rows, activity=activity).rows[0].reasons == []


def test_each_overdue_reason_names_its_block_and_says_it_in_words():
    from spoc_xblocks.cohort_coach.logic.phrases import reasons_text

    late = NOW - timedelta(hours=1)
    shop = progress_row("a", "shop", "spoc_peer_workshop", due=late)
    game = progress_row("a", "game", "spoc_serious_game", due=late)
    view = build(
        ["a"],
        [{**shop, "block_name": "Complaint workshop"}, {**game, "block_name": "Angry caller"}],
        activity={"a": {"last_activity": NOW, "interactions": 3}},
    )
    reasons = row_of(view, "a").reasons
    assert [(reason.code, reason.params["blocks"]) for reason in reasons] == [
        ("overdue_workshop", "Complaint workshop"),
        ("overdue_work", "Angry caller"),
    ]
    same = lambda text: text  # noqa: E731
    words = reasons_text(reasons, same, lambda one, many, count: one if count == 1 else many)
    assert words == ["workshop overdue: Complaint workshop", "1 activity overdue: Angry caller"]


def test_a_reason_stored_before_blocks_were_named_still_reads():
    from spoc_xblocks.cohort_coach.logic.phrases import reasons_text

    stored = [{"code": "overdue_workshop", "params": {"count": 1}}]
    words = reasons_text(stored, lambda text: text, lambda one, many, count: one)
    assert words == ["workshop submission overdue"]
