"""Authoring the workshop: OLX import and export, the Studio editor (with ORA2 rubric import),
checks, preview.

OLX: the settings as attributes (as XBlock writes them), then two readable child elements: <prompt>
(HTML, in CDATA) and the <rubric>."""

from __future__ import annotations

from lxml import etree
from xblock import fields as xblock_fields
from xblock.validation import ValidationMessage

from spoc_xblocks.common.authoring import (
    block_from_olx,
    control_value,
    editor_html,
    settings_html,
    settings_shape,
)
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.olx import OlxError, element_text, parse_xml, problems_of, set_text
from spoc_xblocks.common.operator_notices import add_operator_problems
from spoc_xblocks.common.operator_settings import read_operator_settings
from spoc_xblocks.common.payloads import String
from spoc_xblocks.common.rendering import build_fragment, html_id, render_template
from spoc_xblocks.common.sanitize import safe_html
from spoc_xblocks.common.text import Message, _
from spoc_xblocks.common.times import time_html

from .fields import EDITABLE_FIELDS, SETTING_GROUPS, PeerWorkshopFields
from .grades import parse_rubric
from .logic.rubric import rubric_problems
from .olx import RUBRIC_TAG, canonical_rubric_xml, rubric_from_element, rubric_to_xml
from .ora2_import import ORA2_TAG, ora2_problem
from .rules import file_limits_of

CONTENT_FIELDS = ("prompt", "rubric_xml")
MAX_PROMPT_LENGTH = 100_000
MAX_RUBRIC_LENGTH = 200_000
STUDIO_SHAPE = {
    **settings_shape(PeerWorkshopFields, EDITABLE_FIELDS),
    "prompt": String(max_length=MAX_PROMPT_LENGTH, required=False),
    "rubric_xml": String(max_length=MAX_RUBRIC_LENGTH),
}
DATE_ORDER = ("submission_opens", "submission_due", "review_due", "close_date")
UPLOAD_KEYS = ("UPLOAD_MAX_MB", "UPLOAD_EXTENSIONS")
WHOLE_NUMBER = _("'{name}' must be a whole number.")
LATER_DATE = _("{later} must come after {earlier}.")


def rubric_check(rubric_xml: str, gettext) -> list[str]:
    """What is wrong with a rubric's XML, as sentences (empty when it can be used)."""
    try:
        rubric = parse_rubric(rubric_xml)
    except OlxError as error:
        return [problem.text(gettext) for problem in problems_of(error)]
    return [problem.text(gettext) for problem in rubric_problems(rubric)]


def first_problem_line(rubric_xml: str) -> int | None:
    """The line of the rubric's XML where its first problem is, when the XML has one."""
    try:
        parse_rubric(rubric_xml)
    except OlxError as error:
        return problems_of(error)[0].line
    return None


def file_limit_notes(limits, gettext) -> list[str]:
    """Where the site's caps change the author's file settings, in words."""
    notes = []
    if limits.lowered_from is not None:
        notes.append(
            gettext(
                "Files are limited to {cap} MB on this site: learners can attach files of {cap} "
                "MB at most, not {chosen} MB."
            ).format(cap=limits.max_mb, chosen=limits.lowered_from)
        )
    if limits.refused and not limits.extensions:
        notes.append(
            gettext(
                "This site accepts none of the file types you chose ({types}): learners cannot "
                "attach files."
            ).format(types=", ".join(limits.refused))
        )
    elif limits.refused:
        notes.append(
            gettext(
                "This site does not accept these file types, so learners cannot attach them: "
                "{types}."
            ).format(types=", ".join(limits.refused))
        )
    return notes


def _label(block, name: str) -> Message:
    return Message(block.fields[name].display_name)


def setting_text(block, name: str, gettext):
    """A setting's value as the preview shows it: a choice's label, yes or no, a date."""
    field, value = block.fields[name], getattr(block, name)
    if isinstance(field.values, list):
        return next(
            (gettext(item["display_name"]) for item in field.values if item["value"] == value),
            value,
        )
    if isinstance(field, xblock_fields.Boolean):
        return gettext("Yes") if value else gettext("No")
    if isinstance(field, xblock_fields.DateTime):
        return time_html(value) if value else gettext("set by the trainer")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


class AuthoringMixin:
    # ---- OLX -------------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = block_from_olx(cls, node, runtime, keys)
        if node.get("rubric_xml") is not None:
            block.rubric_xml = canonical_rubric_xml(block.rubric_xml)
        seen = set()
        for child in node:
            if not isinstance(child.tag, str):
                continue
            if child.tag in seen:
                raise OlxError(
                    _("<{tag}> holds more than one <{child}>."),
                    child,
                    tag=node.tag,
                    child=child.tag,
                )
            seen.add(child.tag)
            if child.tag == "prompt":
                block.prompt = element_text(child)
            elif child.tag == RUBRIC_TAG:
                block.rubric_xml = rubric_to_xml(rubric_from_element(child))
            else:
                raise OlxError(
                    _("<{tag}> cannot hold <{child}>: use <prompt> or <rubric>."),
                    child,
                    tag=node.tag,
                    child=child.tag,
                )
        block.check_imported_settings(node)
        return block

    def add_xml_to_node(self, node):
        super().add_xml_to_node(node)
        for name in CONTENT_FIELDS:
            node.attrib.pop(name, None)
        for name in DATE_ORDER:
            if node.get(name) == "":  # a date cleared in the editor: the default, no date
                del node.attrib[name]
        if set_text(node, "prompt", self.prompt, cdata=True) is None:
            etree.SubElement(node, "prompt")
        node.append(parse_xml(canonical_rubric_xml(self.rubric_xml)))

    # ---- the checks ------------------------------------------------------------------------------

    def setting_problems(self, data) -> list[tuple[str, Message]]:
        """Points are whole; the four dates, those set, come in the order of the phases."""
        problems = []
        if data.weight is not None and not float(data.weight).is_integer():
            problems.append(("weight", Message(WHOLE_NUMBER, {"name": _label(self, "weight")})))
        dates = [(name, getattr(data, name)) for name in DATE_ORDER if getattr(data, name)]
        for (earlier, first), (later, second) in zip(dates, dates[1:]):
            if second <= first:
                names = {"later": _label(self, later), "earlier": _label(self, earlier)}
                problems.append((later, Message(LATER_DATE, names)))
        return problems

    def validate(self):
        validation = super().validate()
        gettext = self.gettext
        self.add_setting_problems(validation)
        for problem in rubric_check(self.rubric_xml, gettext):
            validation.add(ValidationMessage(ValidationMessage.ERROR, problem))
        if self.peer_weight < 100 and not self.close_date:
            validation.add(
                ValidationMessage(
                    ValidationMessage.WARNING,
                    gettext(
                        "Part of the grade is the trainer's assessment: plan time for it before "
                        "grades are published."
                    ),
                )
            )
        if self.allow_files:
            for note in file_limit_notes(file_limits_of(self), gettext):
                validation.add(ValidationMessage(ValidationMessage.WARNING, note))
        add_operator_problems(self, validation, read_operator_settings(self), UPLOAD_KEYS)
        return validation

    # ---- Studio ----------------------------------------------------------------------------------

    def rubric_html(self, rubric_xml: str, converted: bool = False):
        """The editor's rubric: its XML, what is wrong with it, and whether an ORA2 rubric was just
        converted into it (redrawn alone after a conversion)."""
        return render_template(
            self,
            "templates/studio_rubric.html",
            {
                "block_id": html_id(self, "studio"),
                "rubric_xml": rubric_xml,
                "rubric_problems": rubric_check(rubric_xml, self.gettext),
                "converted": converted,
            },
        )

    def studio_view(self, context=None):
        gettext = self.gettext
        html = editor_html(
            self,
            {
                "fieldsets": [
                    settings_html(self, names, gettext(legend)) for legend, names in SETTING_GROUPS
                ],
                "prompt": self.prompt,
                "rubric_html": self.rubric_html(self.rubric_xml),
            },
        )
        return build_fragment(
            self,
            html,
            css="static/css/peer_workshop.css",
            js="static/js/peer_workshop_studio.js",
            init_fn="PeerWorkshopStudio",
        )

    @spoc_handler(
        {"xml": String(max_length=MAX_RUBRIC_LENGTH)},
        author_only=True,
        max_bytes=3 * MAX_RUBRIC_LENGTH,
    )
    def import_rubric(self, data, viewer):
        """Turn a pasted rubric (ours, or ORA2's `<rubric>`) into our rubric XML, in the editor's
        rubric; a whole `<openassessment>` also fills the settings and the assignment it sets, and
        lists what it could not bring. Nothing is saved until Save."""
        gettext = self.gettext
        try:
            root = parse_xml(data["xml"])
            problem = ora2_problem(root) if root.tag == ORA2_TAG else None
            rubric_xml = (
                rubric_to_xml(problem.rubric) if problem else canonical_rubric_xml(data["xml"])
            )
        except OlxError as error:
            raise HandlerError(
                _("The rubric cannot be read: {error}"), error=error.message, field="xml"
            ) from error
        answer = {
            "sections": {
                "rubric": self.rubric_html(rubric_xml, converted=True),
                "ora-report": self.ora2_report_html(problem),
            },
            "focus": html_id(self, "studio-rubric"),
            "announce": gettext("The ORA2 rubric was converted: check it, then save."),
        }
        if problem is not None:
            answer["fields"] = {
                name: control_value(self.fields[name], value)
                for name, value in problem.settings.items()
            }
            answer["focus"] = html_id(self, "studio-ora-report")
            answer["announce"] = gettext(
                "The ORA2 problem was converted: check the settings, the assignment and the "
                "rubric, then save."
            )
        return answer

    def ora2_report_html(self, problem) -> str:
        """What an imported ORA2 problem set in the editor, and what it could not bring."""
        if problem is None:
            return ""
        gettext = self.gettext
        return render_template(
            self,
            "templates/studio_ora2_report.html",
            {
                "block_id": html_id(self, "studio"),
                "brought": [gettext(self.fields[name].display_name) for name in problem.settings],
                "left_out": [message.text(gettext) for message in problem.left_out],
            },
        )

    @spoc_handler(
        STUDIO_SHAPE, author_only=True, max_bytes=3 * (MAX_RUBRIC_LENGTH + MAX_PROMPT_LENGTH)
    )
    def studio_submit(self, data, viewer):
        """Save everything, or nothing when a setting, a date or the rubric is wrong."""
        gettext = self.gettext
        problems = rubric_check(data["rubric_xml"], gettext)
        if problems:
            raise HandlerError(
                _("Nothing was saved: the rubric has problems. {problems}"),
                problems=" ".join(problems),
                field="rubric_xml",
                line=first_problem_line(data["rubric_xml"]),
            )
        self.save_settings(data, EDITABLE_FIELDS)
        self.prompt = data["prompt"]
        self.rubric_xml = canonical_rubric_xml(data["rubric_xml"])
        notes = file_limit_notes(file_limits_of(self), gettext) if self.allow_files else []
        return {"saved": True, "message": " ".join([gettext("Saved."), *notes])}

    def author_view(self, context=None):
        """Studio's preview: the assignment, the rubric with its points, and the settings (no
        script)."""
        gettext = self.gettext
        problems = rubric_check(self.rubric_xml, gettext)
        html = render_template(
            self,
            "templates/author.html",
            {
                "block_id": html_id(self, "author"),
                "display_name": self.display_name,
                "prompt": safe_html(self.prompt),
                "rubric": None if problems else parse_rubric(self.rubric_xml),
                "problems": problems,
                "groups": [
                    {
                        "legend": gettext(legend),
                        "rows": [
                            (
                                gettext(self.fields[name].display_name),
                                setting_text(self, name, gettext),
                            )
                            for name in names
                        ],
                    }
                    for legend, names in SETTING_GROUPS
                ],
            },
        )
        return build_fragment(self, html, css="static/css/peer_workshop.css")
