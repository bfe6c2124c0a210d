"""Scenario OLX: read and write the readable `<scenario>` element, strictly, with errors naming
element and line.

The format (defaults are omitted on export; booleans are `true`/`false`; a value is `true`/`false`,
an integer or a decimal number):

    <scenario start="intro" shuffle="false" title="..."
              scoring="every-time|once|last-per-node" simulation="guided|assessed">
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
        <screen src="..." alt="..." overlap="false"/>
        <hotspot id="search" target="q2" x="0.1" y="0.2" width="0.3" height="0.05">
          (the children and the other attributes of a <choice>)
        </hotspot>
        <input label="The customer's account number">
          <answer choice="found" match="exact|loose|number|pattern" value="AC-####"
                  tolerance="0.01"><feedback>...</feedback></answer>
        </input>
        <miss hint-after="2">
          <feedback>...</feedback>
          <hint>...</hint>
          <points competency="accuracy" value="-1"/>
        </miss>
      </node>
    </scenario>

Only the structure and the value types are checked here; graph rules (targets exist, a content node
has one choice, reachability) belong to the validator, so every `Scenario` round-trips exactly.
A `<hotspot>` is a choice with an area (x, y, width and height in fractions 0..1 of the screenshot);
choices and hotspots keep their authored order. An `<answer>` without `choice` is a known wrong
answer, shown with its feedback.
"""

from __future__ import annotations

import math

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
    ANSWER_MATCHES,
    EFFECT_OPS,
    NODE_KINDS,
    OUTCOMES,
    SCORING_MODES,
    SIMULATION_MODES,
    WHEN_FALSE,
    Answer,
    Area,
    Choice,
    Competency,
    Effect,
    Miss,
    Node,
    Scenario,
    Screen,
    TextInput,
    Value,
)
from spoc_xblocks.serious_game.logic.values import number_of

CHOICE_TAGS = ("choice", "hotspot")
AREA_ATTRIBUTES = ("x", "y", "width", "height")


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
        optional=("shuffle", "title", "scoring", "simulation"),
        children=("competency", "variable", "node"),
    )
    children = child_elements(root)
    return Scenario(
        start=root.get("start"),
        title=root.get("title", ""),
        shuffle_choices=_boolean(root, "shuffle", where),
        scoring=_choice_of(root, "scoring", SCORING_MODES, where, default=SCORING_MODES[0]),
        simulation=_choice_of(
            root, "simulation", SIMULATION_MODES, where, default=SIMULATION_MODES[0]
        ),
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
        _set(
            root,
            "simulation",
            "" if scenario.simulation == SIMULATION_MODES[0] else scenario.simulation,
        )
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
        children=("body", "image", "video", "screen", "input", "miss", *CHOICE_TAGS),
    )
    kind = _choice_of(element, "kind", NODE_KINDS, where)
    children = child_elements(element)
    singles = _single_children(
        children, ("body", "image", "video", "screen", "input", "miss"), where
    )
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
                (child for child in children if child.tag in CHOICE_TAGS), start=1
            )
        ),
        outcome=_choice_of(element, "outcome", OUTCOMES, where, default="success"),
        score=_number(element, "score", where, default=0),
        path_minimum=_number(element, "path-minimum", where, default=0),
        screen=_screen(singles.get("screen"), node_id),
        text_input=_text_input(singles.get("input"), node_id),
        miss=_miss(singles.get("miss"), node_id),
    )


def _screen(element, node_id: str) -> Screen | None:
    if element is None:
        return None
    where = Message(_("The screen of node '{node}'"), {"node": node_id})
    _check(element, where, required=("src",), optional=("alt", "overlap"))
    return Screen(
        src=element.get("src"),
        alt=element.get("alt", ""),
        overlap=_boolean(element, "overlap", where),
    )


def _text_input(element, node_id: str) -> TextInput | None:
    if element is None:
        return None
    where = Message(_("The input of node '{node}'"), {"node": node_id})
    _check(element, where, required=("label",), children=("answer",))
    return TextInput(
        label=element.get("label"),
        answers=tuple(
            _answer(child, node_id, number)
            for number, child in enumerate(child_elements(element), start=1)
        ),
    )


def _answer(element, node_id: str, number: int) -> Answer:
    where = Message(_("Answer {number} of node '{node}'"), {"number": number, "node": node_id})
    _check(
        element,
        where,
        required=("match", "value"),
        optional=("choice", "tolerance"),
        children=("feedback",),
    )
    singles = _single_children(child_elements(element), ("feedback",), where)
    return Answer(
        match=_choice_of(element, "match", ANSWER_MATCHES, where),
        value=element.get("value"),
        choice=element.get("choice", ""),
        tolerance=_number(element, "tolerance", where, default=0),
        feedback=_leaf_text(singles.get("feedback"), where),
    )


def _miss(element, node_id: str) -> Miss:
    if element is None:
        return Miss()
    where = Message(_("The <miss> of node '{node}'"), {"node": node_id})
    _check(element, where, optional=("hint-after",), children=("feedback", "hint", "points"))
    children = child_elements(element)
    singles = _single_children(children, ("feedback", "hint"), where)
    hint_after = _number(element, "hint-after", where, default=0)
    if not isinstance(hint_after, int) or hint_after < 0:
        raise OlxError(
            _("{where} has hint-after='{value}'; use a whole number, 0 or more."),
            element,
            where=where,
            value=element.get("hint-after"),
        )
    return Miss(
        feedback=_leaf_text(singles.get("feedback"), where),
        hint=_leaf_text(singles.get("hint"), where),
        hint_after=hint_after,
        penalty=tuple(
            _points(child, "", node_id, where) for child in children if child.tag == "points"
        ),
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
    area_attributes = AREA_ATTRIBUTES if element.tag == "hotspot" else ()
    _check(
        element,
        where,
        required=("id", "target", *area_attributes),
        optional=("once", "if", "when-false"),
        children=("text", "feedback", "effect", "points"),
    )
    children = child_elements(element)
    singles = _single_children(children, ("text", "feedback"), where)
    area = (
        Area(*(_number(element, name, where) for name in AREA_ATTRIBUTES))
        if area_attributes
        else None
    )
    return Choice(
        area=area,
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


def _points(element, choice_id: str, node_id: str, where=None) -> tuple[str, float]:
    where = where or Message(
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
        return number_of(text)
    except ValueError:
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
    if node.screen is not None:
        screen = etree.SubElement(element, "screen", src=node.screen.src)
        _set(screen, "alt", node.screen.alt)
        _set(screen, "overlap", "true" if node.screen.overlap else "")
    if node.text_input is not None:
        _write_text_input(element, node.text_input)
    if node.miss != Miss():
        _write_miss(element, node.miss)
    for choice in node.choices:
        _write_choice(element, choice)


def _write_text_input(parent, text_input: TextInput) -> None:
    element = etree.SubElement(parent, "input", label=text_input.label)
    for answer in text_input.answers:
        child = etree.SubElement(element, "answer")
        _set(child, "choice", answer.choice)
        child.set("match", answer.match)
        child.set("value", answer.value)
        _set(child, "tolerance", "" if answer.tolerance == 0 else _format_value(answer.tolerance))
        set_text(child, "feedback", answer.feedback, cdata=True)


def _write_miss(parent, miss: Miss) -> None:
    element = etree.SubElement(parent, "miss")
    _set(element, "hint-after", str(miss.hint_after) if miss.hint_after else "")
    set_text(element, "feedback", miss.feedback, cdata=True)
    set_text(element, "hint", miss.hint, cdata=True)
    for competency, points in miss.penalty:
        etree.SubElement(element, "points", competency=competency, value=_format_value(points))


def _write_choice(parent, choice: Choice) -> None:
    tag = "choice" if choice.area is None else "hotspot"
    element = etree.SubElement(parent, tag, id=choice.id, target=choice.target)
    if choice.area is not None:
        for name in AREA_ATTRIBUTES:
            element.set(name, _format_value(getattr(choice.area, name)))
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
