"""The SPOC's KPIs from the cohort reads: completion, weekly activity, exchanges, sticking points,
satisfaction, skills delta and what followed the trainer's contacts."""

from datetime import UTC, datetime, timedelta

from spoc_xblocks.cohort_coach.logic import kpis

NOW = datetime(2026, 3, 18, 12, 0, tzinfo=UTC)
LEARNERS = ["a", "b", "c", "d"]


def row(learner, usage, state="done", block_type="spoc_serious_game", updated=NOW, due=None):
    return {
        "usage_key": usage,
        "block_type": block_type,
        "learner_id": learner,
        "state": state,
        "score": None,
        "due": due,
        "done_at": None,
        "updated": updated,
    }


def test_completion_counts_learners_who_finished_every_spoc_block():
    rows = [
        row("a", "g"),
        row("a", "w", block_type="spoc_peer_workshop"),
        row("b", "g"),
        row("b", "w", "started", "spoc_peer_workshop"),
        row("c", "coach", block_type="spoc_cohort_coach"),
    ]
    figures = kpis.completion(LEARNERS, rows, NOW)
    assert figures == {
        "learners": 4,
        "blocks": 2,
        "open_blocks": 0,
        "completed": 1,
        "percent": 25,
        "average_progress": 38,
    }


def test_completion_is_unknown_before_any_block_is_started():
    assert kpis.completion(LEARNERS, [], NOW)["percent"] is None


def test_completion_leaves_out_blocks_still_open_so_it_can_be_reached_before_the_end():
    rows = [
        row("a", "g"),
        row("a", "w", "started", "spoc_peer_workshop"),
        row("a", "quiz"),
        row("b", "g"),
        row("b", "quiz", "started", due=NOW + timedelta(days=2)),
        row("c", "g"),
        row("c", "quiz", "started", due=NOW - timedelta(days=2)),
    ]
    figures = kpis.completion(LEARNERS, rows, NOW, open_blocks={"w"})
    assert (figures["completed"], figures["percent"], figures["open_blocks"]) == (2, 50, 1)
    everything_open = kpis.completion(LEARNERS, [row("a", "w", "started")], NOW, {"w"})
    assert everything_open["completed"] == 0


def test_active_this_week_means_an_activity_in_the_last_seven_days():
    activity = {
        "a": {"last_activity": NOW - timedelta(days=6, hours=23)},
        "b": {"last_activity": NOW - timedelta(days=8)},
        "c": {"last_activity": None},
    }
    assert kpis.active_this_week(LEARNERS, activity, NOW) == {
        "learners": 4,
        "active": 1,
        "percent": 25,
    }


def test_participation_counts_learners_and_exchanges_per_kind():
    exchanges = {
        "a": {"checkin_posted": 3, "review_submitted": 2},
        "b": {"checkin_posted": 1},
        "x": {"checkin_posted": 9},
    }
    rows = {row["verb"]: row for row in kpis.participation(LEARNERS, exchanges)}
    assert rows["checkin_posted"] == {
        "verb": "checkin_posted",
        "learners": 2,
        "total": 4,
        "percent": 50,
    }
    assert rows["review_submitted"] == {
        "verb": "review_submitted",
        "learners": 1,
        "total": 2,
        "percent": 25,
    }


def test_sticking_points_rank_blocks_started_and_not_finished_and_where_inactive_learners_stopped():
    old = NOW - timedelta(days=20)
    rows = [
        row("a", "game", "started", updated=old),
        row("a", "shop", "started", "spoc_peer_workshop", updated=NOW),
        row("b", "shop", "started", "spoc_peer_workshop", updated=old),
        row("c", "shop", block_type="spoc_peer_workshop"),
        row("d", "game", "done"),
        row("outsider", "game", "started"),
    ]
    activity = {
        "a": {"last_activity": NOW - timedelta(days=9)},
        "b": {"last_activity": NOW},
        "d": {"last_activity": NOW},
    }
    points = kpis.sticking_points(LEARNERS, rows, activity, NOW, inactive_days=7)
    assert [
        (point["usage_key"], point["started"], point["done"], point["stuck"], point["stopped_here"])
        for point in points
    ] == [("shop", 3, 1, 2, 1), ("game", 2, 1, 1, 0)]


def test_work_unfinished_by_design_is_in_progress_not_a_sticking_point():
    old = NOW - timedelta(days=20)
    rows = [
        row("a", "shop", "started", "spoc_peer_workshop", updated=old),
        row("b", "shop", "started", "spoc_peer_workshop", updated=old),
        row("a", "quiz", "started", updated=old, due=NOW + timedelta(days=1)),
        row("b", "quiz", "started", updated=old, due=NOW - timedelta(days=1)),
    ]
    activity = {"a": {"last_activity": old}, "b": {"last_activity": old}}
    points = kpis.sticking_points(LEARNERS, rows, activity, NOW, 7, open_blocks={"shop"})
    assert [
        (point["usage_key"], point["in_progress"], point["stuck"], point["stopped_here"])
        for point in points
    ] == [("quiz", 1, 1, 1)]


def test_interventions_say_how_many_contacted_learners_came_back_and_how_fast():
    flags = [
        {"learner_id": "a", "contacted_at": NOW - timedelta(days=5)},
        {"learner_id": "b", "contacted_at": NOW - timedelta(days=5)},
        {"learner_id": "c", "contacted_at": NOW - timedelta(days=1)},
        {"learner_id": "d", "contacted_at": None},
    ]
    activity = {
        "a": {"last_activity": NOW - timedelta(days=2)},
        "b": {"last_activity": NOW - timedelta(days=6)},
        "c": {"last_activity": NOW},
    }
    assert kpis.interventions(flags, activity, NOW) == {
        "contacted": 3,
        "active_again": 2,
        "percent": 67,
        "median_days": 2,
    }


def test_satisfaction_and_skills_are_kept_only_when_answers_exist():
    assert kpis.satisfaction(None) is None and kpis.satisfaction({"responses": 0}) is None
    assert kpis.satisfaction(
        {"responses": 7, "average_percent": 81, "nps": 29, "by_learner": {"x": 1}}
    ) == {"responses": 7, "average_percent": 81, "nps": 29}
    assert kpis.skills_delta({"learners": 0, "competencies": []}) is None
    skills = {
        "learners": 5,
        "by_learner": {},
        "competencies": [
            {
                "id": "listen",
                "label": "Listening",
                "before_average": 2.2,
                "after_average": 3.6,
                "delta_average": 1.4,
                "delta_spread": 0.5,
            }
        ],
    }
    assert kpis.skills_delta(skills) == {"learners": 5, "competencies": skills["competencies"]}
