"""The engine: options shown, steps taken, errors refused, replay, undo and outcome."""

import pytest

from spoc_xblocks.serious_game.logic.engine import (
    enabled_choices,
    options,
    outcome,
    replay,
    start,
    step,
    undo,
)
from spoc_xblocks.serious_game.logic.messages import EngineError
from tests.serious_game.logic.scenarios import (
    add,
    choice,
    content,
    decision,
    demo_scenario,
    ending,
    retry_question,
    scenario,
    set_to,
)


def shown(scenario_, state):
    return [(view.choice.id, view.enabled) for view in options(scenario_, state)]


def walk(scenario_, *choice_ids, seed=1):
    return replay(scenario_, seed, choice_ids)


def gate(condition, when_false="hide", **fields):
    return scenario(
        "door",
        decision(
            "door",
            choice("open", "inside", condition=condition, when_false=when_false),
            choice("leave", "outside"),
        ),
        ending("inside"),
        ending("outside"),
        **fields,
    )


def test_start_is_at_the_start_node_with_initial_variables_and_one_visit():
    state = start(demo_scenario(), seed=5)
    assert state.node_id == "intro"
    assert state.variable_values == {"trust": 0, "checked": False}
    assert state.visit_counts == {"intro": 1}
    assert not state.finished
    assert state.seed == "5"


def test_variables_only_set_by_effects_start_at_false_or_zero():
    scenario_ = scenario(
        "a",
        decision(
            "a",
            choice("x", "end", effects=(set_to("met", True), add("tries", 1))),
            choice("y", "end"),
        ),
        ending("end"),
    )
    assert start(scenario_, 0).variable_values == {"met": False, "tries": 0}


def test_choice_hidden_when_condition_false():
    assert shown(gate("false"), start(gate("false"), 1)) == [("leave", True)]


def test_choice_shown_disabled_when_condition_false_and_author_asks_for_it():
    scenario_ = gate("false", when_false="disable")
    assert shown(scenario_, start(scenario_, 1)) == [("open", False), ("leave", True)]
    assert [c.id for c in enabled_choices(scenario_, start(scenario_, 1))] == ["leave"]


def test_choice_shown_when_condition_true():
    scenario_ = gate("key", variables=(("key", True),))
    assert shown(scenario_, start(scenario_, 1)) == [("open", True), ("leave", True)]


def test_unreadable_or_failing_condition_counts_as_false_for_the_learner():
    assert shown(gate("trust >"), start(gate("trust >"), 1)) == [("leave", True)]
    assert shown(gate("1 / 0 > 0"), start(gate("1 / 0 > 0"), 1)) == [("leave", True)]


def test_effects_set_and_add_variables():
    state = walk(demo_scenario(), "continue", "listen", "policy")
    assert state.variable_values == {"trust": 1, "checked": True}


def test_points_accumulate_per_competency():
    state = walk(demo_scenario(), "continue", "listen", "policy", "continue", "refund")
    assert state.points_by_competency == {"empathy": 3, "compliance": 2}


@pytest.mark.parametrize(
    ("scoring", "good_twice", "good_then_bad", "bad_then_good"),
    [("every-time", 4, 1, 1), ("once", 2, 1, 1), ("last-per-node", 2, -1, 2)],
)
def test_the_scoring_mode_decides_how_repeated_choices_count(
    scoring, good_twice, good_then_bad, bad_then_good
):
    scenario_ = retry_question(scoring)

    def total(first, second):
        state = walk(scenario_, first, "again", second, "leave")
        return state.points_by_competency["skill"]

    assert (total("good", "good"), total("good", "bad"), total("bad", "good")) == (
        good_twice,
        good_then_bad,
        bad_then_good,
    )


def test_undo_gives_back_a_replaced_nodes_points():
    scenario_ = retry_question("last-per-node")
    state = undo(scenario_, walk(scenario_, "good", "again", "bad"))
    assert state.points_by_competency == {"skill": 2}


def test_visit_counts_condition_unlocks_a_choice_on_second_visit():
    first = walk(demo_scenario(), "continue")
    again = walk(demo_scenario(), "continue", "interrupt", "continue")
    assert "hang_up" not in dict(shown(demo_scenario(), first))
    assert dict(shown(demo_scenario(), again))["hang_up"] is True
    assert again.visit_count("call") == 2


def test_once_only_choice_is_hidden_after_it_is_taken():
    state = walk(demo_scenario(), "continue", "interrupt", "continue")
    assert "interrupt" not in dict(shown(demo_scenario(), state))
    assert ("call", "interrupt") in state.taken_once


def test_step_returns_the_choice_feedback():
    state = walk(demo_scenario(), "continue")
    result = step(demo_scenario(), state, "interrupt")
    assert result.feedback == "They raise their voice."
    assert result.choice.id == "interrupt"
    assert result.state.node_id == "oops"


def test_reaching_an_ending_finishes_the_run():
    state = walk(demo_scenario(), "continue", "script", "escalate")
    assert state.finished
    assert options(demo_scenario(), state) == []


def test_path_records_each_node_and_choice():
    state = walk(demo_scenario(), "continue", "script")
    assert state.path == (("intro", "continue"), ("call", "script"))
    assert state.choice_ids == ["continue", "script"]


@pytest.mark.parametrize(
    ("choice_ids", "code"),
    [
        (["continue", "nonsense"], "choice_unknown"),
        (["continue", "hang_up"], "choice_unavailable"),
        (["continue", "interrupt", "continue", "interrupt"], "choice_unavailable"),
        (["continue", "script", "escalate", "continue"], "run_finished"),
    ],
)
def test_step_refuses_what_the_run_cannot_do(choice_ids, code):
    with pytest.raises(EngineError) as caught:
        walk(demo_scenario(), *choice_ids)
    assert caught.value.code == code


def test_a_disabled_choice_cannot_be_taken():
    scenario_ = gate("false", when_false="disable")
    with pytest.raises(EngineError) as caught:
        step(scenario_, start(scenario_, 1), "open")
    assert caught.value.code == "choice_unavailable"
    assert caught.value.text() == "Choice 'open' of node 'door' is not available now."


def test_step_refuses_when_the_current_node_was_deleted_by_an_edit():
    state = walk(demo_scenario(), "continue", "script")
    edited = scenario("intro", *(node for node in demo_scenario().nodes if node.id != "details"))
    with pytest.raises(EngineError) as caught:
        step(edited, state, "escalate")
    assert caught.value.code == "node_missing"


def test_step_refuses_a_choice_whose_target_does_not_exist():
    broken = scenario("a", content("a", "nowhere"))
    with pytest.raises(EngineError) as caught:
        step(broken, start(broken, 1), "continue")
    assert caught.value.code == "target_missing"


def test_adding_to_a_boolean_at_runtime_is_an_engine_error():
    broken = scenario(
        "a",
        decision("a", choice("x", "end", effects=(add("flag", 1),)), choice("y", "end")),
        ending("end"),
        variables=(("flag", True),),
    )
    with pytest.raises(EngineError) as caught:
        step(broken, start(broken, 1), "x")
    assert caught.value.code == "add_to_boolean"


def test_start_refuses_a_missing_start_node():
    with pytest.raises(EngineError) as caught:
        start(scenario("ghost", ending("end")), 1)
    assert caught.value.code == "start_missing"


def test_replay_rebuilds_the_same_state_as_stepping():
    scenario_ = demo_scenario()
    state = start(scenario_, "s")
    for choice_id in ["continue", "listen", "policy", "continue", "refund"]:
        state = step(scenario_, state, choice_id).state
    assert replay(scenario_, "s", state.choice_ids) == state


def test_replay_fails_when_an_edit_removed_a_recorded_choice():
    edited_nodes = [
        decision("call", choice("listen", "details"), choice("hang_up", "lost"))
        if node.id == "call"
        else node
        for node in demo_scenario().nodes
    ]
    edited = scenario("intro", *edited_nodes)
    with pytest.raises(EngineError) as caught:
        replay(edited, 1, ["continue", "script"])
    assert caught.value.code == "choice_unknown"


def test_undo_reverts_effects_and_points():
    scenario_ = demo_scenario()
    before = walk(scenario_, "continue", "listen")
    after = step(scenario_, before, "policy").state
    assert undo(scenario_, after) == before
    assert undo(scenario_, after).variable_values["checked"] is False
    assert undo(scenario_, after).points_by_competency == {"empathy": 2}


def test_undo_gives_back_a_once_only_choice():
    scenario_ = demo_scenario()
    state = walk(scenario_, "continue", "interrupt")
    assert "interrupt" in dict(shown(scenario_, undo(scenario_, state)))


def test_undo_at_the_start_stays_at_the_start():
    scenario_ = demo_scenario()
    assert undo(scenario_, start(scenario_, 3)) == start(scenario_, 3)


def test_shuffled_order_depends_only_on_seed_node_and_visit():
    scenario_ = demo_scenario(shuffle_choices=True)
    orders = {tuple(shown(scenario_, walk(scenario_, "continue", seed=seed))) for seed in range(30)}
    assert len(orders) > 1
    again = walk(scenario_, "continue", seed=7)
    assert shown(scenario_, again) == shown(scenario_, walk(scenario_, "continue", seed=7))


def test_authored_order_is_kept_without_shuffle():
    assert [c for c, _ in shown(demo_scenario(), walk(demo_scenario(), "continue"))] == [
        "listen",
        "script",
        "interrupt",
    ]


def test_outcome_by_ending_uses_the_ending_score():
    state = walk(demo_scenario(), "continue", "script", "escalate")
    result = outcome(demo_scenario(), state, "ending")
    assert result["score"] == 0.5
    assert result["ending"] == "escalated"
    assert result["outcome"] == "partial"


def test_outcome_by_path_divides_points_by_the_best_reachable_total():
    state = walk(demo_scenario(), "continue", "listen", "refund")
    result = outcome(demo_scenario(), state, "path")
    assert result["points"] == {"empathy": 3, "compliance": 0}
    assert result["maximum"] == {
        "empathy": 3,
        "compliance": 3,
    }  # script, policy, refund earns 3 compliance
    assert result["best_total"] == 5
    assert result["score"] == pytest.approx(3 / 5)
    assert result["competency_scores"] == {"empathy": 1.0, "compliance": 0.0}
    assert 0 <= result["score"] <= 1


def test_outcome_ungraded_has_no_score_but_keeps_points():
    state = walk(demo_scenario(), "continue", "listen", "refund")
    result = outcome(demo_scenario(), state, "ungraded")
    assert result["score"] is None
    assert result["total"] == 3


def test_outcome_has_no_score_before_an_ending():
    assert outcome(demo_scenario(), walk(demo_scenario(), "continue"), "path")["score"] is None


def test_outcome_by_path_is_zero_when_nothing_can_be_earned():
    scenario_ = scenario("a", content("a", "end"), ending("end"))
    assert outcome(scenario_, walk(scenario_, "continue"), "path")["score"] == 0.0


def test_outcome_refuses_an_unknown_grading_mode():
    with pytest.raises(ValueError):
        outcome(demo_scenario(), start(demo_scenario(), 1), "by_vibes")
