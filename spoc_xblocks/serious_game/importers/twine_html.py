"""Import a story published from Twine 2 (HTML with `tw-storydata` and `tw-passagedata`, spec
v1.0.2).

Parsed leniently as HTML (older Twine wrote attributes with no space between them), with no network
and no entity declarations. Passages are keyed by name (publishing renumbers `pid`); `startnode`
names the start passage by pid. An archive holds several stories: the first is imported and the rest
noted.
"""

from __future__ import annotations

import lxml.html
from lxml import etree

from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.passages import Passage, scenario_from_passages
from spoc_xblocks.serious_game.importers.report import (
    ImportNote,
    ImportResult,
    ScenarioImportError,
    note,
    read_text,
)


def import_twine_html(data: str | bytes) -> ImportResult:
    """Import the first story of a Twine 2 published or archive HTML file."""
    text = read_text(data)
    stories = list(_parse_html(text).iter("tw-storydata"))
    if not stories:
        raise ScenarioImportError(
            _("This HTML file holds no Twine 2 story (no <tw-storydata> element).")
        )
    story = stories[0]
    title = story.get("name", "")
    notes: list[ImportNote] = []
    if len(stories) > 1:
        notes.append(
            note(
                "several_stories",
                _("The file holds {count} stories; only the first, '{title}', was imported."),
                {"count": len(stories), "title": title},
            )
        )
    dropped = _note_story_code(story, notes)
    passages, names_by_pid = [], {}
    for element in story.iter("tw-passagedata"):
        name = element.get("name", "")
        names_by_pid.setdefault(element.get("pid", ""), name)
        passages.append(
            Passage(
                name=name, text=element.text_content(), tags=tuple(element.get("tags", "").split())
            )
        )
    start_pid = story.get("startnode", "")
    start_name = names_by_pid.get(start_pid, f"pid {start_pid}" if start_pid else "")
    result = scenario_from_passages(title, passages, start_name, notes, story.get("format", ""))
    result.tally.dropped.update(dropped)
    if len(stories) > 1:
        result.tally.dropped[_("other story of the archive")] += len(stories) - 1
    return result


def _parse_html(text: str):
    parser = lxml.html.HTMLParser(
        no_network=True, remove_comments=True, remove_pis=True, huge_tree=False
    )
    try:
        return lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ScenarioImportError(
            _("This file could not be read as HTML: {error}"), {"error": str(exc)}
        ) from exc


def _note_story_code(story, notes: list[ImportNote]) -> dict[str, int]:
    """Note the story's JavaScript and CSS, which a scenario does not carry; what the report
    counts as dropped."""
    dropped = {}
    for role, label, kind in (
        ("script", "JavaScript", _("story JavaScript")),
        ("stylesheet", "CSS", _("story stylesheet")),
    ):
        code = "\n".join(
            element.text_content() for element in story.iter() if element.get("role") == role
        )
        if code.strip():
            dropped[kind] = 1
            notes.append(
                note(
                    "story_code_skipped",
                    _("The story's {language} was not imported."),
                    {"language": label},
                )
            )
    return dropped
