"""Authoring the cohort coach: OLX (settings as attributes, thresholds as a readable <rules> child), the Studio
editor and its save handler, Studio validation and the author's preview."""

from __future__ import annotations

from lxml import etree
from xblock.validation import ValidationMessage

from spoc_xblocks.common.authoring import NOT_ALLOWED_IN_OLX
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.olx import OlxError, check_element, child_elements, new_block_from_olx
from spoc_xblocks.common.operator_notices import add_operator_problems
from spoc_xblocks.common.operator_settings import AT_RISK_LIMITS, read_operator_settings
from spoc_xblocks.common.payloads import Integer, ListOf, MapOf, PayloadError, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import Message, _
from spoc_xblocks.common.times import parse_day

from .fields import QUESTIONS
from .fragments import coach_fragment

RULES_TAG = "rules"
RULE_LIMITS = AT_RISK_LIMITS  # the same limits bind authors and the site's AT_RISK_DEFAULTS
SITE_KEYS = ("AT_RISK_DEFAULTS", "NUDGE_EMAILS")
SETTINGS_SHAPE = {
    "display_name": String(max_length=255),
    "cadence_days": Integer(minimum=1, maximum=90),
    "start_date": String(max_length=10, required=False),
    "nudge_email_delay_hours": Integer(minimum=0, maximum=336),
}
STUDIO_SHAPE = {
    **SETTINGS_SHAPE,
    "questions": ListOf(String(choices=QUESTIONS), max_items=len(QUESTIONS)),
    "rules": MapOf(
        String(choices=tuple(RULE_LIMITS)),
        Integer(minimum=0, maximum=100),
        max_items=len(RULE_LIMITS),
    ),
}


def rule_texts(gettext) -> dict:
    """Each threshold's label and what it means, for the editor and the preview."""
    return {
        "inactive_days": (
            gettext("Inactive for (days)"),
            gettext("Flag a learner with no activity for this many days."),
        ),
        "missed_checkins": (
            gettext("Check-ins missed in a row"),
            gettext("Flag after this many periods without a check-in."),
        ),
        "confidence_drop": (
            gettext("Confidence drop"),
            gettext("Flag when confidence falls by this much from a recent check-in."),
        ),
        "confidence_floor": (
            gettext("Lowest confidence"),
            gettext("Flag when the latest confidence is at or below this."),
        ),
        "overdue_items": (
            gettext("Overdue work"),
            gettext("Flag with this many pieces of overdue work (a workshop submission, say)."),
        ),
        "behind_points": (
            gettext("Behind the cohort (points)"),
            gettext("Flag when progress is this many points below the cohort's median."),
        ),
        "participation_percent": (
            gettext("Low participation (% of median)"),
            gettext("Flag when interactions are at or below this share of the cohort's median."),
        ),
        "score_floor": (
            gettext("Low score (%)"),
            gettext("Flag when the average serious-game and workshop score is at or below this."),
        ),
    }


def clean_questions(names) -> str:
    """The questions as stored: known ids, no repeats, in the canonical order; at least one."""
    unknown = [name for name in names if name not in QUESTIONS]
    if unknown:
        raise ValueError(unknown[0])
    chosen = [name for name in QUESTIONS if name in names]
    if not chosen:
        raise ValueError("")
    return " ".join(chosen)


def clean_rules(values: dict) -> dict:
    for name, value in values.items():
        if name not in RULE_LIMITS or not 0 <= value <= RULE_LIMITS[name]:
            raise ValueError(name)
    return dict(values)


class AuthoringMixin:
    """OLX import and export, the Studio editor, validation and the author view."""

    # ---- OLX ------------------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = new_block_from_olx(cls, node, runtime, keys)
        for name, value in node.items():
            if name in SETTINGS_SHAPE or name == "questions":
                setattr(block, name, cls._olx_setting(node, name, value))
            elif name == "rules":
                raise OlxError(
                    _("<{tag}> sets the thresholds in a <rules> child, not in an attribute."),
                    node,
                    tag=node.tag,
                )
            else:
                cls._set_field_if_present(block, name, value, {})
        children = child_elements(node)
        for child in children:
            if child.tag != RULES_TAG:
                raise OlxError(
                    _("<{tag}> holds <{child}>; only <rules> is allowed."),
                    child,
                    tag=node.tag,
                    child=child.tag,
                )
        if len(children) > 1:
            raise OlxError(_("<{tag}> holds more than one <rules>."), children[1], tag=node.tag)
        if children:
            check_element(children[0], Message(_("<rules>")), optional=tuple(RULE_LIMITS))
            try:
                block.rules = clean_rules({name: int(value) for name, value in children[0].items()})
            except ValueError as error:
                raise OlxError(
                    _("<rules> has a threshold out of range or not a whole number: {name}."),
                    children[0],
                    name=str(error),
                ) from error
        return block

    @classmethod
    def _olx_setting(cls, node, name: str, text: str):
        """A setting's attribute read and checked as the Studio editor checks it, or an OlxError naming it."""
        try:
            if name == "questions":
                return clean_questions(text.split())
            value = SETTINGS_SHAPE[name].clean(name, cls.fields[name].from_string(text))
            if name == "start_date" and value and parse_day(value) is None:
                raise ValueError(value)
            return value
        except (ValueError, TypeError, PayloadError) as error:
            raise OlxError(NOT_ALLOWED_IN_OLX, node, tag=node.tag, name=name, value=text) from error

    def add_xml_to_node(self, node):
        super().add_xml_to_node(node)
        node.attrib.pop("rules", None)
        if self.rules:
            etree.SubElement(
                node,
                RULES_TAG,
                {name: str(self.rules[name]) for name in RULE_LIMITS if name in self.rules},
            )

    # ---- Studio ---------------------------------------------------------------------------------------

    def studio_view(self, context=None):
        gettext = gettext_for(self)
        thresholds = self.thresholds().as_dict()
        html = render_template(
            self,
            "templates/studio.html",
            {
                "block_id": html_id(self, "studio"),
                "fields": {
                    name: {
                        "label": gettext(self.fields[name].display_name),
                        "help": gettext(self.fields[name].help),
                        "value": getattr(self, name),
                    }
                    for name in (*SETTINGS_SHAPE, "questions", "rules")
                },
                "questions": [
                    (name, question_label(name, gettext), name in self.question_ids())
                    for name in QUESTIONS
                ],
                "rules": [
                    (name, label, help_text, thresholds[name], RULE_LIMITS[name])
                    for name, (label, help_text) in rule_texts(gettext).items()
                ],
            },
        )
        return coach_fragment(self, html, "static/js/cohort_coach_studio.js", "CohortCoachStudio")

    @spoc_handler(STUDIO_SHAPE, author_only=True)
    def studio_submit(self, data, viewer):
        gettext = gettext_for(self)
        if not data["display_name"].strip():
            raise HandlerError(_("The display name cannot be empty."))
        if data["start_date"] and parse_day(data["start_date"]) is None:
            raise HandlerError(_("The start date must be a date such as 2026-03-02."))
        try:
            questions = clean_questions(data["questions"])
        except ValueError as error:
            raise HandlerError(_("Choose at least one question for the check-ins.")) from error
        try:
            rules = clean_rules(data["rules"])
        except ValueError as error:
            raise HandlerError(
                _("The threshold '{name}' is out of range."), name=str(error)
            ) from error
        self.display_name = data["display_name"].strip()
        self.cadence_days = data["cadence_days"]
        self.start_date = data["start_date"]
        self.nudge_email_delay_hours = data["nudge_email_delay_hours"]
        self.questions = questions
        self.rules = {**self.thresholds().as_dict(), **rules}
        return {"saved": True, "message": gettext("Saved.")}

    def validate(self):
        validation = super().validate()
        gettext = gettext_for(self)
        if self.start_date and parse_day(self.start_date) is None:
            validation.add(
                ValidationMessage(
                    ValidationMessage.ERROR,
                    gettext("The start date must be a date such as 2026-03-02."),
                )
            )
        if not self.question_ids():
            validation.add(
                ValidationMessage(
                    ValidationMessage.ERROR,
                    gettext("The check-ins ask no question: choose at least one."),
                )
            )
        if all(value == 0 for value in self.thresholds().as_dict().values()):
            message = gettext("Every at-risk rule is switched off: no learner will be flagged.")
            validation.add(ValidationMessage(ValidationMessage.WARNING, message))
        add_operator_problems(self, validation, read_operator_settings(self), SITE_KEYS)
        return validation

    def author_view(self, context=None):
        """Studio's preview: the check-in questions and the at-risk rules in words."""
        gettext = gettext_for(self)
        thresholds = self.thresholds().as_dict()
        html = render_template(
            self,
            "templates/author.html",
            {
                "block_id": html_id(self, "author"),
                "display_name": self.display_name,
                "cadence_days": self.cadence_days,
                "start_date": self.start_date,
                "questions": [question_label(name, gettext) for name in self.question_ids()],
                "rules": [
                    (label, help_text, thresholds[name])
                    for name, (label, help_text) in rule_texts(gettext).items()
                ],
            },
        )
        return coach_fragment(self, html)


def question_label(name: str, gettext) -> str:
    return {
        "progress": gettext("Progress (0 to 100 %)"),
        "confidence": gettext("Confidence (1 to 5)"),
        "mood": gettext("Mood"),
        "blockers": gettext("Blockers (text)"),
        "help": gettext("What would help (text)"),
    }[name]
