"""Twee 3 (v3.0.2) import: passages, tags and StoryData read into a scenario (the export is in
twee_export)."""

from __future__ import annotations

import json
import re

from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.passages import Passage, scenario_from_passages
from spoc_xblocks.serious_game.importers.report import (
    ImportNote,
    ImportResult,
    ScenarioImportError,
    note,
    read_text,
)

_HEADER_START = re.compile(r"^::", re.MULTILINE)


def import_twee(data: str | bytes) -> ImportResult:
    """Import a Twee 3 story; passages tagged script or stylesheet and story-format special passages
    are noted."""
    source = read_text(data).replace("\r\n", "\n").replace("\r", "\n")
    chunks = _HEADER_START.split(source)[1:]  # text before the first header belongs to no passage
    if not chunks:
        raise ScenarioImportError(_("This file holds no Twee passage (no line starts with '::')."))
    notes: list[ImportNote] = []
    title, start_name, passages, story_format = "", None, [], ""
    for chunk in chunks:
        header, _newline, text = chunk.partition("\n")
        name, tags = _parse_header(header, notes)
        text = "\n".join(
            line[1:] if line.startswith("\\::") else line for line in text.split("\n")
        ).strip()
        if name == "StoryTitle":
            title = text
        elif name == "StoryData":
            start_name, story_format = _story_data(text, notes)
        else:
            passages.append(Passage(name=name, text=text, tags=tags))
    return scenario_from_passages(title, passages, start_name, notes, story_format)


def _parse_header(header: str, notes: list[ImportNote]) -> tuple[str, tuple[str, ...]]:
    """The passage name and tags of a header line (after `::`); `\\x` escapes any character;
    metadata is skipped."""
    name, position = _read_until(header, 0, "[{")
    tags: list[str] = []
    if position < len(header) and header[position] == "[":
        raw_tags, position = _read_until(header, position + 1, "]")
        tags = [_unescape(tag) for tag in re.split(r"(?<!\\)\s+", raw_tags) if tag]
        position += 1
    rest = header[position:].strip()
    if rest and not rest.startswith("{"):
        notes.append(
            note(
                "bad_passage_header",
                _(
                    "The passage header ':: {header}' could not be read completely; its passage is "
                    "named '{name}'."
                ),
                {"header": header.strip(), "name": _unescape(name).strip()},
            )
        )
    return _strip_unescaped_spaces(name), tuple(tags)


def _read_until(text: str, start: int, stops: str) -> tuple[str, int]:
    """The raw text from `start` up to the first unescaped character in `stops`, and where it
    stopped."""
    position = start
    while position < len(text) and text[position] not in stops:
        position += 2 if text[position] == "\\" else 1
    return text[start:position], min(position, len(text))


def _strip_unescaped_spaces(raw_name: str) -> str:
    """Unescape a name, dropping surrounding whitespace unless it was escaped (`\\ `)."""
    name = raw_name.lstrip()
    while name and name[-1].isspace() and not name[:-1].endswith("\\"):
        name = name[:-1]
    return _unescape(name)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _story_data(text: str, notes: list[ImportNote]) -> tuple[str | None, str]:
    """The start passage name and the story format named by StoryData."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        notes.append(
            note(
                "bad_story_data",
                _("The StoryData passage is not a JSON object; it was ignored."),
                {},
            )
        )
        return None, ""
    start, story_format = data.get("start"), data.get("format")
    return (
        start if isinstance(start, str) else None,
        story_format if isinstance(story_format, str) else "",
    )
