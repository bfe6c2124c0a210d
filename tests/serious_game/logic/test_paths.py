"""Listing start-to-ending paths: every finished run within the bounds, with its ending and
scores."""

import pytest

from spoc_xblocks.serious_game.logic.paths import list_paths
from tests.serious_game.logic.scenarios import (
    choice,
    content,
    decision,
    demo_scenario,
    ending,
    scenario,
)


def test_lists_every_path_of_the_demo_with_nodes_choices_and_ending():
    listing = list_paths(demo_scenario())
    assert not listing.truncated
    assert [path.choices for path in listing.paths] == [
        ("continue", "listen", "refund"),
        ("continue", "listen", "policy", "continue", "refund"),
        ("continue", "listen", "policy", "continue", "escalate"),
        ("continue", "listen", "escalate"),
        ("continue", "script", "policy", "continue", "refund"),
        ("continue", "script", "policy", "continue", "escalate"),
        ("continue", "script", "escalate"),
        # trust fell to -1, so refund stays disabled until the policy has been checked
        ("continue", "interrupt", "continue", "listen", "policy", "continue", "refund"),
        ("continue", "interrupt", "continue", "listen", "policy", "continue", "escalate"),
        ("continue", "interrupt", "continue", "listen", "escalate"),
        ("continue", "interrupt", "continue", "script", "policy", "continue", "refund"),
        ("continue", "interrupt", "continue", "script", "policy", "continue", "escalate"),
        ("continue", "interrupt", "continue", "script", "escalate"),
        ("continue", "interrupt", "continue", "hang_up"),
    ]
    best = listing.paths[1]
    assert best.nodes == ("intro", "call", "details", "policy", "details", "refunded")
    assert (best.ending, best.outcome, best.total) == ("refunded", "success", 5)
    assert (best.score_by_path, best.score_by_ending) == (1.0, 1.0)
    assert best.competency_scores == {"empathy": 1.0, "compliance": pytest.approx(2 / 3)}


def test_paths_respect_conditions_and_once_only_choices():
    listing = list_paths(demo_scenario())
    for path in listing.paths:
        assert path.choices.count("interrupt") <= 1
        if "hang_up" in path.choices:
            assert "interrupt" in path.choices  # visits("call") >= 2 needs the detour


def test_path_scores_for_both_grading_modes():
    lost = list_paths(demo_scenario()).paths[-1]
    assert (lost.ending, lost.outcome, lost.score_by_ending, lost.score_by_path) == (
        "lost",
        "failure",
        0.0,
        0.0,
    )


def test_limit_truncates_the_listing_and_says_so():
    listing = list_paths(demo_scenario(), limit=3)
    assert len(listing.paths) == 3
    assert listing.truncated


def test_limit_equal_to_the_number_of_paths_is_not_truncated():
    assert not list_paths(demo_scenario(), limit=14).truncated


def test_step_budget_truncates_the_listing():
    assert list_paths(demo_scenario(), max_steps=5).truncated


def test_loops_are_followed_a_bounded_number_of_times():
    scenario_ = scenario(
        "desk",
        decision("desk", choice("practice", "drill"), choice("leave", "end")),
        content("drill", "desk"),
        ending("end"),
    )
    listing = list_paths(scenario_, max_visits=3)
    assert [path.choices for path in listing.paths] == [
        ("practice", "continue", "practice", "continue", "leave"),
        ("practice", "continue", "leave"),
        ("leave",),
    ]
    assert listing.loops_cut and not listing.truncated


def test_length_bound_cuts_long_runs():
    chain = [content(f"n{i}", f"n{i + 1}") for i in range(20)]
    listing = list_paths(scenario("n0", *chain, ending("n20")), max_length=10)
    assert listing.paths == () and listing.loops_cut


def test_a_start_that_is_an_ending_is_one_empty_path():
    listing = list_paths(scenario("end", ending("end", 40)))
    assert [(path.nodes, path.choices, path.score_by_ending) for path in listing.paths] == [
        (("end",), (), 0.4)
    ]


def test_dangling_choices_and_missing_start_give_no_paths():
    assert list_paths(scenario("ghost", ending("end"))).paths == ()
    broken = scenario("a", decision("a", choice("x", "nowhere"), choice("y", "end")), ending("end"))
    assert [path.choices for path in list_paths(broken).paths] == [("y",)]
