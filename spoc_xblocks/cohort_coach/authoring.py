"""Authoring the cohort coach through the settings kit: OLX (every setting an attribute), the Studio
editor and its save, Studio validation, and the author's preview."""

from __future__ import annotations

from dataclasses import replace

from xblock.validation import ValidationMessage

from spoc_xblocks.common.authoring import (
    SettingsMixin,
    block_from_olx,
    editor_html,
    settings_html,
    settings_shape,
)
from spoc_xblocks.common.handlers import spoc_handler
from spoc_xblocks.common.olx import OlxError, child_elements
from spoc_xblocks.common.operator_notices import add_operator_problems
from spoc_xblocks.common.operator_settings import read_operator_settings
from spoc_xblocks.common.payloads import ListOf, String
from spoc_xblocks.common.rendering import build_fragment, html_id, render_template
from spoc_xblocks.common.text import Message, _
from spoc_xblocks.common.times import day_html, parse_day
from spoc_xblocks.module_time.logic.estimates import bad_entry

from . import workflow
from .fields import QUESTION_CHOICES, QUESTIONS, THRESHOLDS, CohortCoachFields

CSS = "static/css/cohort_coach.css"
SETTINGS = ("display_name", "cadence_days", "start_date", "nudge_email_delay_hours")
TIME_SETTINGS = ("module_time_estimates",)
SITE_KEYS = ("AT_RISK_DEFAULTS", "NUDGE_EMAILS")
STUDIO_SHAPE = {
    **settings_shape(CohortCoachFields, (*SETTINGS, *THRESHOLDS)),
    # Optional, so that a save without it (an editor of an earlier version) still works.
    **{
        name: replace(shape, required=False)
        for name, shape in settings_shape(CohortCoachFields, TIME_SETTINGS).items()
    },
    "questions": ListOf(String(choices=QUESTIONS), max_items=len(QUESTIONS)),
}
NO_QUESTION = _("Choose at least one question for the check-ins.")
NOT_A_QUESTION = _("The check-ins cannot ask '{name}': choose among {names}.")
BAD_ESTIMATE = _(
    "'{entry}' is not a module's design time: write its location id, = and whole minutes "
    "(welcome_skills = 5)."
)


def _stored_questions(names) -> str:
    """Questions as the field keeps them: no repeats, in the form's order, space-separated."""
    return " ".join(name for name in QUESTIONS if name in names)


class AuthoringMixin(SettingsMixin):
    """OLX import and export, the Studio editor, validation and the author view."""

    editable_fields = (*SETTINGS, "questions", *THRESHOLDS, *TIME_SETTINGS)

    def setting_problems(self, data) -> list[tuple[str, Message]]:
        asked = (data.questions or "").split()
        unknown = [name for name in asked if name not in QUESTIONS]
        entry = bad_entry(data.module_time_estimates)
        if unknown:
            message = Message(NOT_A_QUESTION, {"name": unknown[0], "names": ", ".join(QUESTIONS)})
            return [("questions", message)]
        if not asked:
            return [("questions", Message(NO_QUESTION))]
        if entry:
            return [("module_time_estimates", Message(BAD_ESTIMATE, {"entry": entry[:80]}))]
        return []

    # ---- OLX -------------------------------------------------------------------------------------

    @classmethod
    def parse_xml(cls, node, runtime, keys):
        block = block_from_olx(cls, node, runtime, keys)
        children = child_elements(node)
        if children:
            raise OlxError(
                _("<{tag}> takes no child element: its settings, thresholds too, are attributes."),
                children[0],
                tag=node.tag,
            )
        block.check_imported_settings(node)
        return block

    def add_xml_to_node(self, node):
        super().add_xml_to_node(node)
        for name in THRESHOLDS:  # a threshold left to the site's default is not written
            if getattr(self, name) is None:
                node.attrib.pop(name, None)

    # ---- Studio ----------------------------------------------------------------------------------

    def studio_view(self, context=None):
        gettext = self.gettext
        field = self.fields["questions"]
        html = editor_html(
            self,
            {
                "settings": settings_html(self, SETTINGS, legend=gettext("Check-ins")),
                "questions_label": gettext(field.display_name),
                "questions_help": gettext(field.help),
                "questions": [
                    {
                        "value": choice["value"],
                        "label": gettext(choice["display_name"]),
                        "checked": choice["value"] in workflow.question_ids(self),
                    }
                    for choice in QUESTION_CHOICES
                ],
                "thresholds": settings_html(
                    self,
                    THRESHOLDS,
                    legend=gettext("At-risk thresholds"),
                    placeholders=read_operator_settings(self).at_risk_defaults,
                ),
                "time_settings": settings_html(
                    self, TIME_SETTINGS, legend=gettext("Time per module")
                ),
            },
        )
        return build_fragment(
            self,
            html,
            css=CSS,
            js="static/js/cohort_coach_studio.js",
            init_fn="CohortCoachStudio",
        )

    @spoc_handler(STUDIO_SHAPE, author_only=True)
    def studio_submit(self, data, viewer):
        questions = _stored_questions(data["questions"])
        self.save_settings({**data, "questions": questions}, self.editable_fields)
        return {"message": self.gettext("Saved.")}

    def validate(self):
        validation = super().validate()
        self.add_setting_problems(validation)
        if all(value == 0 for value in workflow.thresholds(self).as_dict().values()):
            message = self.gettext(
                "Every at-risk rule is switched off: no learner will be flagged."
            )
            validation.add(ValidationMessage(ValidationMessage.WARNING, message))
        add_operator_problems(self, validation, read_operator_settings(self), SITE_KEYS)
        return validation

    def author_view(self, context=None):
        """Studio's preview: the check-in questions and the at-risk rules in words."""
        gettext = self.gettext
        thresholds = workflow.thresholds(self).as_dict()
        labels = {choice["value"]: choice["display_name"] for choice in QUESTION_CHOICES}
        html = render_template(
            self,
            "templates/author.html",
            {
                "block_id": html_id(self, "author"),
                "display_name": self.display_name,
                "cadence_days": self.cadence_days,
                "start_date": day_html(parse_day(self.start_date)),
                "questions": [gettext(labels[name]) for name in workflow.question_ids(self)],
                "rules": [
                    (
                        gettext(self.fields[name].display_name),
                        gettext(self.fields[name].help),
                        thresholds[name],
                    )
                    for name in THRESHOLDS
                ],
            },
        )
        return build_fragment(self, html, css=CSS)
