"""Twine ways on in the four story formats become choices with labels, conditions and effects;
markup becomes HTML; endings are read as authors mean them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.serious_game.importers import import_twee
from spoc_xblocks.serious_game.importers.conditions import translate_condition, translate_setters
from spoc_xblocks.serious_game.importers.report import (
    grouped_note_texts,
    reachable_node_ids,
    summary_lines,
)
from spoc_xblocks.serious_game.logic.messages import ERROR
from spoc_xblocks.serious_game.logic.model import Effect
from spoc_xblocks.serious_game.logic.validate import validate

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


def _story(body: str, story_format: str = "Harlowe", extra: str = "") -> str:
    return (
        f':: StoryData\n{{"ifid": "X", "format": "{story_format}", "start": "Start"}}\n\n'
        f":: Start\n{body}\n\n:: A\nA text.\n\n:: B\nB text.\n{extra}"
    )


def _choices(body: str, story_format: str = "Harlowe", extra: str = ""):
    scenario = import_twee(_story(body, story_format, extra)).scenario
    return [
        (choice.text, choice.target, choice.condition, choice.effects)
        for choice in scenario.node("Start").choices
    ]


@pytest.mark.parametrize(
    "body, story_format, expected",
    [
        ('(link-goto: "Go on", "A")', "Harlowe", [("Go on", "A")]),
        ('(link-goto: "A")', "Harlowe", [("A", "A")]),
        ('(Link-GoTo: "Go on", "A")', "Harlowe", [("Go on", "A")]),
        ('(click-goto: "the door", "A")', "Harlowe", [("the door", "A")]),
        ('(link: "Open")[(go-to: "A")]', "Harlowe", [("Open", "A")]),
        ("(if: $x > 1)[[[Go->A]]]", "Harlowe", [("Go", "A")]),
        ("(if: $x > 1)[ [[Go->A]] ](else:)[[[Stay->B]]]", "Harlowe", [("Go", "A"), ("Stay", "B")]),
        ('<<link "Go on" "A">><</link>>', "SugarCube", [("Go on", "A")]),
        ("<<link [[Go on|A]]>><</link>>", "SugarCube", [("Go on", "A")]),
        ('<<button "Press" "A">><</button>>', "SugarCube", [("Press", "A")]),
        ('<<link "Go">><<goto "A">><</link>>', "SugarCube", [("Go", "A")]),
        ('<<actions "A" "B">>', "SugarCube", [("A", "A"), ("B", "B")]),
        ("<<actions [[x|A]] [[y|B]]>>", "SugarCube", [("x", "A"), ("y", "B")]),
        ('<<choice "A" "Pick A">>', "SugarCube", [("Pick A", "A")]),
        ("[[Go|A][$x to 1]]", "SugarCube", [("Go", "A")]),
        ("{link to: 'A', label: 'Go *on*'}", "Chapbook", [("Go *on*", "A")]),
        ("{link to: 'A'}", "Chapbook", [("A", "A")]),
        ('<a data-passage="A">Go on</a>', "Snowman", [("Go on", "A")]),
    ],
)
def test_each_navigation_construct_becomes_a_choice_with_its_label(body, story_format, expected):
    assert [(text, target) for text, target, *_rest in _choices(body, story_format)] == expected


def test_links_inside_hooks_keep_their_label_without_a_bracket():
    texts = [text for text, *_rest in _choices("(if: $x is 1)[[[Continue->A]]]")]
    assert texts == ["Continue"]


@pytest.mark.parametrize(
    "body, story_format, conditions",
    [
        ("(if: $x > 1)[[[Go->A]]](else:)[[[Stay->B]]]", "Harlowe", ["x > 1", "not ( x > 1 )"]),
        ("(unless: $lost)[[[Go->A]]]", "Harlowe", ["not ( lost )"]),
        ('(if: (history:) contains "B")[[[Go->A]]]', "Harlowe", ['visited("B")']),
        (
            "<<if $x gte 2>>[[Go->A]]<<else>>[[Stay->B]]<</if>>",
            "SugarCube",
            ["x >= 2", "not ( x >= 2 )"],
        ),
        ("<% if (s.x === 1) { %>[[Go->A]]<% } %>", "Snowman", ["x == 1"]),
        (
            "[if hasKey]\n[[Go->A]]\n[else]\n[[Stay->B]]\n[continue]",
            "Chapbook",
            ["hasKey", "not ( hasKey )"],
        ),
    ],
)
def test_conditions_around_links_become_choice_conditions(body, story_format, conditions):
    assert [condition for _t, _g, condition, _e in _choices(body, story_format)] == conditions


def test_a_condition_the_block_cannot_say_leaves_the_choice_unconditional_with_a_note():
    result = import_twee(_story('(if: $name is "Ann")[[[Go->A]]]'))
    assert result.scenario.node("Start").choices[0].condition == ""
    assert "condition_not_converted" in result.note_codes()
    assert result.tally.approximated["(if:)"] == 1


@pytest.mark.parametrize(
    "body, story_format, effects",
    [
        (
            "[[Go|A][$x to 1; $seen to true]]",
            "SugarCube",
            [Effect("x", "set", 1), Effect("seen", "set", True)],
        ),
        ('(link: "Go")[(set: $x to it + 2)(go-to: "A")]', "Harlowe", [Effect("x", "add", 2)]),
        ('<<link "Go" "A">><<set $x += 1>><</link>>', "SugarCube", [Effect("x", "add", 1)]),
        ('<a data-passage="A" data-setter="$x to 5">Go</a>', "SugarCube", [Effect("x", "set", 5)]),
    ],
)
def test_setters_become_effects_and_their_variables_are_declared(body, story_format, effects):
    result = import_twee(_story(body, story_format))
    assert list(result.scenario.node("Start").choices[0].effects) == effects
    assert {name for name, _value in result.scenario.variables} == {e.variable for e in effects}


def test_an_automatic_go_to_is_the_passage_single_choice_with_a_note():
    result = import_twee(_story('Wait.\n(go-to: "A")'))
    node = result.scenario.node("Start")
    assert node.kind == "content" and [(c.text, c.target) for c in node.choices] == [("", "A")]
    assert "automatic_move" in result.note_codes()
    assert "go-to" not in node.body


def test_a_go_to_inside_a_link_hook_is_not_automatic():
    result = import_twee(_story('(link: "Go")[(go-to: "A")]\n[[Other->B]]'))
    assert "automatic_move" not in result.note_codes()
    assert len(result.scenario.node("Start").choices) == 2


def test_a_chapbook_back_link_goes_to_the_only_passage_linking_in():
    story = _story("[[A]]", "Chapbook").replace("A text.", "A text.\n{back link}")
    (back,) = import_twee(story).scenario.node("A").choices
    assert (back.text, back.target) == ("Back", "Start")


@pytest.mark.parametrize(
    "body, story_format, html",
    [
        (
            "''b'' //i// *e* **s** ~~x~~",
            "Harlowe",
            "<p><b>b</b> <i>i</i> <em>e</em> <strong>s</strong> <s>x</s></p>",
        ),
        ("''b'' //i// ==x==", "SugarCube", "<p><strong>b</strong> <em>i</em> <s>x</s></p>"),
        ("# Title\n---", "Harlowe", "<h2>Title</h2><hr>"),
        ("!! Title\n----", "SugarCube", "<h3>Title</h3><hr>"),
        (
            "**b** _i_\nsame paragraph",
            "Chapbook",
            "<p><strong>b</strong> <em>i</em> same paragraph</p>",
        ),
        ("see http://example.com//x here", "Harlowe", "<p>see http://example.com//x here</p>"),
        ("<b>bold</b> <img src=x onerror=alert(1)>", "Harlowe", '<p><b>bold</b> <img src="x"></p>'),
    ],
)
def test_markup_becomes_sanitised_html(body, story_format, html):
    assert import_twee(_story(body, story_format)).scenario.node("Start").body == html


@pytest.mark.parametrize(
    "body, story_format, kind",
    [
        ("<script>alert(1)</script>Hi", "Snowman", "<script>"),
        ("<% s.x = 1 %>Hi", "Snowman", "<% %>"),
        ("<<script>>x()<</script>>Hi", "SugarCube", "<<script>>"),
        ("<<set $x to 1>>Hi", "SugarCube", "<<set>>"),
        ("(set: $x to 1)Hi", "Harlowe", "(set:)"),
        ("[align center]\nHi", "Chapbook", "[align]"),
        ("x: 1\n--\nHi", "Chapbook", "vars section"),
        ("{reveal link: 'a', text: 'b'}Hi", "Chapbook", "{reveal link}"),
    ],
)
def test_code_learners_cannot_run_is_removed_and_counted(body, story_format, kind):
    result = import_twee(_story(body, story_format))
    assert result.scenario.node("Start").body == "<p>Hi</p>"
    assert result.tally.dropped[kind] == 1


@pytest.mark.parametrize(
    "tag", ["end", "Ending", "FIN", "gameover", "game-over", "death", "win", "lose"]
)
def test_a_passage_tagged_as_an_ending_is_an_ending_without_its_replay_link(tag):
    story = (
        _story("[[A]]")
        .replace(":: A\n", f":: A [{tag}]\n")
        .replace("A text.", "A text.\n[[Try again->Start]]")
    )
    result = import_twee(story)
    node = result.scenario.node("A")
    assert node.is_ending and not node.choices
    assert node.outcome == (
        "failure" if tag.lower() in ("gameover", "game-over", "death", "lose") else "success"
    )
    assert "replay_link_dropped" in result.note_codes()


def test_a_passage_whose_only_link_goes_back_to_the_start_is_an_ending():
    story = _story("[[A]]\n[[B]]").replace("A text.", "A text.\n[[Play again->Start]]")
    result = import_twee(story)
    assert result.scenario.node("A").is_ending
    assert not [p for p in validate(result.scenario) if p.level == ERROR]


def test_a_restart_link_beside_other_links_is_dropped_and_noted():
    result = import_twee(_story('[[A]]\n(link: "Again")[(restart:)]'))
    assert [c.target for c in result.scenario.node("Start").choices] == ["A"]
    assert "restart_link_dropped" in result.note_codes()


def test_condition_translation_refuses_what_the_block_cannot_say():
    assert translate_condition("$x is not 2", lambda name: None) == "x != 2"
    assert translate_condition("$x is not 2", lambda name: None, "sugarcube") is None
    assert translate_condition("$a contains 'b'", lambda name: None) is None
    assert translate_condition("$x > 2 and < 5", lambda name: None) is None
    assert translate_setters("$x to random(1, 6)") is None


# ---- invariant --------------------------------------------------------------------------------

_NAMES = st.sampled_from(["Start", "A", "B"])
_LABEL = st.text(alphabet="abcdefgh XYZ", min_size=1, max_size=8).map(str.strip).filter(bool)


@st.composite
def _ways(draw):
    target, label = draw(_NAMES), draw(_LABEL)
    form = draw(st.integers(0, 8))
    return [
        f"[[{label}->{target}]]",
        f"[[{target}<-{label}]]",
        f'(link-goto: "{label}", "{target}")',
        f'(link: "{label}")[(go-to: "{target}")]',
        f"(if: $x > 1)[[[{label}->{target}]]]",
        f'<<link "{label}" "{target}">><</link>>',
        f"<<link [[{label}|{target}]]>><</link>>",
        f"{{link to: '{target}', label: '{label}'}}",
        f'<a data-passage="{target}">{label}</a>',
    ][form], target


@given(st.lists(_ways(), min_size=1, max_size=6))
def test_every_way_on_naming_a_passage_becomes_exactly_one_choice(ways):
    body = "Text\n" + "\n".join(markup for markup, _target in ways)
    result = import_twee(f":: Start\n{body}\n\n:: A [end]\nA.\n\n:: B [end]\nB.\n")
    node = result.scenario.node("Start")
    if node.is_ending:  # every way on went back to the start: a replay link
        return
    assert [choice.target for choice in node.choices] == [target for _markup, target in ways]


# ---- corpus -----------------------------------------------------------------------------------

CORPUS_CONSTRUCTS = {
    "harlowe": ["(link-goto:", "(go-to:", "(click-goto:", "(link:", "(if:", "(else-if:", "(else:"],
    "sugarcube": ['<<link "', "<<link [[", "<<goto", "<<button", "<<actions", "<<choice", "]["],
    "chapbook": ["{link to:", "{back link", "{restart link", "[if ", "[else]"],
    "snowman": ["data-passage=", "<% if", "<% } else {"],
}


@pytest.mark.parametrize("story_format", sorted(CORPUS_CONSTRUCTS))
def test_the_corpus_uses_every_construct_and_all_its_ways_on_are_converted(story_format):
    source = (CORPUS / f"{story_format}.twee").read_text(encoding="utf-8")
    assert [code for code in CORPUS_CONSTRUCTS[story_format] if code not in source] == []
    ways_on = import_twee(source).tally.ways_on
    assert ways_on["dropped"] == 0 and ways_on["choice"] > 0


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.twee")), ids=lambda path: path.stem)
def test_corpus_stories_keep_every_passage_and_way_on(path):
    result = import_twee(path.read_text(encoding="utf-8"))
    scenario = result.scenario
    assert len(reachable_node_ids(scenario)) == result.passages == len(scenario.nodes)
    handled = sum(result.tally.converted.values()) + sum(
        count for kind, count in result.tally.dropped.items() if "replay" in kind or "{" in kind
    )
    assert handled >= 1
    assert not [p for p in validate(scenario) if p.level == ERROR]
    assert not any(
        "[" in choice.text or "<" in choice.text
        for node in scenario.nodes
        for choice in node.choices
    )
    assert not any("<<" in node.body or "(set:" in node.body for node in scenario.nodes)


def test_the_report_summarises_then_groups_notes_by_kind():
    result = import_twee((CORPUS / "harlowe.twee").read_text(encoding="utf-8"))
    summary = summary_lines(result, str)
    assert summary[0].startswith("Passages: 7, which became nodes: 7 (7 reachable")
    assert any(line.startswith("Converted: ") and "(link-goto:) × 1" in line for line in summary)
    notes = grouped_note_texts(result.notes, str)
    assert len(notes) == len(set(result.note_codes()))
    assert any("(1 more like this, in: 'Broken')" in line for line in notes)


# ---- hostile input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "piece",
    [
        "(a:",
        "<<a ",
        "<script>",
        '<a data-passage="x">',
        "<% ",
        "[[",
        "(if: $x)[",
        "''a //b ",
        "[if a]\nb\n",
        "{link to: 'a'",
    ],
)
def test_a_passage_full_of_unclosed_openers_imports_in_linear_time(piece):
    body = piece * (400_000 // len(piece))
    began = time.perf_counter()
    import_twee(f':: StoryData\n{{"format": "Chapbook"}}\n:: Start\n{body}\n')
    import_twee(f":: Start\n{body}\n")
    assert time.perf_counter() - began < 10  # was minutes: each opener scanned to the end


@pytest.mark.parametrize(
    "start_up, story_format",
    [
        (":: StoryInit\n<<set $hp to 3>>", "SugarCube"),
        (":: Setup [startup]\n(set: $hp to 3)", "Harlowe"),
    ],
)
def test_constants_set_by_start_up_code_become_initial_values(start_up, story_format):
    condition = (
        "<<if $hp gt 2>>[[Go->A]]<</if>>"
        if story_format == "SugarCube"
        else ("(if: $hp > 2)[[[Go->A]]]")
    )
    result = import_twee(_story(condition + "\n[[B]]", story_format, f"\n{start_up}\n"))
    assert result.scenario.variables == (("hp", 3),)
    assert result.tally.converted["initial value"] == 1


def test_a_sugarcube_link_that_goes_nowhere_is_counted_as_dropped():
    result = import_twee(
        _story('<<link "Wave">><<set $waved to true>><</link>>\n[[A]]', "SugarCube")
    )
    assert result.tally.dropped["<<link>>"] == 1 and result.tally.dropped["<<set>>"] == 1
    assert result.tally.dropped["<<actions>>"] == 0


def test_an_unconditional_automatic_move_is_the_only_choice_and_the_others_are_counted():
    result = import_twee(_story('[[A]]\n(go-to: "B")'))
    assert [c.target for c in result.scenario.node("Start").choices] == ["B"]
    assert result.tally.dropped["link beside an automatic move"] == 1
    assert "link_beside_automatic_move" in result.note_codes()


def test_a_conditional_automatic_move_stays_beside_the_other_links():
    choices = _choices('[[A]]\n(if: $x > 1)[(go-to: "B")]')
    assert [(text, target, condition) for text, target, condition, _e in choices] == [
        ("A", "A", ""),
        ("B", "B", "x > 1"),
    ]


def test_a_story_whose_every_end_offers_a_replay_is_not_refused_by_the_validator():
    story = (
        ":: Start\nPick.\n[[A]]\n[[B]]\n\n:: A\nLost.\n[[Again->Start]]\n\n"
        ':: B\nWon.\n(link: "Once more")[(restart:)]\n'
    )
    scenario = import_twee(story).scenario
    assert [node.id for node in scenario.nodes if node.is_ending] == ["A", "B"]
    assert [p.code for p in validate(scenario) if p.level == ERROR] == []


@pytest.mark.parametrize(
    "markup, label", [("<<return>>", "Return"), ('<<return "Go back">>', "Go back")]
)
def test_a_sugarcube_return_goes_to_the_only_passage_linking_in(markup, label):
    story = _story("[[A]]", "SugarCube").replace("A text.", f"A text.\n{markup}")
    (back,) = import_twee(story).scenario.node("A").choices
    assert (back.text, back.target) == (label, "Start")


def test_grouped_notes_name_where_else_the_same_happened_for_h5p_notes_too():
    from spoc_xblocks.serious_game.importers.report import note

    notes = [note("media", "Node {index} lost its file.", {"index": index}) for index in range(3)]
    assert grouped_note_texts(notes, str) == [
        "Node 0 lost its file. (2 more like this, in: '1', '2')"
    ]
