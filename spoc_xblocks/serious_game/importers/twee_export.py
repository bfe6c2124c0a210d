"""Twee 3 (v3.0.2) export of a scenario, for authors who write in Twine or a text editor, with a
tally of what Twee could only approximate or had to leave out, for the author to read.

Export writes `StoryTitle`, `StoryData` (an IFID derived from the title, so the same scenario always
gives the same file; the start passage) and one passage per node, named by node id: the body as
plain text (paragraphs split by blank lines), then one `[[text->target]]` link per choice.

A software simulation becomes text a reader can play: a screen's passage says what the screenshot
shows (its description) and has one link per hotspot, with its label; an input step's passage names
the field and has one link per accepted answer, saying what to type; the miss's feedback and hint,
and each known wrong answer's feedback, are written as text. Re-imported, it is a text scenario.

What Twee cannot carry is lost: node titles, images, video and transcripts, body markup (only its
text is kept), choice ids, feedback, conditions, `once`, effects and points, miss penalties,
variables, competencies, shuffling, the scoring and simulation modes, the screenshots and hotspot
areas, and ending outcomes and scores (an imported passage with no links is a success ending with
score 0). Ids outside `[A-Za-z0-9_-]` come back made safe, an empty choice text comes back as the
target id, and a choice text holding `]]` or a body holding `[[...]]` does not survive Twine's link
grammar.
"""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field

from spoc_xblocks.common.text import Gettext, _, untranslated
from spoc_xblocks.serious_game.importers.html_text import html_to_text
from spoc_xblocks.serious_game.importers.links import format_link
from spoc_xblocks.serious_game.importers.report import counted_items
from spoc_xblocks.serious_game.logic.model import Answer, Node, Scenario

IFID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "spoc-xblocks:serious_game:twee")
_HEADER_ESCAPES = re.compile(r"([\\\[\]{}])")

SCREEN = _("Screen: {description}")
FIELD = _("Field to type into: {label}")
CLICK_ELSEWHERE = _("A click anywhere else: {feedback}")
TYPED_ELSE = _("Anything else typed: {feedback}")
HINT = _("Hint: {hint}")
WRONG_ANSWER = _("Typing {answer}: {feedback}")
TYPE = _("Type {answer}")
QUOTED = _("“{value}”")
NUMBER_ABOUT = _("{value}, give or take {tolerance}")
PATTERN = _("text matching “{value}”")


@dataclass
class TweeExport:
    """The Twee text, and how many of each kind of part it approximated or left out."""

    text: str
    approximated: Counter = field(default_factory=Counter)
    dropped: Counter = field(default_factory=Counter)


def scenario_to_twee(scenario: Scenario, gettext: Gettext = untranslated) -> str:
    """The scenario as Twee 3 text (see the module docstring for what is approximated or lost)."""
    return twee_export(scenario, gettext).text


def twee_export(scenario: Scenario, gettext: Gettext = untranslated) -> TweeExport:
    """The Twee 3 text with its tally; the sentences it writes (a screen's, an answer's link) are
    in the language of `gettext`."""
    story_data = {"ifid": story_ifid(scenario.title), "start": scenario.start}
    parts = [
        f":: StoryTitle\n{_escape_text(scenario.title)}\n",
        f":: StoryData\n{json.dumps(story_data, indent=2, ensure_ascii=False)}\n",
    ]
    for index, node in enumerate(scenario.nodes):
        metadata = json.dumps(
            {
                "position": f"{25 + 125 * (index % 10)},{25 + 125 * (index // 10)}",
                "size": "100,100",
            },
            separators=(",", ":"),
        )
        paragraphs = [html_to_text(node.body), *_simulation_text(node, gettext)]
        text = "\n\n".join(_escape_text(part) for part in paragraphs if part)
        links = "\n".join(format_link(label, target) for label, target in _links(node, gettext))
        text = "\n\n".join(part for part in (text, links) if part)
        parts.append(f":: {_escape_name(node.id)} {metadata}\n{text}\n")
    return TweeExport("\n".join(parts), *_tally(scenario))


def export_summary(export: TweeExport, gettext: Gettext = untranslated) -> list[str]:
    """What the author is told before downloading: what the export approximates, what it leaves
    out, with counts."""
    lines = []
    if export.approximated:
        items = counted_items(export.approximated, gettext)
        lines.append(gettext(_("The export approximates: {items}.")).format(items=items))
    if export.dropped:
        items = counted_items(export.dropped, gettext)
        lines.append(gettext(_("It leaves out: {items}.")).format(items=items))
    return lines


def story_ifid(title: str) -> str:
    """A stable IFID (an uppercase UUID) for a story title."""
    return str(uuid.uuid5(IFID_NAMESPACE, title)).upper()


def _simulation_text(node: Node, gettext: Gettext) -> list[str]:
    """The paragraphs that tell a reader what a screen or input step shows and what a miss says."""
    paragraphs = []
    if node.screen is not None:
        description = _one_line(node.screen.alt) or node.screen.src
        paragraphs.append(gettext(SCREEN).format(description=description))
    if node.text_input is not None:
        paragraphs.append(gettext(FIELD).format(label=_one_line(node.text_input.label)))
        for answer in node.text_input.answers:
            feedback = _plain(answer.feedback or node.miss.feedback)
            if not answer.choice and feedback:
                typed = _answer_words(answer, gettext)
                paragraphs.append(gettext(WRONG_ANSWER).format(answer=typed, feedback=feedback))
    if node.is_simulation and _plain(node.miss.feedback):
        elsewhere = gettext(TYPED_ELSE if node.text_input else CLICK_ELSEWHERE)
        paragraphs.append(elsewhere.format(feedback=_plain(node.miss.feedback)))
    if node.is_simulation and _plain(node.miss.hint):
        paragraphs.append(gettext(HINT).format(hint=_plain(node.miss.hint)))
    return paragraphs


def _links(node: Node, gettext: Gettext) -> list[tuple[str, str]]:
    """(label, target) per link: one per accepted answer of an input step, then one per choice
    that has a button (a hotspot by its label)."""
    typed = node.text_input.typed_choices if node.text_input else frozenset()
    targets = {choice.id: choice.target for choice in node.choices}
    links = [
        (gettext(TYPE).format(answer=_answer_words(answer, gettext)), targets[answer.choice])
        for answer in (node.text_input.answers if node.text_input else ())
        if answer.choice in targets
    ]
    links += [
        (_one_line(choice.text) or choice.target, choice.target)
        for choice in node.choices
        if choice.id not in typed
    ]
    return links


def _answer_words(answer: Answer, gettext: Gettext) -> str:
    """What to type: the value (quoted unless a number), a number's tolerance, or a pattern."""
    value = _one_line(answer.value)
    if answer.match == "number":
        if not answer.tolerance:
            return value
        return gettext(NUMBER_ABOUT).format(value=value, tolerance=f"{answer.tolerance:g}")
    template = PATTERN if answer.match == "pattern" else QUOTED
    return gettext(template).format(value=value)


def _tally(scenario: Scenario) -> tuple[Counter, Counter]:
    """What the export approximates and what it leaves out, by kind, with counts."""
    approximated, dropped = Counter(), Counter()
    for node in scenario.nodes:
        choices = node.choices
        answers = node.text_input.answers if node.text_input else ()
        approximated.update(
            {
                _("screen, as its description"): node.screen is not None,
                _("hotspot, as a link"): len(node.hotspots),
                _("input step, as its field's name"): node.text_input is not None,
                _("accepted answer, as a link saying what to type"): sum(
                    bool(answer.choice) for answer in answers
                ),
                _("known wrong answer, as text"): sum(not answer.choice for answer in answers),
                _("miss feedback or hint, as text"): bool(
                    node.is_simulation and (node.miss.feedback or node.miss.hint)
                ),
            }
        )
        dropped.update(
            {
                _("node title"): bool(node.title),
                _("image or video"): bool(node.image_url or node.video_url),
                _("ending outcome and score"): node.is_ending,
                _("miss penalty"): bool(node.is_simulation and node.miss.penalty),
                _("choice feedback"): sum(bool(choice.feedback) for choice in choices),
                _("condition"): sum(bool(choice.condition) for choice in choices),
                _("once-only choice"): sum(choice.once for choice in choices),
                _("effect"): sum(len(choice.effects) for choice in choices),
                _("choice points"): sum(bool(choice.points) for choice in choices),
            }
        )
    dropped.update(
        {
            _("variable"): len(scenario.variables),
            _("competency"): len(scenario.competencies),
            _("assessed simulation mode"): scenario.simulation == "assessed",
        }
    )
    return +approximated, +dropped


def _plain(html: str) -> str:
    return _one_line(html_to_text(html))


def _escape_name(name: str) -> str:
    escaped = _HEADER_ESCAPES.sub(r"\\\1", name)
    return re.sub(r"^ +| +$", lambda match: "\\ " * len(match.group()), escaped)


def _one_line(text: str) -> str:
    """Text on one line, as a link cannot cross a line break; surrounding spaces would not
    survive import."""
    return re.sub(r"\s*[\r\n]+\s*", " ", text).strip()


def _escape_text(text: str) -> str:
    return re.sub(r"^::", r"\\::", text, flags=re.MULTILINE)
