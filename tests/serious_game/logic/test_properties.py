"""Property tests on generated scenarios: replay is deterministic, scores stay within the best,
defects are found."""

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from spoc_xblocks.serious_game.logic.engine import options, outcome, replay, start, step
from spoc_xblocks.serious_game.logic.paths import list_paths
from spoc_xblocks.serious_game.logic.scoring import best_totals
from spoc_xblocks.serious_game.logic.validate import validate
from tests.serious_game.logic.scenarios import demo_scenario
from tests.serious_game.logic.strategies import DEFECTS, loose_scenarios, plant, valid_scenarios

PROPERTY_SETTINGS = settings(max_examples=150, deadline=None)
seeds = st.one_of(st.integers(0, 2**32), st.text(max_size=8))
picks = st.lists(st.integers(0, 9), max_size=40)


def random_run(scenario_, seed, choice_picks):
    """Step through the scenario picking among enabled options; return the state and the orders
    shown."""
    state = start(scenario_, seed)
    orders = []
    for pick in choice_picks:
        views = options(scenario_, state)
        enabled = [view.choice.id for view in views if view.enabled]
        if not enabled:
            break
        orders.append([(view.choice.id, view.enabled) for view in views])
        state = step(scenario_, state, enabled[pick % len(enabled)]).state
    return state, orders


@PROPERTY_SETTINGS
@given(valid_scenarios(), seeds, picks)
def test_replay_with_same_seed_and_choices_gives_identical_state_and_option_order(
    scenario_, seed, choice_picks
):
    state, orders = random_run(scenario_, seed, choice_picks)
    assert replay(scenario_, seed, state.choice_ids) == state
    again = start(scenario_, seed)
    for shown, choice_id in zip(orders, state.choice_ids):
        assert [(view.choice.id, view.enabled) for view in options(scenario_, again)] == shown
        again = step(scenario_, again, choice_id).state
    assert again == state


@PROPERTY_SETTINGS
@given(loose_scenarios(), seeds, picks)
def test_a_run_of_an_accepted_scenario_always_ends_or_has_a_choice_to_take(
    scenario_, seed, choice_picks
):
    assume(not [problem for problem in validate(scenario_) if problem.level == "error"])
    state = start(scenario_, seed)
    for pick in [*choice_picks, 0]:
        enabled = [view.choice.id for view in options(scenario_, state) if view.enabled]
        assert state.finished or enabled, (state.node_id, state.path)
        if state.finished:
            return
        state = step(scenario_, state, enabled[pick % len(enabled)]).state


@PROPERTY_SETTINGS
@given(valid_scenarios(), seeds, picks)
def test_finished_run_never_scores_above_the_computed_best(scenario_, seed, choice_picks):
    state, _orders = random_run(scenario_, seed, choice_picks)
    best = best_totals(scenario_)
    for mode in ("ending", "path", "ungraded"):
        result = outcome(scenario_, state, mode)
        assert result["score"] is None or 0 <= result["score"] <= 1
        assert all(0 <= score <= 1 for score in result["competency_scores"].values())
    if state.finished:
        result = outcome(scenario_, state, "path")
        assert result["total"] <= best.total + 1e-9
        for competency, earned in result["points"].items():
            assert earned <= best.per_competency[competency] + 1e-9


@PROPERTY_SETTINGS
@given(valid_scenarios(max_nodes=6))
def test_best_totals_equal_the_best_of_all_listed_paths(scenario_):
    listing = list_paths(scenario_, limit=2_000, max_visits=50, max_steps=20_000)
    best = best_totals(scenario_)
    assert best.complete and not best.unbounded_loops
    for path in listing.paths:
        assert path.total <= best.total + 1e-9
        assert 0 <= path.score_by_path <= 1 and 0 <= path.score_by_ending <= 1
    if listing.paths and not listing.truncated and not listing.loops_cut:
        assert max(path.total for path in listing.paths) == best.total
        for competency, maximum in best.per_competency.items():
            assert max(path.points[competency] for path in listing.paths) == maximum


@PROPERTY_SETTINGS
@given(valid_scenarios())
def test_valid_generated_scenario_has_no_errors(scenario_):
    assert [problem.text() for problem in validate(scenario_) if problem.is_error] == []


@PROPERTY_SETTINGS
@given(valid_scenarios(), st.sampled_from(DEFECTS), st.integers(0, 100))
def test_validator_finds_the_planted_defect(scenario_, defect, where):
    assert defect in {problem.code for problem in validate(plant(scenario_, defect, where))}


def test_shuffled_order_is_the_same_in_another_process():
    """The order derives from the seed alone, not from Python's per-process hash randomisation."""
    scenario_ = demo_scenario(shuffle_choices=True)
    here = [view.choice.id for view in options(scenario_, replay(scenario_, "abc", ["continue"]))]
    program = (
        "from tests.serious_game.logic.scenarios import demo_scenario\n"
        "from spoc_xblocks.serious_game.logic.engine import options, replay\n"
        "s = demo_scenario(shuffle_choices=True)\n"
        "print(','.join(v.choice.id for v in options(s, replay(s, 'abc', ['continue']))))\n"
    )
    there = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parents[3],
        env={**os.environ, "PYTHONHASHSEED": "123"},
    )
    assert there.stdout.strip().split(",") == here
