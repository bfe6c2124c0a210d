"""Scenario OLX: read and write the readable `<scenario>` element, strictly, with errors naming
element and line.

The format (defaults are omitted on export; booleans are `true`/`false`; a value is `true`/`false`,
an integer or a decimal number):

    <scenario start="intro" shuffle="false" title="..."
              scoring="every-time|once|last-per-node">
      <competency id="empathy" label="Empathy"/>
      <variable name="trust" initial="0"/>
      <node id="intro" kind="content|decision|ending" title="..."
            outcome="success|partial|failure" score="100" path-minimum="50">
        <body><![CDATA[<p>author HTML</p>]]></body>
        <image src="..." alt="..."/>
        <video src="..." transcript="..."/>
        <choice id="go" target="q1" once="true" if="trust >= 2" when-false="hide|disable">
          <text>...</text>
          <feedback>...</feedback>
          <effect var="trust" op="set|add" value="1"/>
          <points competency="empathy" value="2"/>
        </choice>
      </node>
    </scenario>

Only the structure and the value types are checked here; graph rules (targets exist, a content node
has one choice, reachability) belong to the validator, so every `Scenario` round-trips exactly.
"""

from __future__ import annotations

import math
import re

from lxml import etree

from spoc_xblocks.common.olx import (
    XML_SPACE,
    OlxError,
    check_element,
    child_elements,
    element_text,
    parse_xml,
    set_text,
    to_string,
)
from spoc_xblocks.common.text import Message, _
from spoc_xblocks.serious_game.logic.model import (
    EFFECT_OPS,
    NODE_KINDS,
    OUTCOMES,
    SCORING_MODES,
    WHEN_FALSE,
    Choice,
    Competency,
    Effect,
    Node,
    Scenario,
    Value,
)

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def scenario_from_xml(source: str | bytes | etree._Element) -> Scenario:
    """Read a `<scenario>` element (or XML text holding one) into a Scenario, or raise OlxError."""
    root = parse_xml(source) if isinstance(source, (str, bytes)) else source
    if root.tag != "scenario":
        raise OlxError(_("Expected a <scenario> element, found <{tag}>."), root, tag=root.tag)
    where = Message(_("The scenario"))
    _check(
        root,
        where,
        required=("start",),
        optional=("shuffle", "title", "scoring"),
        children=("competency", "variable", "node"),
    )
    children = child_elements(root)
    return Scenario(
        start=root.get("start"),
        title=root.get("title", ""),
        shuffle_choices=_boolean(root, "shuffle", where),
        scoring=_choice_of(root, "scoring", SCORING_MODES, where, default=SCORING_MODES[0]),
        competencies=tuple(_competency(el) for el in children if el.tag == "competency"),
        variables=tuple(_variable(el) for el in children if el.tag == "variable"),
        nodes=tuple(_node(el) for el in children if el.tag == "node"),
    )


def scenario_to_element(scenario: Scenario) -> etree._Element:
    """Write a Scenario as a `<scenario>` element; raise OlxError for values XML cannot hold."""
    try:
        root = etree.Element("scenario", start=scenario.start)
        _set(root, "shuffle", "true" if scenario.shuffle_choices else "")
        _set(root, "title", scenario.title)
        _set(root, "scoring", "" if scenario.scoring == SCORING_MODES[0] else scenario.scoring)
        for competency in scenario.competencies:
            element = etree.SubElement(root, "competency", id=competency.id)
            _set(element, "label", competency.label)
        for name, initial in scenario.variables:
            etree.SubElement(root, "variable", name=name, initial=_format_value(initial))
    except ValueError as exc:
        raise OlxError(
            _("The scenario holds text that XML cannot store: {reason}"), reason=str(exc)
        ) from exc
    for node in scenario.nodes:
        try:
            _write_node(root, node)
        except ValueError as exc:
            raise OlxError(
                _("Node '{node}' holds text or a number that XML cannot store: {reason}"),
                node=node.id,
                reason=str(exc),
            ) from exc
    return root


def scenario_to_xml(scenario: Scenario) -> str:
    """The scenario as indented OLX text (the `<scenario>` element only)."""
    return to_string(scenario_to_element(scenario))


# Reading


def _competency(element) -> Competency:
    _check(element, Message(_("A competency")), required=("id",), optional=("label",))
    return Competency(id=element.get("id"), label=element.get("label", ""))


def _variable(element) -> tuple[str, Value]:
    _check(element, Message(_("A variable")), required=("name", "initial"))
    name = element.get("name")
    return name, _value(element, "initial", Message(_("Variable '{name}'"), {"name": name}))


def _node(element) -> Node:
    node_id = element.get("id")
    where = (
        Message(_("A node")) if node_id is None else Message(_("Node '{node}'"), {"node": node_id})
    )
    _check(
        element,
        where,
        required=("id", "kind"),
        optional=("title", "outcome", "score", "path-minimum"),
        children=("body", "image", "video", "choice"),
    )
    kind = _choice_of(element, "kind", NODE_KINDS, where)
    children = child_elements(element)
    singles = _single_children(children, ("body", "image", "video"), where)
    image, video = singles.get("image"), singles.get("video")
    if image is not None:
        _check(
            image,
            Message(_("The image of node '{node}'"), {"node": node_id}),
            optional=("src", "alt"),
        )
    if video is not None:
        _check(
            video,
            Message(_("The video of node '{node}'"), {"node": node_id}),
            optional=("src", "transcript"),
        )
    return Node(
        id=node_id,
        kind=kind,
        title=element.get("title", ""),
        body=_leaf_text(singles.get("body"), where),
        image_url=_attribute(image, "src"),
        image_alt=_attribute(image, "alt"),
        video_url=_attribute(video, "src"),
        transcript=_attribute(video, "transcript"),
        choices=tuple(
            _choice(el, node_id, number)
            for number, el in enumerate(
                (child for child in children if child.tag == "choice"), start=1
            )
        ),
        outcome=_choice_of(element, "outcome", OUTCOMES, where, default="success"),
        score=_number(element, "score", where, default=0),
        path_minimum=_number(element, "path-minimum", where, default=0),
    )


def _choice(element, node_id: str, number: int) -> Choice:
    choice_id = element.get("id")
    where = (
        Message(_("Choice {number} of node '{node}'"), {"number": number, "node": node_id})
        if choice_id is None
        else Message(
            _("Choice '{choice}' of node '{node}'"), {"choice": choice_id, "node": node_id}
        )
    )
    _check(
        element,
        where,
        required=("id", "target"),
        optional=("once", "if", "when-false"),
        children=("text", "feedback", "effect", "points"),
    )
    children = child_elements(element)
    singles = _single_children(children, ("text", "feedback"), where)
    return Choice(
        id=element.get("id"),
        target=element.get("target"),
        text=_leaf_text(singles.get("text"), where),
        feedback=_leaf_text(singles.get("feedback"), where),
        effects=tuple(_effect(el, choice_id, node_id) for el in children if el.tag == "effect"),
        points=tuple(_points(el, choice_id, node_id) for el in children if el.tag == "points"),
        condition=element.get("if", ""),
        when_false=_choice_of(element, "when-false", WHEN_FALSE, where, default="hide"),
        once=_boolean(element, "once", where),
    )


def _effect(element, choice_id: str, node_id: str) -> Effect:
    where = Message(
        _("An effect of choice '{choice}' of node '{node}'"), {"choice": choice_id, "node": node_id}
    )
    _check(element, where, required=("var", "op", "value"))
    return Effect(
        variable=element.get("var"),
        op=_choice_of(element, "op", EFFECT_OPS, where),
        value=_value(element, "value", where),
    )


def _points(element, choice_id: str, node_id: str) -> tuple[str, float]:
    where = Message(
        _("A <points> element of choice '{choice}' of node '{node}'"),
        {"choice": choice_id, "node": node_id},
    )
    _check(element, where, required=("competency", "value"))
    return element.get("competency"), _number(element, "value", where)


def _check(element, where: Message, required=(), optional=(), children=()):
    """Refuse unknown or missing attributes, unknown child elements and any loose text."""
    check_element(element, where, required, optional, children, leaf_text=False)


def _single_children(children, tags, where: Message) -> dict:
    found = {}
    for child in children:
        if child.tag in tags:
            if child.tag in found:
                raise OlxError(
                    _("{where} has more than one <{tag}>; keep one."),
                    child,
                    where=where,
                    tag=child.tag,
                )
            found[child.tag] = child
    return found


def _leaf_text(element, where: Message) -> str:
    if element is None:
        return ""
    for child in child_elements(element):
        raise OlxError(
            _("{where} has the element <{tag}> inside <{parent}>; wrap HTML in <![CDATA[ ... ]]>."),
            child,
            where=where,
            tag=child.tag,
            parent=element.tag,
        )
    if set(element.attrib) - {XML_SPACE}:
        raise OlxError(
            _("{where} has attributes on <{tag}>, which takes none."),
            element,
            where=where,
            tag=element.tag,
        )
    return element_text(element)


def _attribute(element, name: str) -> str:
    return "" if element is None else element.get(name, "")


def _choice_of(element, name: str, allowed, where: Message, default: str | None = None) -> str:
    value = element.get(name, default)
    if value not in allowed:
        raise OlxError(
            _("{where} has {name} '{value}'; use one of: {options}."),
            element,
            where=where,
            name=name,
            value=value,
            options=", ".join(allowed),
        )
    return value


def _boolean(element, name: str, where: Message) -> bool:
    text = element.get(name, "false")
    if text not in ("true", "false"):
        raise OlxError(
            _("{where} has {name}='{value}'; use true or false."),
            element,
            where=where,
            name=name,
            value=text,
        )
    return text == "true"


def _value(element, name: str, where: Message) -> Value:
    text = element.get(name)
    if text in ("true", "false"):
        return text == "true"
    return _number(element, name, where, allow_boolean=True)


def _number(element, name: str, where: Message, default: float | None = None, allow_boolean=False):
    text = element.get(name)
    if text is None:
        return default
    try:
        if _INTEGER.fullmatch(text):
            return int(text)
        if _DECIMAL.fullmatch(text) and math.isfinite(float(text)):
            return float(text)
    except ValueError:  # an integer too long for Python to read
        pass
    sentence = (
        _("{where} has {name}='{value}', which is not true, false or a number.")
        if allow_boolean
        else _("{where} has {name}='{value}', which is not a number.")
    )
    raise OlxError(sentence, element, where=where, name=name, value=text)


# Writing


def _write_node(root, node: Node) -> None:
    element = etree.SubElement(root, "node", id=node.id, kind=node.kind)
    _set(element, "title", node.title)
    _set(element, "outcome", "" if node.outcome == "success" else node.outcome)
    _set(element, "score", "" if node.score == 0 else _format_value(node.score))
    _set(
        element,
        "path-minimum",
        "" if node.path_minimum == 0 else _format_value(node.path_minimum),
    )
    set_text(element, "body", node.body, cdata=True)
    if node.image_url or node.image_alt:
        image = etree.SubElement(element, "image")
        _set(image, "src", node.image_url)
        _set(image, "alt", node.image_alt)
    if node.video_url or node.transcript:
        video = etree.SubElement(element, "video")
        _set(video, "src", node.video_url)
        _set(video, "transcript", node.transcript)
    for choice in node.choices:
        _write_choice(element, choice)


def _write_choice(parent, choice: Choice) -> None:
    element = etree.SubElement(parent, "choice", id=choice.id, target=choice.target)
    _set(element, "once", "true" if choice.once else "")
    _set(element, "if", choice.condition)
    _set(element, "when-false", "" if choice.when_false == "hide" else choice.when_false)
    set_text(element, "text", choice.text)
    set_text(element, "feedback", choice.feedback, cdata=True)
    for effect in choice.effects:
        etree.SubElement(
            element, "effect", var=effect.variable, op=effect.op, value=_format_value(effect.value)
        )
    for competency, points in choice.points:
        etree.SubElement(element, "points", competency=competency, value=_format_value(points))


def _set(element, name: str, value: str) -> None:
    """Set an optional attribute, leaving it out when it holds its default (empty)."""
    if value:
        element.set(name, value)


def _format_value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"{value} is not a finite number")
    return repr(float(value))
