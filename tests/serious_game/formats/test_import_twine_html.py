"""Importing a Twine 2 published HTML story: passages to nodes, links to choices, and the fidelity
report."""

from __future__ import annotations

from pathlib import Path

import pytest

from spoc_xblocks.serious_game.importers import ScenarioImportError, import_twine_html
from spoc_xblocks.serious_game.importers.report import MAX_IMPORT_BYTES

FIXTURE = Path(__file__).parent / "fixtures" / "lost_parcel.html"


@pytest.fixture(scope="module")
def result():
    return import_twine_html(FIXTURE.read_bytes())


def _notes(result, code):
    return [note for note in result.notes if note.code == code]


def test_passages_become_nodes_keyed_by_safe_names(result):
    scenario = result.scenario
    assert scenario.title == "The Lost Parcel"
    assert scenario.start == "Front_desk"
    assert scenario.node_ids == ["Front_desk", "Listen", "Tracking", "Manager", "Happy_ending"]
    assert scenario.node("Happy_ending").title == "Happy ending"
    assert result.grading_mode is None


def test_node_kind_follows_the_number_of_links(result):
    kinds = {node.id: node.kind for node in result.scenario.nodes}
    assert kinds == {
        "Front_desk": "decision",
        "Listen": "content",
        "Tracking": "decision",
        "Manager": "ending",
        "Happy_ending": "ending",
    }
    assert all(
        node.outcome == "success" and node.score == 0
        for node in result.scenario.nodes
        if node.is_ending
    )
    assert {note.params["passage"] for note in _notes(result, "ending_from_passage")} == {"Manager"}
    assert [note.params["tag"] for note in _notes(result, "ending_from_tag")] == ["ending"]


def test_all_four_link_forms_become_choices(result):
    choices = result.scenario.node("Front_desk").choices
    assert [(choice.text, choice.target) for choice in choices] == [
        ("Apologise and listen", "Listen"),  # text->target
        ("Ask for the tracking number", "Tracking"),  # target<-text
        ("Call the manager", "Manager"),  # text|target
    ]
    (simple,) = result.scenario.node("Listen").choices  # [[target]]
    assert (simple.text, simple.target) == ("Tracking", "Tracking")


def test_choice_ids_are_unique_within_a_node(result):
    assert [choice.id for choice in result.scenario.node("Tracking").choices] == [
        "Happy_ending",
        "Happy_ending_2",
        "Courier",
    ]


def test_body_is_sanitised_html_paragraphs_without_link_lines(result):
    assert result.scenario.node("Tracking").body == (
        '<p>The system shows <b>Parcel 4417</b>: delivered to "Smith &amp; Sons", next '
        "door.</p>"
        "<p>It's been there for three days.</p>"
    )
    assert "Then you look it up in the Tracking system, and point her to our delivery policy." in (
        result.scenario.node("Listen").body
    )


def test_macros_are_removed_from_the_text_and_counted(result):
    assert "(set:" not in result.scenario.node("Front_desk").body
    assert "(if:" not in result.scenario.node("Listen").body
    assert "She calms down a little." in result.scenario.node("Listen").body
    assert result.tally.dropped["(set:)"] == 1
    assert result.tally.approximated["text shown whatever the condition"] == 1


def test_external_links_are_skipped_and_reported(result):
    (note,) = _notes(result, "external_link_skipped")
    assert note.params == {"passage": "Listen", "url": "https://example.com/delivery"}
    assert all(
        not choice.target.startswith("https")
        for node in result.scenario.nodes
        for choice in node.choices
    )


def test_a_link_to_a_missing_passage_is_kept_and_reported(result):
    assert result.scenario.node("Tracking").choices[-1].target == "Courier"
    (note,) = _notes(result, "dangling_link")
    assert (
        note.text() == "Passage 'Tracking' links to 'Courier', which is not a passage of the story."
    )


def test_story_stylesheet_is_reported(result):
    assert [note.params for note in _notes(result, "story_code_skipped")] == [{"language": "CSS"}]
    assert result.tally.dropped["story stylesheet"] == 1


def test_notes_are_translated_before_their_params_are_filled_in(result):
    (note,) = _notes(result, "dangling_link")
    translated = note.text(gettext=lambda template: template.replace("links to", "pointe vers"))
    assert translated.startswith("Passage 'Tracking' pointe vers 'Courier'")


def _story(name: str, startnode: str, passages: str) -> str:
    return f'<tw-storydata name="{name}" startnode="{startnode}" ifid="X">{passages}</tw-storydata>'


def test_an_archive_imports_its_first_story_and_reports_the_others():
    archive = (
        "<html><body>"
        + _story("One", "1", '<tw-passagedata pid="1" name="A">a</tw-passagedata>')
        + _story("Two", "1", '<tw-passagedata pid="1" name="B">b</tw-passagedata>')
        + "</body></html>"
    )
    result = import_twine_html(archive)
    assert result.scenario.title == "One"
    assert _notes(result, "several_stories")[0].params == {"count": 2, "title": "One"}
    assert result.tally.dropped["other story of the archive"] == 1


def test_a_missing_start_passage_falls_back_to_the_first_and_is_reported():
    result = import_twine_html(
        _story("S", "9", '<tw-passagedata pid="1" name="A">a</tw-passagedata>')
    )
    assert result.scenario.start == "A"
    assert _notes(result, "missing_start")[0].params == {"start": "pid 9", "fallback": "A"}


def test_html_entities_are_decoded_but_never_declared_or_fetched():
    hostile = '<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + _story(
        "S", "1", '<tw-passagedata pid="1" name="A">&xxe; &amp; &eacute;</tw-passagedata>'
    )
    body = import_twine_html(hostile).scenario.node("A").body
    assert "root:" not in body
    assert "&amp; é" in body


def test_html_without_a_story_is_refused():
    with pytest.raises(ScenarioImportError, match="no Twine 2 story"):
        import_twine_html("<html><body><p>Hello</p></body></html>")


def test_oversized_input_is_refused():
    with pytest.raises(ScenarioImportError, match="the limit is"):
        import_twine_html(b" " * (MAX_IMPORT_BYTES + 1))


def test_bytes_that_are_not_utf8_are_refused():
    with pytest.raises(ScenarioImportError, match="not UTF-8"):
        import_twine_html(b"<tw-storydata name='\xff'></tw-storydata>")


def test_the_story_format_named_by_the_html_decides_how_passages_are_read():
    passages = (
        '<tw-passagedata pid="1" name="Start">[if hasKey]\n[[Open-&gt;Vault]]\n[else]\nLocked.'
        '</tw-passagedata><tw-passagedata pid="2" name="Vault" tags="end">In.</tw-passagedata>'
    )
    story = _story("Vault", "1", passages)
    chapbook = import_twine_html(story.replace('ifid="X"', 'ifid="X" format="Chapbook"'))
    (door,) = chapbook.scenario.node("Start").choices
    assert door.condition == "hasKey" and "[if" not in chapbook.scenario.node("Start").body
    harlowe = import_twine_html(story.replace('ifid="X"', 'ifid="X" format="Harlowe"'))
    assert harlowe.scenario.node("Start").choices[0].condition == ""
