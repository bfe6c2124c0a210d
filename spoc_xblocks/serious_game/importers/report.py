"""What an importer hands back: the scenario, translatable notes on what was not converted, and its
errors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spoc_xblocks.common.text import Message, TranslatableError, _
from spoc_xblocks.serious_game.logic.model import Scenario

MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ImportNote(Message):
    """One thing the importer could not convert faithfully, with a stable `code`."""


def note(code: str, template: str, params: dict | None = None) -> ImportNote:
    return ImportNote(template, params or {}, code)


NOTE_EXAMPLES = 5
PLACE_PARAMS = ("passage", "title", "index", "item")  # where a note is, Twine then H5P


@dataclass
class ImportTally:
    """What an importer did with each kind of source construct (`[[link]]`, `(if:)`, `<script>`):
    converted faithfully, approximated, or dropped, with counts."""

    converted: Counter = field(default_factory=Counter)
    approximated: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)
    # What became of each way on found: "choice", "replay" (left to the block's own replay) or
    # "dropped"; and how many passages the source's ways on reach from its start.
    ways_on: Counter = field(default_factory=Counter)
    passages_reachable: int = 0


@dataclass
class ImportResult:
    """An imported scenario, the notes of its fidelity report, the grading mode the source
    implies, and (for story sources) how many passages it had and what became of its constructs."""

    scenario: Scenario
    notes: list[ImportNote] = field(default_factory=list)
    grading_mode: str | None = None
    passages: int | None = None
    tally: ImportTally = field(default_factory=ImportTally)

    def note_codes(self) -> list[str]:
        return [note.code for note in self.notes]


def reachable_node_ids(scenario: Scenario) -> set[str]:
    """Nodes some chain of choices leads to from the start, whatever the conditions say."""
    seen, waiting = set(), [scenario.start]
    while waiting:
        node = scenario.node(waiting.pop())
        if node is None or node.id in seen:
            continue
        seen.add(node.id)
        waiting.extend(choice.target for choice in node.choices)
    return seen


def summary_lines(result: ImportResult, gettext) -> list[str]:
    """The report's summary: what the file became, then each kind of construct converted,
    approximated and dropped, with counts."""
    scenario = result.scenario
    figures = {
        "nodes": len(scenario.nodes),
        "reachable": len(reachable_node_ids(scenario)),
        "choices": sum(len(node.choices) for node in scenario.nodes),
        "endings": sum(1 for node in scenario.nodes if node.is_ending),
    }
    if result.passages is None:
        template = _(
            "Nodes: {nodes} ({reachable} reachable from the start); choices: {choices}; "
            "endings: {endings}."
        )
    else:
        template = _(
            "Passages: {passages}, which became nodes: {nodes} ({reachable} reachable from the "
            "start); choices: {choices}; endings: {endings}."
        )
        figures["passages"] = result.passages
    lines = [gettext(template).format(**figures)]
    for heading, counts in (
        (_("Converted: {items}."), result.tally.converted),
        (_("Approximated: {items}."), result.tally.approximated),
        (_("Dropped: {items}."), result.tally.dropped),
    ):
        if counts:
            lines.append(gettext(heading).format(items=counted_items(counts, gettext)))
    return lines


def counted_items(counts: Counter, gettext) -> str:
    """Kinds with their counts, in a sentence: "hotspot × 3, miss × 2"."""
    return ", ".join(f"{gettext(kind)} × {count}" for kind, count in sorted(counts.items()))


def grouped_note_texts(notes: list[ImportNote], gettext) -> list[str]:
    """One line per kind of note, in order of first appearance: the first note, then how many
    more of the same kind there are and where (not one line per passage)."""
    groups: dict[str, list[ImportNote]] = {}
    for found in notes:
        groups.setdefault(found.code or found.template, []).append(found)
    lines = []
    for group in groups.values():
        text = group[0].text(gettext)
        if len(group) > 1:
            places = []
            for other in group[1:]:
                place = next(
                    (str(other.params[key]) for key in PLACE_PARAMS if key in other.params), ""
                )
                if place and place not in places:
                    places.append(place)
            template = (
                _("{note} ({count} more like this, in: {places})")
                if places
                else _("{note} ({count} more like this)")
            )
            shown = ", ".join(f"'{place}'" for place in places[:NOTE_EXAMPLES])
            shown += "…" if len(places) > NOTE_EXAMPLES else ""
            text = gettext(template).format(note=text, count=len(group) - 1, places=shown)
        lines.append(text)
    return lines


class ScenarioImportError(TranslatableError):
    """The input cannot be imported at all."""

    def __init__(self, template: str, params: dict | None = None):
        super().__init__(Message(template, params or {}))


def check_size(data: str | bytes, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The input as bytes, refused when it is over `limit`."""
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
    except UnicodeEncodeError as exc:  # a lone surrogate, which no UTF-8 file can hold
        raise ScenarioImportError(
            _("The file is not UTF-8 text (byte {position} cannot be read)."),
            {"position": exc.start},
        ) from exc
    if len(raw) > limit:
        raise ScenarioImportError(
            _("The file is {size} bytes long; the limit is {limit} bytes."),
            {"size": len(raw), "limit": limit},
        )
    return raw


def read_text(data: str | bytes, limit: int = MAX_IMPORT_BYTES) -> str:
    """The input as text: refused over `limit` bytes; bytes must be UTF-8 (a byte-order mark is
    dropped)."""
    raw = check_size(data, limit)
    if isinstance(data, str):
        return data
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioImportError(
            _("The file is not UTF-8 text (byte {position} cannot be read)."),
            {"position": exc.start},
        ) from exc
