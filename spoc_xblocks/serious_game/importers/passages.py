"""Twine passages to a scenario: shared by the Twine HTML and Twee importers.

A passage becomes a node whose id is its name made safe (`[A-Za-z0-9_-]`, unique). Its links become
choices: no link makes an ending (success, score 0, noted), one link a content node, two or more a
decision. The passage text, without the link markup, becomes the body as escaped HTML paragraphs.
Story-format code (macros, variables, setters) stays visible in the body and is listed in the notes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.html_text import text_to_html
from spoc_xblocks.serious_game.importers.links import Link, find_links
from spoc_xblocks.serious_game.importers.report import (
    ImportNote,
    ImportResult,
    ScenarioImportError,
    note,
)
from spoc_xblocks.serious_game.logic.model import Choice, Node, Scenario

# Passages a story format runs around the story rather than as a place the reader visits.
SPECIAL_TAGS = frozenset(
    (
        "script",
        "stylesheet",
        "widget",
        "header",
        "footer",
        "startup",
        "debug-header",
        "debug-footer",
        "debug-startup",
        "init",
    )
)
SPECIAL_NAMES = frozenset(
    (
        "StoryInit",
        "StoryCaption",
        "StoryMenu",
        "StoryBanner",
        "StorySubtitle",
        "StoryAuthor",
        "StoryInterface",
        "StoryShare",
        "PassageReady",
        "PassageDone",
        "PassageHeader",
        "PassageFooter",
    )
)
# Story-format code, each with how the fidelity report names it: (set:), <<if>>, {link to}, $gold.
_FORMAT_CODE = (
    (re.compile(r"\(([A-Za-z][\w-]*):"), "({}:)"),  # Harlowe macros
    (re.compile(r"<<\s*([A-Za-z=-][\w-]*)"), "<<{}>>"),  # SugarCube macros
    (
        re.compile(
            r"\{(back link|restart link|link to|reveal link|cycling link|embed [a-z]+|"
            r"text input|dropdown menu|checkbox)\b[^}\n]*\}"
        ),
        "{{{}}}",
    ),  # Chapbook inserts
    (re.compile(r"(\$[A-Za-z_]\w*)"), "{}"),  # Harlowe and SugarCube variables
)
_SLUG_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Passage:
    name: str
    text: str
    tags: tuple[str, ...] = ()


def scenario_from_passages(
    title: str, passages: list[Passage], start_name: str | None, notes: list[ImportNote]
) -> ImportResult:
    """Convert story passages (in story order) to a scenario; `notes` already holds the caller's
    notes."""
    story = _story_passages(passages, notes)
    if not story:
        raise ScenarioImportError(_("The story has no passages to import."))
    ids = unique_slugs([passage.name for passage in story])
    node_ids = dict(zip((passage.name for passage in story), ids))
    nodes = tuple(_node(passage, node_ids, notes) for passage in story)
    return ImportResult(
        Scenario(start=_start_id(start_name, node_ids, notes), nodes=nodes, title=title),
        notes,
        grading_mode=None,
    )


def slugify(name: str) -> str:
    """An id made of `[A-Za-z0-9_-]`: accents dropped, inner runs of other characters become `_`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return "_".join(piece for piece in _SLUG_UNSAFE.split(ascii_name) if piece)


def unique_slugs(names: list[str], fallback: str = "passage") -> list[str]:
    """Slugs for `names`, in order, made unique with `_2`, `_3`... suffixes."""
    taken: set[str] = set()
    slugs = []
    for name in names:
        base = slugify(name) or fallback
        slug, counter = base, 1
        while slug in taken:
            counter += 1
            slug = f"{base}_{counter}"
        taken.add(slug)
        slugs.append(slug)
    return slugs


def body_html(text: str, links: list[Link]) -> str:
    """The passage as body HTML: a line holding only links is dropped; an inline link keeps its
    text."""
    kept_lines = []
    for line_start, line in _lines_with_offsets(text):
        line_links = [link for link in links if line_start <= link.start <= line_start + len(line)]
        outside, with_link_text, cursor = [], [], 0
        for link in line_links:
            before = line[cursor : link.start - line_start]
            outside.append(before)
            with_link_text.append(before + link.text)
            cursor = link.end - line_start
        outside.append(line[cursor:])
        with_link_text.append(line[cursor:])
        if not line_links or "".join(outside).strip():
            kept_lines.append("".join(with_link_text))
    return text_to_html("\n".join(kept_lines))


def _story_passages(passages: list[Passage], notes: list[ImportNote]) -> list[Passage]:
    """Passages that are places in the story: special passages and repeated names are left out, with
    notes."""
    seen: set[str] = set()
    story = []
    for passage in passages:
        special_tags = sorted(SPECIAL_TAGS.intersection(passage.tags))
        if special_tags or passage.name in SPECIAL_NAMES:
            notes.append(
                note(
                    "special_passage_skipped",
                    _("Passage '{passage}' holds story-format code ({kind}); it was not imported."),
                    {"passage": passage.name, "kind": ", ".join(special_tags) or passage.name},
                )
            )
        elif passage.name in seen:
            notes.append(
                note(
                    "duplicate_passage",
                    _("There are two passages named '{passage}'; only the first was imported."),
                    {"passage": passage.name},
                )
            )
        else:
            seen.add(passage.name)
            story.append(passage)
    return story


def _start_id(start_name: str | None, node_ids: dict[str, str], notes: list[ImportNote]) -> str:
    """The start node: the named start passage, else Twee's default `Start`, else the first passage
    (noted)."""
    if start_name in node_ids:
        return node_ids[start_name]
    if start_name is None and "Start" in node_ids:
        return node_ids["Start"]
    fallback = "Start" if "Start" in node_ids else next(iter(node_ids))
    if start_name:
        template = _(
            "The story's start passage '{start}' was not found; '{fallback}' is the start instead."
        )
    else:
        template = _("The story names no start passage; '{fallback}' is the start instead.")
    notes.append(note("missing_start", template, {"start": start_name or "", "fallback": fallback}))
    return node_ids[fallback]


def _node(passage: Passage, node_ids: dict[str, str], notes: list[ImportNote]) -> Node:
    links = find_links(passage.text)
    _note_format_code(passage, links, notes)
    choices = []
    choice_ids = unique_slugs(
        [_resolve(link.target, node_ids) for link in links if not link.is_external],
        fallback="choice",
    )
    for link in links:
        if link.is_external:
            notes.append(
                note(
                    "external_link_skipped",
                    _(
                        "Passage '{passage}' links to the web page {url}; external links are not "
                        "choices and were "
                        "left out."
                    ),
                    {"passage": passage.name, "url": link.target},
                )
            )
            continue
        target = _resolve(link.target, node_ids)
        if target not in node_ids.values():
            notes.append(
                note(
                    "dangling_link",
                    _(
                        "Passage '{passage}' links to '{target}', which is not a passage of the "
                        "story."
                    ),
                    {"passage": passage.name, "target": link.target},
                )
            )
        choices.append(Choice(id=choice_ids[len(choices)], target=target, text=link.text.strip()))
    node_id = node_ids[passage.name]
    body = body_html(passage.text, links)
    if not choices:
        notes.append(
            note(
                "ending_from_passage",
                _(
                    "Passage '{passage}' has no links, so it became an ending (success, score 0); "
                    "check its outcome "
                    "and score."
                ),
                {"passage": passage.name},
            )
        )
        return Node(
            id=node_id, kind="ending", title=passage.name, body=body, outcome="success", score=0
        )
    kind = "content" if len(choices) == 1 else "decision"
    return Node(id=node_id, kind=kind, title=passage.name, body=body, choices=tuple(choices))


def _resolve(target: str, node_ids: dict[str, str]) -> str:
    """The node id of a link target; Twine names match exactly, but `[[Go -> Room]]` is forgiven its
    spaces.

    An unknown target is kept as written, so the validator names it in its report.
    """
    for name in (target, target.strip()):
        if name in node_ids:
            return node_ids[name]
    return target


def _note_format_code(passage: Passage, links: list[Link], notes: list[ImportNote]) -> None:
    found: list[str] = []
    for pattern, label in _FORMAT_CODE:
        for match in pattern.finditer(passage.text):
            code = label.format(match.group(1))
            if code not in found:
                found.append(code)
    if any(link.has_setter for link in links):
        found.append("[[...][setter]]")
    if found:
        notes.append(
            note(
                "story_format_code",
                _(
                    "Passage '{passage}' uses story-format code that was not converted: {code}. It "
                    "is left in the "
                    "text; rebuild it with variables, conditions and effects."
                ),
                {"passage": passage.name, "code": ", ".join(found)},
            )
        )


def _lines_with_offsets(text: str):
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1
