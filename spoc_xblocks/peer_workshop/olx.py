"""The rubric as OLX: our `<rubric>` element, written back canonically, and ORA2's `<rubric>` read
as well.

Ours:
    <rubric feedback="optional">
      <feedbackprompt>What should the author keep, and change?</feedbackprompt>
      <feedback_default_text>Start with what works.</feedback_default_text>
      <criterion name="clarity" feedback="required">
        <label>Clarity</label>
        <prompt>Can a newcomer follow it?</prompt>
        <option name="unclear" points="0">
          <label>Unclear</label><explanation>...</explanation>
        </option>
        ...
      </criterion>
      <criterion name="sources" feedback="optional"><label>Sources</label></criterion>
    </rubric>

A criterion with no <option> is comment-only: it gives no points.

ORA2 puts names in `<name>` children, says `feedback="disabled"` and may wrap the rubric in
`<openassessment>`; those are read too, so an ORA2 rubric pastes in as it is. As in ORA2, a
criterion named by a `<name>` child takes no comment when it has no `feedback` attribute (ours
default to an optional comment)."""

from __future__ import annotations

import re

from lxml import etree

from spoc_xblocks.common.numbers import Figure
from spoc_xblocks.common.olx import (
    OlxError,
    element_text,
    parse_xml,
    read_each,
    set_text,
    to_string,
)
from spoc_xblocks.common.text import Message, _

from .logic.rubric import (
    FEEDBACK_NONE,
    FEEDBACK_OPTIONAL,
    FEEDBACK_RULES,
    Criterion,
    Option,
    Rubric,
)

RUBRIC_TAG = "rubric"
MAX_NAME_LENGTH = 100
MAX_TEXT_LENGTH = 2000
ORA_FEEDBACK = {"disabled": FEEDBACK_NONE}


def _children(element, tag: str):
    return [child for child in element if isinstance(child.tag, str) and child.tag == tag]


def _child_text(element, tag: str) -> str:
    found = _children(element, tag)
    text = element_text(found[0]) if found else ""
    if len(text) > MAX_TEXT_LENGTH:
        raise OlxError(
            _("<{tag}> is longer than {limit} characters."),
            found[0],
            tag=tag,
            limit=Figure(MAX_TEXT_LENGTH),
        )
    return text


def _name(element, what: Message) -> str:
    """A criterion's or level's name: the `name` attribute, or ORA2's `<name>` child."""
    name = (element.get("name") or _child_text(element, "name")).strip()
    if not name:
        raise OlxError(_('{what} has no name: add name="...".'), element, what=what)
    if len(name) > MAX_NAME_LENGTH:
        raise OlxError(
            _("{what} named '{name}...' has a name longer than {limit} characters."),
            element,
            what=what,
            name=name[:30],
            limit=MAX_NAME_LENGTH,
        )
    return name


def _feedback(element, default: str) -> str:
    value = (element.get("feedback") or default).strip().lower()
    value = ORA_FEEDBACK.get(value, value)
    if value not in FEEDBACK_RULES:
        raise OlxError(
            _("feedback='{value}' is not one of: none, optional, required."), element, value=value
        )
    return value


def _option(element) -> Option:
    name = _name(element, Message(_("A level")))
    points = (element.get("points") or "").strip()
    if not re.fullmatch(r"-?\d{1,6}", points):
        raise OlxError(
            _("Level '{name}' needs whole points, e.g. points=\"2\" (found '{points}')."),
            element,
            name=name,
            points=points,
        )
    return Option(
        name=name,
        label=_child_text(element, "label") or name,
        points=int(points),
        explanation=_child_text(element, "explanation"),
    )


def _criterion(element) -> Criterion:
    name = _name(element, Message(_("A criterion")))
    options = tuple(read_each(_children(element, "option"), _option))
    if len(options) == 1:
        raise OlxError(
            _(
                "Criterion '{name}' needs at least two <option> levels (or none, for a "
                "comment-only criterion)."
            ),
            element,
            name=name,
        )
    if len({option.name for option in options}) != len(options):
        raise OlxError(
            _("Criterion '{name}' has two levels with the same name."), element, name=name
        )
    return Criterion(
        name=name,
        label=_child_text(element, "label") or name,
        prompt=_child_text(element, "prompt"),
        options=options,
        feedback=_feedback(
            element, FEEDBACK_NONE if _written_by_ora2(element) else FEEDBACK_OPTIONAL
        ),
    )


def _written_by_ora2(criterion) -> bool:
    """ORA2 names a criterion in a `<name>` child; we write a `name` attribute."""
    return criterion.get("name") is None and bool(_children(criterion, "name"))


def rubric_from_element(element) -> Rubric:
    """Read a `<rubric>` (ours or ORA2's), or an `<openassessment>` holding one; OlxError names what
    is wrong."""
    if element.tag != RUBRIC_TAG:
        found = element.find(f".//{RUBRIC_TAG}")
        if found is None:
            raise OlxError(_("No <rubric> element was found."), element)
        element = found
    criteria = tuple(read_each(_children(element, "criterion"), _criterion))
    if not criteria:
        raise OlxError(_("The rubric needs at least one <criterion>."), element)
    if len({criterion.name for criterion in criteria}) != len(criteria):
        raise OlxError(_("Two criteria have the same name."), element)
    if all(criterion.comment_only for criterion in criteria):
        raise OlxError(
            _(
                "The rubric needs at least one <criterion> with <option> levels: comment-only "
                "criteria give no points."
            ),
            element,
        )
    return Rubric(
        criteria=criteria,
        overall_feedback=_feedback(element, FEEDBACK_OPTIONAL),
        overall_prompt=(
            _child_text(element, "feedbackprompt") or _child_text(element, "feedback_prompt")
        ),
        overall_placeholder=_child_text(element, "feedback_default_text"),
    )


def rubric_from_xml(text: str) -> Rubric:
    return rubric_from_element(parse_xml(text))


def rubric_to_element(rubric: Rubric, parent=None):
    root = etree.SubElement(parent, RUBRIC_TAG) if parent is not None else etree.Element(RUBRIC_TAG)
    root.set("feedback", rubric.overall_feedback)
    set_text(root, "feedbackprompt", rubric.overall_prompt)
    set_text(root, "feedback_default_text", rubric.overall_placeholder)
    for criterion in rubric.criteria:
        node = etree.SubElement(root, "criterion", name=criterion.name, feedback=criterion.feedback)
        set_text(node, "label", criterion.label)
        set_text(node, "prompt", criterion.prompt)
        for option in criterion.options:
            child = etree.SubElement(node, "option", name=option.name, points=str(option.points))
            set_text(child, "label", option.label)
            set_text(child, "explanation", option.explanation)
    return root


def rubric_to_xml(rubric: Rubric) -> str:
    return to_string(rubric_to_element(rubric))


def canonical_rubric_xml(text: str) -> str:
    """The stored form of a rubric: read (ours or ORA2's) then written back, so equal rubrics have
    equal text."""
    return rubric_to_xml(rubric_from_xml(text))
