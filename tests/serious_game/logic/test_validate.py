"""The validator: each defect it must find, with its stable code, level and a sentence naming the
place."""

import pytest

from spoc_xblocks.serious_game.logic.messages import ERROR, INFO, WARNING
from spoc_xblocks.serious_game.logic.model import Effect, Node
from spoc_xblocks.serious_game.logic.statespace import ExplorationBound
from spoc_xblocks.serious_game.logic.validate import validate
from tests.serious_game.logic.scenarios import (
    add,
    choice,
    content,
    decision,
    demo_scenario,
    ending,
    practice_loop,
    scenario,
    set_to,
)


def found(scenario_, code, **bound):
    return [
        problem
        for problem in validate(scenario_, ExplorationBound(**bound))
        if problem.code == code
    ]


def only(scenario_, code, **bound):
    problems = found(scenario_, code, **bound)
    assert len(problems) == 1, [problem.text() for problem in validate(scenario_)]
    return problems[0]


def two_way(*extra_nodes, first=None, **fields):
    """A start decision with two ways to one ending, plus `extra_nodes`."""
    return scenario(
        "start",
        decision("start", first or choice("a", "end"), choice("b", "end")),
        ending("end"),
        *extra_nodes,
        **fields,
    )


def test_demo_scenario_has_no_errors_or_warnings_only_its_score_range():
    assert {problem.level for problem in validate(demo_scenario())} == {INFO}


def test_errors_come_before_warnings_before_information():
    levels = [problem.level for problem in validate(two_way(content("orphan", "nowhere")))]
    assert levels == sorted(levels, key=[ERROR, WARNING, INFO].index)


def test_choice_pointing_to_a_missing_node_is_an_error_naming_node_choice_and_target():
    problem = only(two_way(first=choice("a", "nowhere")), "choice_target_missing")
    assert problem.level == ERROR
    assert (problem.node_id, problem.choice_id) == ("start", "a")
    assert problem.text() == "Choice 1 of node 'start' points to 'nowhere', which does not exist."


def test_a_choice_is_named_by_its_position_and_the_start_of_its_text():
    said = "Apologise,   listen to the customer and offer to call back tomorrow"
    problem = only(two_way(first=choice("a", "nowhere", text=said)), "choice_target_missing")
    assert problem.text() == (
        "Choice 1 (“Apologise, listen to the customer and…”) of node 'start' points to "
        "'nowhere', which does not exist."
    )


def test_missing_start_node_is_an_error():
    assert only(scenario("ghost", ending("end")), "start_missing").level == ERROR


def test_duplicate_node_ids_are_an_error():
    problem = only(two_way(ending("end")), "duplicate_node_id")
    assert problem.params["count"] == 2


def test_duplicate_choice_ids_within_a_node_are_an_error():
    problem = only(two_way(first=choice("b", "end")), "duplicate_choice_id")
    assert problem.choice_id == "b"


def test_decision_with_one_choice_is_an_error():
    broken = scenario("d", decision("d", choice("only", "end")), ending("end"))
    assert only(broken, "decision_too_few_choices").node_id == "d"


def test_content_node_with_two_choices_is_an_error():
    broken = scenario(
        "c", Node("c", "content", choices=(choice("x", "end"), choice("y", "end"))), ending("end")
    )
    assert only(broken, "content_choice_count").params["count"] == 2


def test_node_that_is_not_an_ending_with_no_way_on_is_a_dead_end():
    broken = two_way(Node("stuck", "content"), first=choice("a", "stuck"))
    assert only(broken, "dead_end").node_id == "stuck"


def test_ending_with_choices_is_an_error():
    broken = scenario("s", content("s", "e"), Node("e", "ending", choices=(choice("x", "s"),)))
    assert only(broken, "ending_has_choices").node_id == "e"


@pytest.mark.parametrize("score", [-1, 101, 250])
def test_ending_score_outside_0_to_100_is_an_error(score):
    problem = only(
        scenario("s", content("s", "e"), ending("e", score)), "ending_score_out_of_range"
    )
    assert problem.params["score"] == score


def test_unknown_node_kind_and_outcome_and_effect_op_are_errors():
    broken = scenario(
        "s",
        decision("s", choice("x", "e", effects=(Effect("v", "multiply", 2),)), choice("y", "e")),
        Node("e", "ending", outcome="meh"),
        Node("odd", "puzzle", choices=(choice("z", "e"),)),
        variables=(("v", 1),),
    )
    assert found(broken, "effect_op_invalid") and found(broken, "ending_outcome_invalid")
    assert found(broken, "node_kind_invalid")


def test_unreachable_node_is_a_warning():
    problem = only(two_way(content("orphan", "end")), "unreachable_node")
    assert (problem.level, problem.node_id) == (WARNING, "orphan")


def test_unreachable_ending_is_reported_as_such():
    problem = only(two_way(ending("lost")), "unreachable_ending")
    assert (problem.level, problem.node_id) == (WARNING, "lost")
    assert not found(two_way(ending("lost")), "unreachable_node")


def test_loop_with_no_way_out_to_an_ending_is_a_trap_cycle():
    trap = two_way(content("t1", "t2"), content("t2", "t1"), first=choice("a", "t1"))
    problem = only(trap, "trap_cycle")
    assert problem.text() == "The nodes 't1', 't2' form a loop with no way out to an ending."


def test_self_loop_without_exit_is_a_trap_cycle():
    assert (
        only(two_way(content("spin", "spin"), first=choice("a", "spin")), "trap_cycle").node_id
        == "spin"
    )


def test_scenario_without_endings_or_with_none_reachable_is_an_error():
    assert found(scenario("a", content("a", "a")), "no_ending")
    cut_off = scenario("a", content("a", "b"), content("b", "a"), ending("end"))
    assert found(cut_off, "no_ending_reachable")


def test_condition_with_bad_syntax_is_an_error_naming_node_choice_and_column():
    problem = only(two_way(first=choice("a", "end", condition="trust >")), "condition_syntax")
    assert problem.text() == (
        "The condition of choice 1 of node 'start' cannot be read: "
        "The condition ends at column 8 where a value was expected."
    )


def test_nested_expression_errors_are_translated_too():
    problem = only(two_way(first=choice("a", "end", condition="x = 1")), "condition_syntax")
    french = {
        "The condition of choice {choice} of node '{node}' cannot be read: {error}": "Condition "
        "{choice} : {error}",
        "Use '==' to compare values (column {column}).": "Utilisez '==' (colonne {column}).",
    }
    assert (
        problem.text(lambda message: french.get(message, message))
        == "Condition 1 : Utilisez '==' (colonne 3)."
    )


def test_variable_read_but_never_declared_or_set_is_a_warning():
    problem = only(
        two_way(first=choice("a", "end", condition="mood > 1")), "condition_unknown_variable"
    )
    assert (problem.level, problem.params["variable"]) == (WARNING, "mood")


def test_condition_mentioning_a_missing_node_is_a_warning():
    problem = only(
        two_way(first=choice("a", "end", condition='visited("attic")')), "condition_unknown_node"
    )
    assert problem.params["target"] == "attic"


def test_effect_on_undeclared_variable_is_a_warning_saying_where_it_starts():
    problem = only(
        two_way(first=choice("a", "end", effects=(add("tries", 1),))), "variable_undeclared"
    )
    assert problem.text() == (
        "Choice 1 of node 'start' changes the variable 'tries', which is not declared; it starts "
        "at 0."
    )


def test_adding_to_a_boolean_variable_is_an_error():
    broken = two_way(
        first=choice("a", "end", effects=(add("met", 1),)), variables=(("met", False),)
    )
    assert only(broken, "add_to_boolean").level == ERROR


def test_setting_a_number_variable_to_true_is_a_type_mismatch():
    broken = two_way(
        first=choice("a", "end", effects=(set_to("trust", True),)), variables=(("trust", 0),)
    )
    assert (
        only(broken, "variable_type_mismatch")
        .text()
        .endswith("sets 'trust' to true, but 'trust' holds a number.")
    )


def test_variable_name_that_conditions_cannot_read_is_an_error():
    assert found(two_way(variables=(("my-score", 0),)), "variable_name_invalid")
    assert found(two_way(variables=(("visited", 0),)), "variable_name_invalid")


def test_points_on_an_unknown_competency_are_an_error():
    broken = two_way(first=choice("a", "end", points=(("charm", 1),)), competencies=("empathy",))
    assert only(broken, "unknown_competency").params["competency"] == "charm"


def test_condition_never_true_in_any_run_is_a_warning():
    scenario_ = two_way(first=choice("a", "end", condition="trust > 5"), variables=(("trust", 0),))
    assert only(scenario_, "condition_never_true").choice_id == "a"


def test_condition_true_only_after_a_loop_is_not_reported():
    scenario_ = scenario(
        "desk",
        decision(
            "desk",
            choice("drill", "desk", effects=(add("tries", 1),)),
            choice("exam", "end", condition="tries >= 3"),
        ),
        ending("end"),
    )
    assert not found(scenario_, "condition_never_true")


def test_condition_failing_at_runtime_is_a_warning():
    scenario_ = two_way(
        first=choice("a", "end", condition="10 / trust > 1"), variables=(("trust", 0),)
    )
    assert "Division by zero" in only(scenario_, "condition_error").text()


def test_state_where_every_choice_is_hidden_is_a_stuck_learner_error():
    scenario_ = scenario(
        "s",
        decision("s", choice("x", "end", condition="ready"), choice("y", "end", condition="ready")),
        ending("end"),
        variables=(("ready", False),),
    )
    assert only(scenario_, "no_choice_available").node_id == "s"
    assert only(scenario_, "no_choice_available").level == ERROR
    assert only(scenario_, "no_run_finishes").level == ERROR


def test_a_reachable_node_whose_conditions_can_all_be_false_at_once_is_an_error():
    scenario_ = scenario(
        "start",
        decision(
            "start",
            choice("calm", "ask", effects=(set_to("calm", True),)),
            choice("rush", "ask"),
        ),
        decision(
            "ask",
            choice("listen", "end", condition="calm"),
            choice("retry", "start", condition="calm", once=True),
        ),
        ending("end"),
        variables=(("calm", False),),
    )
    problem = only(scenario_, "no_choice_available")
    assert (problem.level, problem.node_id) == (ERROR, "ask")
    assert not found(scenario_, "no_run_finishes")


def test_conditions_that_are_never_false_together_leave_no_one_stuck():
    scenario_ = scenario(
        "s",
        decision(
            "s", choice("x", "end", condition="ready"), choice("y", "end", condition="not ready")
        ),
        ending("end"),
        variables=(("ready", False),),
    )
    assert not found(scenario_, "no_choice_available")


def test_a_start_node_that_is_an_ending_is_an_error():
    problem = only(scenario("end", ending("end")), "start_is_ending")
    assert (problem.level, problem.node_id) == (ERROR, "end")
    assert "is an ending" in problem.text()


def test_node_linked_but_blocked_by_conditions_is_a_warning():
    scenario_ = two_way(content("vault", "end"), first=choice("a", "vault", condition="false"))
    assert only(scenario_, "node_never_reached").node_id == "vault"


def test_loop_that_earns_points_without_limit_is_an_unbounded_score_error():
    scenario_ = practice_loop()
    problem = only(scenario_, "unbounded_score")
    assert problem.level == ERROR
    assert "'desk', 'drill'" in problem.text()


@pytest.mark.parametrize("scoring", ["once", "last-per-node"])
def test_a_point_earning_loop_is_no_error_when_points_count_once_or_for_the_last_choice(scoring):
    scenario_ = practice_loop(scoring)
    assert not [problem for problem in validate(scenario_) if problem.level == ERROR]


def test_score_range_is_reported_overall_and_per_competency():
    summary = only(demo_scenario(), "score_range")
    assert summary.level == INFO
    assert summary.text() == (
        "Finished runs score from 0% to 100% when graded by ending, and from 0% to 100% when "
        "graded by path "
        "(best total: 5 points)."
    )
    assert {
        problem.params["competency"] for problem in found(demo_scenario(), "competency_score_range")
    } == {
        "empathy",
        "compliance",
    }


def test_exhausted_exploration_budget_is_said_and_runtime_warnings_are_withheld():
    scenario_ = two_way(first=choice("a", "end", condition="trust > 5"), variables=(("trust", 0),))
    assert only(scenario_, "exploration_incomplete", max_states=1).level == INFO
    assert not found(scenario_, "condition_never_true", max_states=1)


def test_long_chain_validates_without_hitting_recursion_limits():
    nodes = [
        decision(f"n{i}", choice("next", f"n{i + 1}"), choice("quit", "end")) for i in range(5000)
    ]
    problems = validate(scenario("n0", *nodes, content("n5000", "end"), ending("end")))
    assert not [problem for problem in problems if problem.level != INFO]


@pytest.mark.parametrize("minimum", [-1, 101])
def test_an_ending_path_minimum_outside_0_to_100_is_an_error(minimum):
    problem = only(
        scenario("s", content("s", "e"), ending("e", path_minimum=minimum)),
        "ending_path_minimum_out_of_range",
    )
    assert problem.params["minimum"] == minimum


def test_an_ending_path_minimum_within_0_to_100_is_accepted():
    accepted = scenario("s", content("s", "e"), ending("e", 50, "partial", path_minimum=50))
    assert not [found for found in validate(accepted) if found.level == ERROR]
