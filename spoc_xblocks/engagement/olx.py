"""OLX of the engagement widgets: questions and competencies as readable children.

The settings are the element's attributes, read and written by the settings kit from the fields.

    <spoc_pulse display_name="..." anonymous="true" learner_results="true"
                opens="2026-03-02T08:00:00Z" closes="2026-03-09T18:00:00Z">
      <intro><![CDATA[<p>author HTML</p>]]></intro>
      <question id="pace" kind="likert|stars|nps|single|multiple|text" required="false">
        <text>The pace of the course suits me.</text>
        <option id="game">The serious game</option>     (single and multiple only, two or more)
      </question>
    </spoc_pulse>

    <spoc_skills_check display_name="..." check_id="onboarding" phase="before|after">
      <intro>...</intro>
      <competency id="listening" label="Active listening">
        <level value="1">I often interrupt.</level> ... <level value="5">...</level>
      </competency>
    </spoc_skills_check>

Reading an export and writing it again gives the same text.
"""

from __future__ import annotations

from lxml import etree

from spoc_xblocks.common.olx import (
    OlxError,
    check_element,
    child_elements,
    element_text,
    parse_xml,
    read_each,
    set_text,
)
from spoc_xblocks.common.text import Message, _

from .logic.pulse import (
    CHOICE_KINDS,
    ID_PATTERN,
    KINDS,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    Option,
    PulseDefinition,
    Question,
    pulse_content,
)
from .logic.skills import LEVELS, MAX_COMPETENCIES, Competency, SkillsDefinition, skills_content


def _boolean(node, name: str, default: bool) -> bool:
    text = node.get(name)
    if text is None:
        return default
    if text not in ("true", "false"):
        raise OlxError(
            _("<{tag}> has {name}='{value}'; use true or false."),
            node,
            tag=node.tag,
            name=name,
            value=text,
        )
    return text == "true"


def _identifier(element, where: Message, seen: set) -> str:
    value = element.get("id", "")
    if not ID_PATTERN.fullmatch(value):
        raise OlxError(
            _("{where} has id '{value}'; use 1 to 64 letters, digits, '-', '_' or '.'."),
            element,
            where=where,
            value=value,
        )
    if value in seen:
        raise OlxError(
            _("{where}: the id '{value}' is used twice; each id must be unique."),
            element,
            where=where,
            value=value,
        )
    seen.add(value)
    return value


def _leaf(element, where: Message, attributes=()) -> str:
    check_element(element, where, required=attributes)
    text = element_text(element)
    if not text.strip():
        raise OlxError(
            _("{where} is empty; write its text inside <{tag}>."),
            element,
            where=where,
            tag=element.tag,
        )
    return text


def _intro(children, where: Message) -> str:
    intros = [child for child in children if child.tag == "intro"]
    if len(intros) > 1:
        raise OlxError(_("{where} has more than one <intro>; keep one."), intros[1], where=where)
    if intros:
        for child in child_elements(intros[0]):
            raise OlxError(
                _("The <intro> holds the element <{tag}>; wrap its HTML in <![CDATA[ ... ]]>."),
                child,
                tag=child.tag,
            )
        check_element(intros[0], Message(_("The <intro>")))
    return element_text(intros[0]) if intros else ""


def body_element(text: str, tag: str):
    """Parse the children an author typed in the Studio editor, inside the block's element (lines
    unchanged)."""
    return parse_xml(f"<{tag}>{text}</{tag}>")


def body_text(node) -> str:
    """The children of an element as indented text, each starting at the margin, for the Studio
    editor."""
    for child in node:
        etree.indent(child, space="  ")
    return (
        "\n".join(etree.tostring(child, encoding="unicode", with_tail=False) for child in node)
        + "\n"
    )


def _element_name(node) -> Message:
    return Message(_("<{tag}>"), {"tag": node.tag})


# ---- pulse
# -------------------------------------------------------------------------------------------


def pulse_content_from_element(node) -> dict:
    """A pulse's <intro> and <question> children, checked, as the block's content field keeps them;
    OlxError names its problems. (Its attributes are settings, which the settings kit
    reads.)"""
    children = child_elements(node)
    for child in children:
        if child.tag not in ("intro", "question"):
            raise OlxError(
                _("<{tag}> holds <{child}>; use <intro> and <question>."),
                child,
                tag=node.tag,
                child=child.tag,
            )
    seen = set()
    elements = [child for child in children if child.tag == "question"]
    questions = read_each(elements, lambda element: _question(element, seen))
    if not questions:
        raise OlxError(
            _("<{tag}> has no <question>; a pulse asks at least one."), node, tag=node.tag
        )
    if len(questions) > MAX_QUESTIONS:
        raise OlxError(
            _("<{tag}> has {count} questions; the limit is {limit}."),
            node,
            tag=node.tag,
            count=len(questions),
            limit=MAX_QUESTIONS,
        )
    return pulse_content(_intro(children, _element_name(node)), questions)


def _question(element, seen: set) -> Question:
    where = (
        Message(_("A question"))
        if element.get("id") is None
        else Message(_("Question '{id}'"), {"id": element.get("id")})
    )
    check_element(
        element, where, required=("id", "kind"), optional=("required",), children=("text", "option")
    )
    question_id = _identifier(element, where, seen)
    kind = element.get("kind")
    if kind not in KINDS:
        raise OlxError(
            _("{where} has kind '{kind}'; use one of: {kinds}."),
            element,
            where=where,
            kind=kind,
            kinds=", ".join(KINDS),
        )
    texts = [child for child in child_elements(element) if child.tag == "text"]
    if len(texts) != 1:
        raise OlxError(
            _("{where} needs exactly one <text>."), texts[1] if texts else element, where=where
        )
    option_elements = [child for child in child_elements(element) if child.tag == "option"]
    if kind in CHOICE_KINDS and not 2 <= len(option_elements) <= MAX_OPTIONS:
        raise OlxError(
            _("{where} is a {kind} choice question: give it 2 to {limit} <option> elements."),
            element,
            where=where,
            kind=kind,
            limit=MAX_OPTIONS,
        )
    if kind not in CHOICE_KINDS and option_elements:
        raise OlxError(
            _("{where} is a {kind} question, which takes no <option>."),
            option_elements[0],
            where=where,
            kind=kind,
        )
    option_ids = set()
    options = tuple(
        Option(
            _identifier(
                option, Message(_("An option of question '{id}'"), {"id": question_id}), option_ids
            ),
            _leaf(
                option,
                Message(
                    _("Option '{option}' of question '{id}'"),
                    {"option": option.get("id"), "id": question_id},
                ),
                attributes=("id",),
            ),
        )
        for option in option_elements
    )
    return Question(
        id=question_id,
        kind=kind,
        text=_leaf(texts[0], Message(_("The <text> of question '{id}'"), {"id": question_id})),
        options=options,
        required=_boolean(element, "required", True),
    )


def pulse_content_to_element(definition: PulseDefinition, node) -> None:
    """Write a pulse's introduction and questions as children of `node`."""
    set_text(node, "intro", definition.intro, cdata=True)
    for question in definition.questions:
        element = etree.SubElement(node, "question", id=question.id, kind=question.kind)
        if not question.required:
            element.set("required", "false")
        set_text(element, "text", question.text)
        for option in question.options:
            set_text(element, "option", option.label).set("id", option.id)


# ---- skills check
# ------------------------------------------------------------------------------------


def skills_content_from_element(node) -> dict:
    """A skills check's <intro> and <competency> children, checked, as the block's content field
    keeps them; OlxError names its problems. (Its attributes are settings, which the settings
    kit reads.)"""
    children = child_elements(node)
    for child in children:
        if child.tag not in ("intro", "competency"):
            raise OlxError(
                _("<{tag}> holds <{child}>; use <intro> and <competency>."),
                child,
                tag=node.tag,
                child=child.tag,
            )
    seen = set()
    elements = [child for child in children if child.tag == "competency"]
    competencies = tuple(read_each(elements, lambda element: _competency(element, seen)))
    if not competencies:
        raise OlxError(
            _("<{tag}> has no <competency>; a skills check rates at least one."), node, tag=node.tag
        )
    if len(competencies) > MAX_COMPETENCIES:
        raise OlxError(
            _("<{tag}> has {count} competencies; the limit is {limit}."),
            node,
            tag=node.tag,
            count=len(competencies),
            limit=MAX_COMPETENCIES,
        )
    return skills_content(_intro(children, _element_name(node)), competencies)


def _competency(element, seen: set) -> Competency:
    where = (
        Message(_("A competency"))
        if element.get("id") is None
        else Message(_("Competency '{id}'"), {"id": element.get("id")})
    )
    check_element(element, where, required=("id", "label"), children=("level",))
    competency_id = _identifier(element, where, seen)
    if not element.get("label").strip():
        raise OlxError(_("{where} has an empty label."), element, where=where)
    descriptions = {}
    for level in child_elements(element):
        value = level.get("value")
        if value not in {str(number) for number in LEVELS} or value in descriptions:
            raise OlxError(
                _("{where} has a <level value='{value}'>; give levels 1, 2, 3, 4 and 5 once each."),
                level,
                where=where,
                value=value,
            )
        descriptions[value] = _leaf(
            level,
            Message(_("Level {value} of competency '{id}'"), {"value": value, "id": competency_id}),
            attributes=("value",),
        )
    if len(descriptions) != len(LEVELS):
        raise OlxError(
            _("{where} describes {count} levels; describe each of the 5 levels."),
            element,
            where=where,
            count=len(descriptions),
        )
    return Competency(
        id=competency_id,
        label=element.get("label"),
        levels=tuple(descriptions[str(number)] for number in LEVELS),
    )


def skills_content_to_element(definition: SkillsDefinition, node) -> None:
    """Write a skills check's introduction and competencies as children of `node`."""
    set_text(node, "intro", definition.intro, cdata=True)
    for competency in definition.competencies:
        element = etree.SubElement(node, "competency", id=competency.id, label=competency.label)
        for number, description in zip(LEVELS, competency.levels):
            set_text(element, "level", description).set("value", str(number))
