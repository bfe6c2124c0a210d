"""Software simulations in the engine: hotspots hit-tested on a screen, misses, typed answers, hints
and the guided and assessed modes; answer matching and the safe pattern language."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.serious_game.logic import engine
from spoc_xblocks.serious_game.logic.answers import (
    answer_matches,
    matching_answer,
    pattern_matches,
    typed_number,
)
from spoc_xblocks.serious_game.logic.heatmap import click_cells, clicks_per_hotspot, heat_map_svg
from spoc_xblocks.serious_game.logic.messages import EngineError
from spoc_xblocks.serious_game.logic.model import (
    MISS,
    Answer,
    Area,
    Miss,
    Screen,
    TextInput,
)
from spoc_xblocks.serious_game.logic.validate import validate
from spoc_xblocks.serious_game.logic.validate_screens import screen_problems
from spoc_xblocks.serious_game.olx import scenario_from_xml, scenario_to_xml

from .scenarios import choice, decision, ending, scenario
from .strategies import valid_scenarios

SEARCH = Area(0.1, 0.1, 0.3, 0.1)
MENU = Area(0.6, 0.1, 0.3, 0.1)


def simulation(mode="guided", overlap=False, areas=(SEARCH, MENU)):
    screen = decision(
        "find",
        choice("search", "account", area=areas[0], points=(("accuracy", 2),), feedback="Good."),
        choice("menu", "lost", area=areas[1], feedback="That is the menu."),
        screen=Screen("package:search.svg", "The ticketing home screen", overlap=overlap),
        miss=Miss(
            feedback="Nothing there.",
            penalty=(("accuracy", -1),),
            hint="Look at the top left.",
            hint_after=2,
        ),
    )
    account = decision(
        "account",
        choice("found", "done", points=(("accuracy", 3),)),
        choice("cancel", "lost", text="Cancel"),
        text_input=TextInput(
            "The customer's account number",
            (
                Answer("pattern", "AC-####", choice="found"),
                Answer("exact", "1042", feedback="Type the AC- prefix too."),
            ),
        ),
        miss=Miss(feedback="No such account."),
    )
    return scenario(
        "find",
        screen,
        account,
        ending("done"),
        ending("lost", score=0, outcome="failure"),
        competencies=("accuracy",),
        simulation=mode,
    )


def test_the_demo_shaped_simulation_is_valid():
    assert [found.code for found in validate(simulation()) if found.is_error] == []


def test_a_click_in_a_hotspot_takes_its_choice_and_one_beside_is_a_miss():
    game = simulation()
    state = engine.start(game, 1)
    missed = engine.click(game, state, 0.5, 0.5)
    assert missed.missed and missed.feedback == "Nothing there."
    assert missed.state.node_id == "find" and missed.state.points_by_competency == {"accuracy": -1}
    hit = engine.click(game, missed.state, 0.2, 0.15)
    assert hit.choice.id == "search" and hit.state.node_id == "account"
    assert hit.state.points_by_competency == {"accuracy": 1}
    assert hit.state.choice_ids == [MISS, "search"]


def test_a_run_with_misses_and_typed_answers_replays_to_the_same_state():
    game = simulation()
    state = engine.start(game, "seed")
    state = engine.click(game, state, 0.9, 0.9).state
    state = engine.click(game, state, 0.15, 0.12).state
    state = engine.answer(game, state, "1042").state
    state = engine.answer(game, state, " ac-1042 ").state
    assert state.finished
    assert engine.replay(game, "seed", state.choice_ids) == state


def test_the_hint_comes_after_the_set_number_of_misses_in_a_row():
    game = simulation()
    state = engine.start(game, 1)
    assert state.misses_here == 0
    state = engine.click(game, state, 0.9, 0.9).state
    assert state.misses_here == 1
    state = engine.click(game, state, 0.9, 0.9).state
    assert state.misses_here == 2


def test_a_typed_answer_takes_its_choice_and_a_known_wrong_one_says_why():
    game = simulation()
    state = engine.step(game, engine.start(game, 1), "search").state
    wrong = engine.answer(game, state, "1042")
    assert wrong.missed and wrong.feedback == "Type the AC- prefix too."
    unknown = engine.answer(game, state, "hello")
    assert unknown.missed and unknown.feedback == "No such account."
    right = engine.answer(game, state, "ac-9999")
    assert right.choice.id == "found" and right.state.finished


def test_a_choice_an_answer_leads_to_cannot_be_taken_by_its_id():
    game = simulation()
    state = engine.step(game, engine.start(game, 1), "search").state
    with pytest.raises(EngineError) as refused:
        engine.step(game, state, "found")
    assert refused.value.code == "choice_typed_only"
    assert engine.step(game, state, "cancel").state.node_id == "lost"


def test_a_node_without_a_screen_refuses_clicks_and_misses():
    game = simulation()
    state = engine.step(game, engine.start(game, 1), "search").state
    with pytest.raises(EngineError):
        engine.click(game, state, 0.2, 0.2)
    game = scenario("q", decision("q", choice("a", "e"), choice("b", "e")), ending("e"))
    with pytest.raises(EngineError):
        engine.miss(game, engine.start(game, 1))


def test_assessed_mode_counts_the_first_action_only_and_gives_no_feedback():
    game = simulation("assessed")
    state = engine.start(game, 1)
    first = engine.click(game, state, 0.9, 0.9)
    assert first.feedback == "" and first.state.points_by_competency == {"accuracy": -1}
    second = engine.click(game, first.state, 0.9, 0.9)
    assert second.state.points_by_competency == {"accuracy": -1}
    hit = engine.click(game, second.state, 0.2, 0.15)
    # The hotspot's points are not earned after a miss: the first action counted.
    assert hit.state.points_by_competency == {"accuracy": -1}
    clean = engine.click(game, state, 0.2, 0.15)
    assert clean.state.points_by_competency == {"accuracy": 2}


def test_only_a_guided_simulation_undoes_what_was_done_on_a_screen_or_input_step():
    guided, assessed = simulation(), simulation("assessed")
    assert not engine.can_undo(guided, engine.start(guided, 1))
    for game, undoable in ((guided, True), (assessed, False)):
        missed = engine.click(game, engine.start(game, 1), 0.9, 0.9).state
        typed = engine.answer(game, engine.click(game, missed, 0.2, 0.15).state, "x").state
        assert [engine.can_undo(game, state) for state in (missed, typed)] == [undoable] * 2
    plain = scenario(
        "q", decision("q", choice("a", "e"), choice("b", "e")), ending("e"), simulation="assessed"
    )
    assert engine.can_undo(plain, engine.step(plain, engine.start(plain, 1), "a").state)


def test_overlapping_hotspots_take_the_first_in_authored_order():
    game = simulation(overlap=True, areas=(Area(0, 0, 0.5, 0.5), Area(0.25, 0.25, 0.5, 0.5)))
    assert [found.code for found in validate(game) if found.is_error] == []
    state = engine.start(game, 1)
    assert engine.click(game, state, 0.3, 0.3).choice.id == "search"
    assert engine.click(game, state, 0.6, 0.6).choice.id == "menu"


def codes(game) -> set[str]:
    return {found.code for found in validate(game) if found.is_error}


def test_the_validator_checks_hotspots_inside_the_image_and_apart():
    assert "hotspot_outside_image" in codes(simulation(areas=(Area(0.8, 0.1, 0.3, 0.1), MENU)))
    assert "hotspot_outside_image" in codes(simulation(areas=(Area(-0.1, 0, 0.2, 0.2), MENU)))
    assert "hotspot_outside_image" in codes(simulation(areas=(Area(0.1, 0.1, 0, 0.2), MENU)))
    assert "hotspot_overlap" in codes(simulation(areas=(SEARCH, Area(0.3, 0.15, 0.2, 0.2))))
    # Touching edges is not an overlap.
    assert "hotspot_overlap" not in codes(simulation(areas=(SEARCH, Area(0.4, 0.1, 0.2, 0.1))))


def test_the_validator_wants_a_way_on_from_every_screen_and_input():
    screen_only = decision(
        "find",
        choice("go", "done"),
        screen=Screen("x.svg"),
    )
    game = scenario("find", screen_only, ending("done"))
    assert "screen_no_way_on" in codes(game)
    typed_nowhere = decision(
        "find",
        choice("go", "done"),
        text_input=TextInput("Amount", (Answer("number", "12", feedback="no"),)),
    )
    assert "input_no_accepted_answer" in codes(scenario("find", typed_nowhere, ending("done")))
    wrong_choice = decision(
        "find",
        choice("go", "done"),
        text_input=TextInput("Amount", (Answer("number", "abc", choice="nope", tolerance=-1),)),
    )
    found = codes(scenario("find", wrong_choice, ending("done")))
    assert {"answer_choice_missing", "answer_value_invalid", "answer_tolerance_invalid"} <= found


def test_the_validator_reserves_the_miss_mark_and_wants_hotspots_on_a_screen():
    game = scenario(
        "q",
        decision("q", choice("*miss", "e"), choice("b", "e", area=SEARCH)),
        ending("e"),
    )
    assert {"choice_id_reserved", "hotspot_without_screen"} <= codes(game)


# Answer matching


def test_the_four_ways_to_match_an_answer():
    assert answer_matches(Answer("exact", "AC-1042"), "  AC-1042 ")
    assert not answer_matches(Answer("exact", "AC-1042"), "ac-1042")
    assert answer_matches(Answer("loose", "AC-1042"), "ac - 1042")
    assert answer_matches(Answer("number", "42.50", tolerance=0.01), "42,5 €")
    assert not answer_matches(Answer("number", "42.50", tolerance=0.01), "42.6")
    assert not answer_matches(Answer("number", "42.50"), "forty-two")
    assert answer_matches(Answer("pattern", "INV-2026-####"), "inv-2026-0815")
    assert not answer_matches(Answer("pattern", "INV-2026-####"), "INV-2026-081")
    assert answer_matches(Answer("pattern", r"*\*?"), "stars*!")


def test_the_first_matching_answer_wins_and_overlong_text_matches_nothing():
    answers = (Answer("loose", "yes", choice="a"), Answer("pattern", "*", choice="b"))
    assert matching_answer(answers, "YES").choice == "a"
    assert matching_answer(answers, "no").choice == "b"
    assert matching_answer(answers, "x" * 201) is None


def test_a_pattern_built_to_backtrack_stays_fast():
    pattern = "*a" * 50
    text = "a" * 199 + "b"
    began = time.perf_counter()
    assert not pattern_matches(pattern, text)
    assert time.perf_counter() - began < 0.5


SAFE_TEXT = st.text(alphabet="ab1 -*?#\\", max_size=20)


@given(st.text(alphabet="abAB1 -x", max_size=30))
def test_a_text_always_matches_itself_exactly_and_loosely(text):
    assert answer_matches(Answer("exact", text), text)
    assert answer_matches(Answer("loose", text.upper()), text.lower())


@given(st.text(alphabet="ab1-", max_size=30))
def test_a_literal_pattern_matches_the_same_text_in_any_case_and_a_star_matches_all(text):
    assert pattern_matches(text, text.upper())
    assert pattern_matches("*", text)
    assert pattern_matches("*" + text[-3:], text)


@given(st.decimals(min_value=-10_000, max_value=10_000, places=2), st.sampled_from([",", "."]))
def test_a_number_is_read_with_a_comma_or_a_point(number, point):
    text = f"{number:.2f}".replace(".", point)
    assert typed_number(text) == pytest.approx(float(number))


@given(st.text(max_size=40), st.text(max_size=40))
def test_matching_any_pattern_against_any_text_never_fails(pattern, text):
    assert pattern_matches(pattern, text) in (True, False)


# Hit-testing

FRACTION = st.floats(min_value=0, max_value=1, allow_nan=False)


@st.composite
def areas(draw):
    x, y = draw(st.floats(0, 0.9)), draw(st.floats(0, 0.9))
    return Area(x, y, draw(st.floats(0.01, 1 - x)), draw(st.floats(0.01, 1 - y)))


def inside(area: Area, x: float, y: float) -> bool:
    return area.x <= x <= area.x + area.width and area.y <= y <= area.y + area.height


@given(areas(), areas(), FRACTION, FRACTION)
def test_a_click_takes_the_first_hotspot_whose_rectangle_holds_the_point_else_misses(
    first, second, x, y
):
    game = simulation(areas=(first, second), overlap=True)
    result = engine.click(game, engine.start(game, 1), x, y)
    expected = "search" if inside(first, x, y) else "menu" if inside(second, x, y) else None
    assert (None if result.missed else result.choice.id) == expected
    assert result.state.node_id == ("find" if expected is None else result.choice.target)


@given(areas(), areas())
def test_overlap_is_symmetric_and_a_shared_point_means_overlap(first, second):
    assert first.overlaps(second) == second.overlaps(first)
    centre_x, centre_y = first.x + first.width / 2, first.y + first.height / 2
    if second.x < centre_x < second.x + second.width and second.y < centre_y < (
        second.y + second.height
    ):
        assert first.overlaps(second)


# The debrief's heat map


@given(st.lists(st.tuples(FRACTION, FRACTION), max_size=50))
def test_the_heat_maps_table_counts_each_click_where_the_engine_would_take_it(clicks):
    game = simulation(overlap=True)
    node = game.node("find")
    counts = clicks_per_hotspot(node, clicks)
    expected = [0, 0, 0]
    for x, y in clicks:
        hit = engine.hotspot_at(game, engine.start(game, 1), x, y)
        expected[["search", "menu", None].index(hit.id if hit else None)] += 1
    assert counts == expected
    assert sum(click_cells(clicks).values()) == len(clicks)


def test_the_heat_map_escapes_its_title_and_draws_a_cell_per_place_clicked():
    node = simulation().node("find")
    svg = heat_map_svg(node, click_cells([(0.0, 0.0), (0.001, 0.001), (1.0, 1.0)]), '<b>"x"</b>')
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("fill-opacity") == 2
    assert svg.count('stroke-dasharray="6 3"') == 2


# Random simulations: valid scenarios whose decisions become screens


@st.composite
def simulated_scenarios(draw):
    """A valid scenario whose decision nodes are screens: their choices become hotspots in
    horizontal strips (apart by construction), with a miss that costs a point."""
    base = draw(valid_scenarios(max_nodes=6))
    nodes = []
    for node in base.nodes:
        if node.kind == "decision":
            count = len(node.choices)
            hotspots = tuple(
                replace(choice, area=Area(0.0, index / count, 1.0, 0.5 / count))
                for index, choice in enumerate(node.choices)
            )
            node = replace(
                node,
                choices=hotspots,
                screen=Screen(f"package:{node.id}.svg", node.id),
                miss=Miss("m", (("empathy", -1),), "h", draw(st.integers(0, 2))),
            )
        nodes.append(node)
    return replace(
        base, nodes=tuple(nodes), simulation=draw(st.sampled_from(("guided", "assessed")))
    )


@given(simulated_scenarios())
def test_random_simulations_round_trip_through_olx_and_pass_the_screen_rules(game):
    assert scenario_from_xml(scenario_to_xml(game)) == game
    assert screen_problems(game) == []


@given(simulated_scenarios(), st.lists(st.tuples(FRACTION, FRACTION), max_size=25))
def test_a_run_of_random_clicks_replays_to_the_same_state(game, clicks):
    state = engine.start(game, "seed")
    for x, y in clicks:
        if state.finished:
            break
        if engine.current_node(game, state).screen is None:
            options = engine.enabled_choices(game, state)
            state = engine.step(game, state, options[0].id).state
            continue
        state = engine.click(game, state, x, y).state
    assert engine.replay(game, "seed", state.choice_ids) == state
