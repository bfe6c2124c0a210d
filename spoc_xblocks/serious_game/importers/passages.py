"""Twine passages to a scenario: shared by the Twine HTML and Twee importers.

A passage becomes a node whose id is its name made safe (`[A-Za-z0-9_-]`, unique). Its ways on
(`navigation.py`: links and link macros of the four story formats) become choices, with their
conditions and setters where the block can say them (`choices.py`). A passage with no way on, one
tagged as an ending, or one whose only ways on go back to the start is an ending; one way on makes
a content node, two or more a decision. The text becomes the body as sanitised HTML with the
format's markup converted and its code removed (`markup.py`). Every construct converted,
approximated or dropped is counted in the result's tally.
"""

from __future__ import annotations

from dataclasses import dataclass

from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.choices import (
    FAILURE_TAGS,
    StoryContext,
    drop_ending_links,
    ending_tag,
    is_ending,
    passage_choices,
    start_up_values,
    variables_used,
)
from spoc_xblocks.serious_game.importers.markup import passage_body
from spoc_xblocks.serious_game.importers.navigation import read_passage
from spoc_xblocks.serious_game.importers.report import (
    ImportNote,
    ImportResult,
    ImportTally,
    ScenarioImportError,
    note,
)
from spoc_xblocks.serious_game.importers.slugs import slugify, unique_slugs
from spoc_xblocks.serious_game.importers.ways import BACK
from spoc_xblocks.serious_game.logic.model import Node, Scenario

__all__ = ["Passage", "scenario_from_passages", "slugify", "unique_slugs"]

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


@dataclass(frozen=True)
class Passage:
    name: str
    text: str
    tags: tuple[str, ...] = ()


def scenario_from_passages(
    title: str,
    passages: list[Passage],
    start_name: str | None,
    notes: list[ImportNote],
    story_format: str = "",
) -> ImportResult:
    """Convert story passages (in story order) to a scenario; `notes` already holds the caller's
    notes."""
    tally = ImportTally()
    story = _story_passages(passages, notes, tally)
    if not story:
        raise ScenarioImportError(_("The story has no passages to import."))
    ids = unique_slugs([passage.name for passage in story])
    node_ids = dict(zip((passage.name for passage in story), ids))
    start_id = _start_id(start_name, node_ids, notes)
    codes = {passage.name: read_passage(passage.text, story_format) for passage in story}
    start_passage = next(name for name, node_id in node_ids.items() if node_id == start_id)
    predecessors = _predecessors(codes, node_ids)
    context = StoryContext(
        node_ids=node_ids,
        start_name=start_passage,
        story_format=(story_format or "").strip().lower(),
        predecessors=predecessors,
        reachable=_reachable(start_passage, predecessors),
        notes=notes,
        tally=tally,
    )
    tally.passages_reachable = len(context.reachable)
    shapes = {}
    for passage in story:
        code = codes[passage.name]
        if is_ending(passage.name, passage.tags, code, context):
            drop_ending_links(passage.name, code, context)
            shapes[passage.name] = None
        else:
            shapes[passage.name] = passage_choices(passage.name, code, context)
    variables = variables_used(
        (choice for choices in shapes.values() if choices for choice in choices),
        _start_up_values(passages, tally),
    )
    nodes = tuple(
        _node(passage, node_ids[passage.name], shapes[passage.name], codes, variables, context)
        for passage in story
    )
    return ImportResult(
        Scenario(
            start=start_id,
            nodes=nodes,
            title=title,
            variables=tuple(sorted(variables.items())),
        ),
        notes,
        grading_mode=None,
        passages=len(story),
        tally=tally,
    )


def _predecessors(codes, node_ids: dict[str, str]) -> dict[str, set[str]]:
    """For each passage, the passages whose ways on lead to it (what a back link returns to)."""
    found: dict[str, set[str]] = {}
    for name, code in codes.items():
        for way in code.navigations:
            if way.target != BACK and way.target.strip() in node_ids:
                found.setdefault(way.target.strip(), set()).add(name)
    return found


def _start_up_values(passages: list[Passage], tally: ImportTally) -> dict:
    """What StoryInit and passages tagged startup or init set, in story order."""
    values: dict = {}
    for passage in passages:
        if passage.name == "StoryInit" or {"startup", "init"}.intersection(passage.tags):
            found = start_up_values(passage.text)
            tally.converted[_("initial value")] += len(found)
            values.update(found)
    return values


def _reachable(start: str, predecessors: dict[str, set[str]]) -> set[str]:
    """Passages some chain of ways on leads to from the start passage."""
    successors: dict[str, set[str]] = {}
    for target, sources in predecessors.items():
        for source in sources:
            successors.setdefault(source, set()).add(target)
    seen, waiting = set(), [start]
    while waiting:
        name = waiting.pop()
        if name not in seen:
            seen.add(name)
            waiting.extend(successors.get(name, ()))
    return seen


def _node(passage: Passage, node_id, choices, codes, variables, context: StoryContext) -> Node:
    body = passage_body(
        passage.text, codes[passage.name], context.story_format, set(variables), context.tally
    )
    if choices:
        kind = "content" if len(choices) == 1 else "decision"
        return Node(id=node_id, kind=kind, title=passage.name, body=body, choices=tuple(choices))
    tag = ending_tag(passage.tags)
    outcome = "failure" if tag in FAILURE_TAGS else "success"
    if tag is None:
        context.notes.append(
            note(
                "ending_from_passage",
                _(
                    "Passage '{passage}' leads nowhere new, so it became an ending (success, "
                    "score 0); check its outcome and score."
                ),
                {"passage": passage.name},
            )
        )
    else:
        context.notes.append(
            note(
                "ending_from_tag",
                _(
                    "Passage '{passage}' is tagged '{tag}', so it became an ending ({outcome}, "
                    "score 0); check its score."
                ),
                {"passage": passage.name, "tag": tag, "outcome": outcome},
            )
        )
    return Node(id=node_id, kind="ending", title=passage.name, body=body, outcome=outcome, score=0)


def _story_passages(
    passages: list[Passage], notes: list[ImportNote], tally: ImportTally
) -> list[Passage]:
    """Passages that are places in the story: special passages and repeated names are left out, with
    notes."""
    seen: set[str] = set()
    story = []
    for passage in passages:
        special_tags = sorted(SPECIAL_TAGS.intersection(passage.tags))
        if special_tags or passage.name in SPECIAL_NAMES:
            tally.dropped[_("special passage")] += 1
            notes.append(
                note(
                    "special_passage_skipped",
                    _("Passage '{passage}' holds story-format code ({kind}); it was not imported."),
                    {"passage": passage.name, "kind": ", ".join(special_tags) or passage.name},
                )
            )
        elif passage.name in seen:
            tally.dropped[_("passage with a repeated name")] += 1
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
