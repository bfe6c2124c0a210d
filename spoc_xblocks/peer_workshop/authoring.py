"""Authoring the workshop: OLX import and export, the Studio editor (with ORA2 rubric import), checks, preview.

OLX: the display name and weight as attributes, then readable child elements:
    <prompt> (HTML, in CDATA), <schedule .../>, <submission .../>, <review .../>, <grading .../> (each setting
    an attribute, only those the author set), and the <rubric>.
"""

from __future__ import annotations

from lxml import etree
from xblock.validation import ValidationMessage

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.olx import OlxError, element_text, new_block_from_olx, parse_xml, set_text
from spoc_xblocks.common.operator_notices import add_operator_problems
from spoc_xblocks.common.operator_settings import read_operator_settings
from spoc_xblocks.common.payloads import AnyOf, Boolean, Integer, MapOf, String
from spoc_xblocks.common.rendering import build_fragment, html_id, render_template
from spoc_xblocks.common.sanitize import safe_html
from spoc_xblocks.common.text import _

from .fields import GROUPS, SETTINGS, SETTINGS_BY_GROUP, SettingError, clean_setting, resolved
from .grades import parse_rubric
from .logic.rubric import rubric_problems
from .olx import RUBRIC_TAG, canonical_rubric_xml, rubric_from_element, rubric_to_xml
from .rules import file_limits_of

CONTENT_ATTRIBUTES = ("prompt", "rubric_xml", *GROUPS)
MAX_PROMPT_LENGTH = 100_000
MAX_RUBRIC_LENGTH = 200_000
STUDIO_SHAPE = {
    "display_name": String(max_length=255),
    "weight": Integer(minimum=0, maximum=1000),
    "prompt": String(max_length=MAX_PROMPT_LENGTH, required=False),
    "rubric_xml": String(max_length=MAX_RUBRIC_LENGTH),
    "settings": MapOf(
        String(max_length=64), AnyOf((Boolean(), Integer(), String(max_length=255))), max_items=60
    ),
}
DATE_ORDER = ("submission_opens", "submission_due", "review_due", "close_date")
UPLOAD_KEYS = ("UPLOAD_MAX_MB", "UPLOAD_EXTENSIONS")


def rubric_check(rubric_xml: str, gettext) -> list[str]:
    """What is wrong with a rubric's XML, as sentences (empty when it can be used)."""
    try:
        rubric = parse_rubric(rubric_xml)
    except OlxError as error:
        return [error.text(gettext)]
    return [problem.text(gettext) for problem in rubric_problems(rubric)]


def settings_from(values: dict) -> dict[str, dict]:
    """Settings as sent by the editor ("key": value) checked and split into their groups, or HandlerError."""
    known = {setting.key: setting for setting in SETTINGS}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise HandlerError(_("Unknown setting '{name}'."), name=unknown[0][:50])
    groups = {group: {} for group in GROUPS}
    for key, value in values.items():
        try:
            cleaned = clean_setting(known[key], value)
        except SettingError as error:
            raise HandlerError(
                _("A setting is not allowed: {problem}"), problem=str(error)
            ) from error
        if cleaned is not None:
            groups[known[key].group][key] = cleaned
    return groups


def file_limit_notes(limits, gettext) -> list[str]:
    """Where the site's caps change the author's file settings, in words."""
    notes = []
    if limits.lowered_from is not None:
        notes.append(
            gettext(
                "Files are limited to {cap} MB on this site: learners can attach files of {cap} MB at "
                "most, not {chosen} MB."
            ).format(cap=limits.max_mb, chosen=limits.lowered_from)
        )
    if limits.refused and not limits.extensions:
        notes.append(
            gettext(
                "This site accepts none of the file types you chose ({types}): learners cannot attach "
                "files."
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


def date_order_problems(schedule: dict, gettext) -> list[str]:
    dates = [(key, schedule.get(key)) for key in DATE_ORDER if schedule.get(key)]
    labels = {setting.key: gettext(setting.label) for setting in SETTINGS}
    return [
        gettext("{later} must come after {earlier}.").format(
            later=labels[later], earlier=labels[earlier]
        )
        for (earlier, first), (later, second) in zip(dates, dates[1:])
        if second <= first
    ]


class AuthoringMixin:
    # ---- OLX --------------------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = new_block_from_olx(cls, node, runtime, keys)
        for name, value in node.items():
            if name == "weight":
                try:
                    points = float(value)
                    block.weight = STUDIO_SHAPE["weight"].clean(
                        name, int(points) if points.is_integer() else points
                    )
                except (ValueError, TypeError, OverflowError) as error:
                    raise OlxError(
                        _("weight='{value}' is not a whole number of points from 0 to 1000."),
                        node,
                        value=value,
                    ) from error
            elif name not in CONTENT_ATTRIBUTES:
                cls._set_field_if_present(block, name, value, {})
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
            elif child.tag in GROUPS:
                setattr(block, child.tag, cls._olx_group(child))
            else:
                raise OlxError(
                    _(
                        "<{tag}> cannot hold <{child}>: use <prompt>, <schedule>, <submission>, "
                        "<review>, <grading> or <rubric>."
                    ),
                    child,
                    tag=node.tag,
                    child=child.tag,
                )
        return block

    @staticmethod
    def _olx_group(element) -> dict:
        known = {setting.key: setting for setting in SETTINGS_BY_GROUP[element.tag]}
        values = {}
        for name, text in element.items():
            if name not in known:
                raise OlxError(
                    _("<{tag}> has no setting '{name}': use {known}."),
                    element,
                    tag=element.tag,
                    name=name,
                    known=", ".join(known),
                )
            try:
                values[name] = clean_setting(known[name], text)
            except SettingError as error:
                raise OlxError(
                    _("<{tag}>: {problem}"), element, tag=element.tag, problem=str(error)
                ) from error
        return values

    def add_xml_to_node(self, node):
        super().add_xml_to_node(node)
        for name in CONTENT_ATTRIBUTES:
            node.attrib.pop(name, None)
        if set_text(node, "prompt", self.prompt, cdata=True) is None:
            etree.SubElement(node, "prompt")
        for group in GROUPS:
            stored = getattr(self, group) or {}
            values = {key: value for key, value in resolved(group, stored).items() if key in stored}
            if values:
                element = etree.SubElement(node, group)
                for key, value in values.items():
                    element.set(key, str(value).lower() if isinstance(value, bool) else str(value))
        node.append(parse_xml(canonical_rubric_xml(self.rubric_xml)))

    # ---- Studio -----------------------------------------------------------------------------------------

    def _setting_controls(self, gettext) -> list[dict]:
        fieldsets = []
        for group in GROUPS:
            values = resolved(group, getattr(self, group))
            controls = []
            for setting in SETTINGS_BY_GROUP[group]:
                value = values[setting.key]
                controls.append(
                    {
                        "key": setting.key,
                        "kind": setting.kind,
                        "id": html_id(self, f"setting-{setting.key}"),
                        "label": gettext(setting.label),
                        "help": gettext(setting.help),
                        "value": value[:16] if setting.kind == "datetime" and value else value,
                        "minimum": setting.minimum,
                        "maximum": setting.maximum,
                        "max_length": setting.max_length,
                        "choices": [
                            {"value": choice, "label": gettext(label), "selected": choice == value}
                            for choice, label in setting.choices
                        ],
                    }
                )
            fieldsets.append(
                {
                    "group": group,
                    "legend": gettext(self.fields[group].display_name),
                    "controls": controls,
                }
            )
        return fieldsets

    def studio_view(self, context=None):
        gettext = gettext_for(self)
        html = render_template(
            self,
            "templates/studio.html",
            {
                "block_id": html_id(self, "studio"),
                "display_name": self.display_name,
                "weight": self.weight,
                "weight_label": gettext(self.fields["weight"].display_name),
                "weight_help": gettext(self.fields["weight"].help),
                "prompt": self.prompt,
                "rubric_xml": self.rubric_xml,
                "fieldsets": self._setting_controls(gettext),
                "rubric_problems": rubric_check(self.rubric_xml, gettext),
            },
        )
        return build_fragment(
            self,
            html,
            css="static/css/peer_workshop.css",
            js="static/js/peer_workshop_studio.js",
            init_fn="PeerWorkshopStudio",
            init_args={},
        )

    @spoc_handler(
        {"xml": String(max_length=MAX_RUBRIC_LENGTH)},
        author_only=True,
        max_bytes=3 * MAX_RUBRIC_LENGTH,
    )
    def import_rubric(self, data, viewer):
        """Turn a pasted rubric (ours, or ORA2's `<rubric>` or whole `<openassessment>`) into our rubric XML."""
        gettext = gettext_for(self)
        try:
            rubric_xml = canonical_rubric_xml(data["xml"])
        except OlxError as error:
            raise HandlerError(
                _("The rubric cannot be read: {error}"), error=error.message
            ) from error
        return {"rubric_xml": rubric_xml, "problems": rubric_check(rubric_xml, gettext)}

    @spoc_handler(
        STUDIO_SHAPE, author_only=True, max_bytes=3 * (MAX_RUBRIC_LENGTH + MAX_PROMPT_LENGTH)
    )
    def studio_submit(self, data, viewer):
        """Save everything, or nothing when a setting, a date or the rubric is wrong."""
        gettext = gettext_for(self)
        if not data["display_name"].strip():
            raise HandlerError(_("The display name cannot be empty."))
        problems = rubric_check(data["rubric_xml"], gettext)
        if problems:
            raise HandlerError(
                _("Nothing was saved: the rubric has problems. {problems}"),
                problems=" ".join(problems),
            )
        groups = settings_from(data["settings"])
        order = date_order_problems(groups["schedule"], gettext)
        if order:
            raise HandlerError(_("Nothing was saved: {problems}"), problems=" ".join(order))
        self.display_name = data["display_name"].strip()
        self.weight = data["weight"]
        self.prompt = data["prompt"]
        self.rubric_xml = canonical_rubric_xml(data["rubric_xml"])
        for group, values in groups.items():
            setattr(self, group, values)
        notes = (
            file_limit_notes(file_limits_of(self), gettext)
            if resolved("submission", self.submission)["allow_files"]
            else []
        )
        return {"saved": True, "message": " ".join([gettext("Saved."), *notes])}

    def validate(self):
        validation = super().validate()
        gettext = gettext_for(self)
        for problem in rubric_check(self.rubric_xml, gettext):
            validation.add(ValidationMessage(ValidationMessage.ERROR, problem))
        schedule = resolved("schedule", self.schedule)
        for problem in date_order_problems(schedule, gettext):
            validation.add(ValidationMessage(ValidationMessage.ERROR, problem))
        grading = resolved("grading", self.grading)
        if grading["peer_weight"] < 100 and not schedule["close_date"]:
            validation.add(
                ValidationMessage(
                    ValidationMessage.WARNING,
                    gettext(
                        "Part of the grade is the trainer's assessment: plan time for it before grades are published."
                    ),
                )
            )
        if resolved("submission", self.submission)["allow_files"]:
            for note in file_limit_notes(file_limits_of(self), gettext):
                validation.add(ValidationMessage(ValidationMessage.WARNING, note))
        add_operator_problems(self, validation, read_operator_settings(self), UPLOAD_KEYS)
        return validation

    def author_view(self, context=None):
        """Studio's preview: the assignment, the rubric with its points, and the main settings (no script)."""
        gettext = gettext_for(self)
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
                "fieldsets": self._setting_controls(gettext),
            },
        )
        return build_fragment(self, html, css="static/css/peer_workshop.css")
