"""Best reachable totals and score ranges, computed from the graph with loops, conditions and
once-only choices."""

import pytest

from spoc_xblocks.serious_game.logic.scoring import best_totals, ratio, score_range
from spoc_xblocks.serious_game.logic.statespace import ExplorationBound
from tests.serious_game.logic.scenarios import (
    add,
    choice,
    content,
    decision,
    demo_scenario,
    ending,
    practice_loop,
    retry_question,
    scenario,
)


def test_best_totals_per_competency_may_come_from_different_paths():
    best = best_totals(demo_scenario())
    assert best.per_competency == {"empathy": 3, "compliance": 3}
    assert best.total == 5
    assert best.complete and not best.unbounded_loops


def test_loop_that_earns_points_every_time_is_unbounded_and_named():
    best = best_totals(practice_loop())
    assert best.unbounded_loops == (("desk", "drill"),)
    assert (
        best.total == 3
    )  # within the bound: loop_passes (3) times the loop's 2 states, so 3 rounds
    assert best_totals(practice_loop(), ExplorationBound(loop_passes=5)).total == 5


def test_once_only_choice_bounds_a_point_earning_loop():
    best = best_totals(practice_loop(once=True))
    assert best.unbounded_loops == ()
    assert best.total == 1


def test_counter_condition_bounds_a_point_earning_loop():
    best = best_totals(practice_loop(condition="tries < 3", effects=(add("tries", 1),)))
    assert best.unbounded_loops == ()
    assert best.total == 3


def test_unguarded_counter_in_a_loop_is_still_found_unbounded():
    best = best_totals(practice_loop(effects=(add("tries", 1),)))
    assert best.unbounded_loops == (("desk", "drill"),)


def test_choice_whose_condition_is_never_true_does_not_count_towards_the_best():
    scenario_ = scenario(
        "a",
        decision(
            "a",
            choice("jackpot", "end", condition="false", points=(("skill", 10),)),
            choice("plain", "end", points=(("skill", 1),)),
        ),
        ending("end"),
        competencies=("skill",),
    )
    assert best_totals(scenario_).total == 1


def test_loop_that_costs_points_is_not_unbounded():
    best = best_totals(practice_loop())
    penalty = scenario(
        "desk",
        decision(
            "desk",
            choice("retry", "drill", points=(("skill", -1),)),
            choice("pass", "end", points=(("skill", 2),)),
        ),
        content("drill", "desk"),
        ending("end"),
        competencies=("skill",),
    )
    assert best.unbounded_loops
    assert best_totals(penalty).unbounded_loops == ()
    assert best_totals(penalty).total == 2


def test_loop_that_gains_and_loses_the_same_is_not_unbounded():
    scenario_ = scenario(
        "a",
        decision("a", choice("up", "b", points=(("skill", 2),)), choice("stop", "end")),
        decision("b", choice("down", "a", points=(("skill", -2),)), choice("stop", "end")),
        ending("end"),
        competencies=("skill",),
    )
    best = best_totals(scenario_)
    assert best.unbounded_loops == ()
    assert best.total == 2


def test_no_reachable_ending_gives_zero_best():
    scenario_ = scenario(
        "a",
        decision("a", choice("x", "b", points=(("skill", 5),)), choice("y", "b")),
        content("b", "a"),
        competencies=("skill",),
    )
    assert best_totals(scenario_).total == 0
    assert score_range(scenario_).by_path is None


def test_exhausted_budget_is_reported_not_guessed():
    best = best_totals(demo_scenario(), ExplorationBound(max_states=4))
    assert best.complete is False


def test_score_range_by_ending_by_path_and_per_competency():
    scores = score_range(demo_scenario())
    assert (scores.by_ending.low, scores.by_ending.high) == (0.0, 1.0)
    assert (scores.by_path.low, scores.by_path.high) == (0.0, 1.0)
    assert scores.competencies["empathy"].high == 1.0
    assert scores.complete


def test_score_range_low_end_is_the_worst_finished_run():
    scenario_ = scenario(
        "a",
        decision(
            "a",
            choice("good", "end", points=(("skill", 4),)),
            choice("fair", "end", points=(("skill", 1),)),
        ),
        ending("end", 80),
        competencies=("skill",),
    )
    scores = score_range(scenario_)
    assert scores.by_path.low == pytest.approx(0.25)
    assert (scores.by_ending.low, scores.by_ending.high) == (0.8, 0.8)


@pytest.mark.parametrize(
    ("value", "best", "expected"), [(3, 4, 0.75), (5, 4, 1.0), (-1, 4, 0.0), (3, 0, 0.0)]
)
def test_ratio_is_clamped_to_zero_one_and_zero_when_nothing_can_be_earned(value, best, expected):
    assert ratio(value, best) == expected


def _partial_scenario(path_minimum: float):
    """Two ways out: a good choice earning 4 points, and a shortcut to a partial ending that earns
    nothing on the way."""
    return scenario(
        "s",
        decision(
            "s",
            choice("good", "win", points=(("skill", 4),)),
            choice("shortcut", "half"),
        ),
        ending("win"),
        ending("half", 50, "partial", path_minimum=path_minimum),
        competencies=("skill",),
    )


def test_by_path_a_partial_ending_is_worth_its_path_minimum():
    from spoc_xblocks.serious_game.logic.engine import outcome, replay

    partial = _partial_scenario(50)
    result = outcome(partial, replay(partial, "", ["shortcut"]), "path")
    assert result["score"] == 0.5 and result["path_share"] == 0 and result["path_minimum"] == 50
    earned = outcome(partial, replay(partial, "", ["good"]), "path")
    assert earned["score"] == 1


def test_the_path_score_range_counts_the_path_minimum():
    assert score_range(_partial_scenario(0)).by_path.low == 0
    assert score_range(_partial_scenario(50)).by_path.low == 0.5


@pytest.mark.parametrize(("scoring", "best"), [("once", 1), ("last-per-node", 0)])
def test_a_loop_is_bounded_when_points_count_once_or_for_a_nodes_last_choice(scoring, best):
    """Counted once, practising earns its point once; counted for the desk's last choice, leaving
    (no points) replaces practising, so the best run earns nothing."""
    totals = best_totals(practice_loop(scoring))
    assert totals.unbounded_loops == () and totals.complete
    assert totals.total == best


@pytest.mark.parametrize("scoring", ["once", "last-per-node"])
def test_a_retried_question_is_worth_its_best_answer_once(scoring):
    totals = best_totals(retry_question(scoring))
    assert (totals.total, totals.unbounded_loops) == (2, ())
    assert score_range(retry_question(scoring)).competencies["skill"].high == 1
