"""The pulse survey XBlock: learners answer a short survey, named or anonymous; trainers read the
results."""

from __future__ import annotations

from django.utils import timezone
from django.utils.html import format_html
from xblock.core import XBlock
from xblock.validation import ValidationMessage

from spoc_xblocks.common.authoring import settings_shape
from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import (
    HandlerError,
    error_response,
    spoc_handler,
    trainer_only_response,
)
from spoc_xblocks.common.payloads import AnyOf, Integer, ListOf, MapOf
from spoc_xblocks.common.payloads import String as StringShape
from spoc_xblocks.common.rendering import (
    build_fragment,
    error_fragment,
    html_id,
    render_template,
)
from spoc_xblocks.common.roster import learner_names, name_finder
from spoc_xblocks.common.sanitize import safe_html
from spoc_xblocks.common.text import Message, _
from spoc_xblocks.common.times import time_html, utc_label

from . import api
from .authoring import BODY_SHAPE, STUDIO_MAX_BYTES
from .block import EngagementBlock
from .demo import PULSE_QUESTIONS, module_check_xml, pulse_xml
from .fields import PulseFields
from .logic.pulse import (
    CLOSED,
    MAX_OPTIONS,
    MAX_QUESTIONS,
    MAX_TEXT_ANSWER,
    NOT_OPEN,
    OPEN,
    SCALES,
    AnswerError,
    PulseDefinition,
    clean_answers,
)
from .logic.tallies import (
    ANONYMOUS_RESPONSES,
    MIN_ANONYMOUS_RESPONSES,
    RESPONSES,
    results_visible,
    tally,
    tally_counters,
)
from .olx import pulse_content_from_element, pulse_content_to_element
from .pulse_figures import answer_text, form_questions, own_answers, results_context

BLOCK_TYPE = "spoc_pulse"
CSS = "static/css/engagement.css"
# The shape bounds sizes; each answer is then checked against its question (a text is trimmed before
# its 2,000-character limit applies).
ANSWER_SHAPE = {
    "answers": MapOf(
        StringShape(max_length=64),
        AnyOf(
            (
                Integer(minimum=0, maximum=10),
                StringShape(max_length=MAX_TEXT_ANSWER, trimmed=True),
                ListOf(StringShape(max_length=64), max_items=MAX_OPTIONS),
            )
        ),
        max_items=MAX_QUESTIONS,
    )
}
CLOSES_BEFORE_OPENING = _("This pulse closes before it opens: set it to close after it opens.")
TOO_FEW_TO_EXPORT = _(
    "This anonymous pulse has fewer than {minimum} answers: nothing can be exported yet."
)


@XBlock.wants("enrollments")  # the roster gives a named pulse's names at a constant cost
class PulseBlock(PulseFields, EngagementBlock):
    """A short pulse or satisfaction survey: Likert, stars, NPS, single or multiple choice and free
    text."""

    block_type = BLOCK_TYPE
    event_namespace = "spoc.pulse"

    CONTENT_FIELD = "pulse_definition"
    BODY_HELP = _(
        "The introduction and the questions. Kinds: likert (5 points from strongly disagree to "
        "strongly agree), stars (1 to 5), nps (0 to 10), single or multiple (with 2 or more "
        "options) and text. "
        'Questions are required unless marked required="false". Keep a question\'s id when you '
        "edit it: answers are counted by id."
    )
    BODY_EXAMPLE = PULSE_QUESTIONS.strip()
    CONTENT_LEGEND = _("Questions")

    def editor_presets(self) -> dict[str, str]:
        """Content the editor offers to start from: the one-click module check."""
        return {"module_check": module_check_xml(self.gettext)}

    def answered_ids(self) -> dict[str, int]:
        """Answers stored per question id: the editor asks before removing an answered one."""
        return api.answered_questions(self.usage_key)

    @property
    def authored(self) -> PulseDefinition:
        """The pulse as its author defined it: questions, anonymity, results for learners, dates."""
        return PulseDefinition.from_content(
            self.pulse_definition,
            anonymous=self.anonymous,
            learner_results=self.learner_results,
            opens=self.opens,
            closes=self.closes,
        )

    @staticmethod
    def content_from_node(node) -> dict:
        return pulse_content_from_element(node)

    @staticmethod
    def content_to_node(definition, node) -> None:
        pulse_content_to_element(definition, node)

    def setting_problems(self, data) -> list:
        if data.opens and data.closes and data.closes <= data.opens:
            return [("closes", Message(CLOSES_BEFORE_OPENING))]
        return []

    # ---- views
    # ----------------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        gettext, ngettext = self.gettext, self.ngettext
        viewer = self.viewer
        if not viewer.is_authenticated:
            return error_fragment(gettext("Sign in to answer this survey."))
        definition = self.authored
        page = {
            "block_id": html_id(self),
            "display_name": self.display_name,
            "intro": safe_html(definition.intro),
            "anonymous": definition.anonymous,
            "learner_results": definition.learner_results,
            "schedule": self._schedule(definition, gettext),
            "is_trainer": viewer.is_trainer,
            "is_masquerading": viewer.is_masquerading,
            "minimum": MIN_ANONYMOUS_RESPONSES,
        }
        if viewer.is_trainer:
            page["results"] = self._results_html(definition, for_trainer=True)
            page["questions"] = form_questions(self, definition, gettext, ngettext)
        else:
            page["panel"] = self._panel_html(viewer, definition)
        html = render_template(self, "templates/pulse.html", page)
        return build_fragment(
            self,
            html,
            css=CSS,
            js="static/js/engagement.js",
            init_fn="SpocPulseBlock",
            init_args={},
        )

    def _schedule(self, definition: PulseDefinition, gettext) -> str:
        """One sentence on when answers are taken, or '' when the pulse is always open."""
        status = definition.status(timezone.now())
        if status == NOT_OPEN:
            return format_html(
                gettext("This pulse opens on {when}."), when=time_html(definition.opens)
            )
        if status == CLOSED:
            return format_html(
                gettext("This pulse closed on {when}: answers are no longer collected."),
                when=time_html(definition.closes),
            )
        if definition.closes is not None:
            return format_html(gettext("Open until {when}."), when=time_html(definition.closes))
        return ""

    def _panel_html(
        self, viewer, definition: PulseDefinition, own: dict | None = None, just_answered=False
    ) -> str:
        """The learner's part: the form, a notice that the pulse is not open, or their answers and
        the results."""
        gettext, ngettext = self.gettext, self.ngettext
        answered = just_answered or api.has_answered_pulse(self.usage_key, viewer.anonymous_id)
        status = definition.status(timezone.now())
        panel = {
            "block_id": html_id(self),
            "can_write": viewer.can_write,
            "just_answered": just_answered,
            "anonymous": definition.anonymous,
            "learner_results": definition.learner_results,
            "minimum": MIN_ANONYMOUS_RESPONSES,
            "schedule": self._schedule(definition, gettext),
        }
        if answered:
            if not definition.anonymous:
                own = (
                    own
                    if own is not None
                    else api.named_pulse_answers(self.usage_key, viewer.anonymous_id)
                )
                panel["own_answers"] = own_answers(definition, own or {}, gettext, ngettext)
            if definition.learner_results:
                panel["results"] = self._results_html(definition, for_trainer=False)
            return render_template(
                self, "templates/pulse_panel.html", {**panel, "state": "answered"}
            )
        if status != OPEN:
            return render_template(self, "templates/pulse_panel.html", {**panel, "state": status})
        return render_template(
            self,
            "templates/pulse_panel.html",
            {
                **panel,
                "state": "form",
                "questions": form_questions(self, definition, gettext, ngettext),
                "module_check": definition.is_module_check,
            },
        )

    def _names(self, learners: list[str | None]) -> list[str]:
        """Who gave each response of a named pulse, as the trainer reads them (learners were told
        the trainer sees their answers with their name)."""
        names = learner_names(self, learners)
        return [names[learner] if learner else "" for learner in learners]

    def _results_html(self, definition: PulseDefinition, *, for_trainer: bool) -> str:
        """Figures, or why they are hidden; for trainers, the CSV export when figures show."""
        gettext, ngettext = self.gettext, self.ngettext
        if for_trainer:  # every answer: the written ones are listed
            found = api.pulse_answer_sets(self.usage_key)
            count, any_anonymous = len(found["answers"]), found["any_anonymous"]
            tallies = tally(definition, found["answers"])
        else:  # the kept counters: a learner's request reads no one's answers
            found = {"answers": [], "learners": []}
            counters = api.pulse_counters(self.usage_key)
            count = counters.get(RESPONSES, 0)
            any_anonymous = counters.get(ANONYMOUS_RESPONSES, 0) > 0
            tallies = tally_counters(definition, counters)
        visible = results_visible(definition.anonymous or any_anonymous, count)
        return render_template(
            self,
            "templates/pulse_results.html",
            {
                "block_id": html_id(self),
                "count": count,
                "visible": visible,
                "for_trainer": for_trainer,
                "minimum": MIN_ANONYMOUS_RESPONSES,
                "questions": results_context(
                    self,
                    tallies,
                    for_trainer=for_trainer,
                    gettext=gettext,
                    ngettext=ngettext,
                    answer_sets=found["answers"],
                    people=self._names(found["learners"])
                    if for_trainer and not definition.anonymous
                    else None,
                )
                if visible and count
                else [],
                "export_url": self.runtime.handler_url(self, "export_csv")
                if for_trainer and visible and count
                else "",
            },
        )

    # ---- handlers
    # -------------------------------------------------------------------------------------

    @spoc_handler(ANSWER_SHAPE)
    def answer(self, data, viewer):
        """Record a learner's answers once; answer with their panel (their answers, the results if
        shown)."""
        if viewer.is_trainer:
            raise HandlerError(
                _("Trainers see the results here; only learners answer the pulse."), status=403
            )
        definition = self.authored
        status = definition.status(timezone.now())
        if status == NOT_OPEN:
            raise HandlerError(
                _("This pulse is not open yet: it opens on {when}."),
                when=utc_label(definition.opens),
            )
        if status == CLOSED:
            raise HandlerError(
                _("This pulse closed on {when}: answers are no longer collected."),
                when=utc_label(definition.closes),
            )
        try:
            answers = clean_answers(definition, data["answers"])
        except AnswerError as error:
            raise HandlerError(error.message, field=error.field) from error
        try:
            api.record_pulse_answer(
                self.course_key,
                self.usage_key,
                viewer.anonymous_id,
                answers,
                anonymous=definition.anonymous,
                rated=any(answer["kind"] in SCALES for answer in answers.values()),
            )
        except api.AlreadyAnswered as error:
            raise HandlerError(_("You have already answered this pulse.")) from error
        self.learner_did(
            viewer,
            "answered",
            {
                "anonymous": definition.anonymous,
                "answered": len(answers),
                "questions": len(definition.questions),
            },
            verb="pulse_answered",
            done=True,
        )
        return {
            "html": self._panel_html(viewer, definition, own=answers, just_answered=True),
            "announce": self.gettext("Thank you: your answers were recorded."),
        }

    @XBlock.handler
    def export_csv(self, request, suffix=""):
        """Every response as CSV for trainers; an anonymous pulse exports no learner id and no
        time."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        gettext, ngettext = self.gettext, self.ngettext
        definition = self.authored
        counters = api.pulse_counters(self.usage_key)
        if not results_visible(
            definition.anonymous or counters.get(ANONYMOUS_RESPONSES, 0) > 0,
            counters.get(RESPONSES, 0),
        ):
            too_few = Message(TOO_FEW_TO_EXPORT, {"minimum": MIN_ANONYMOUS_RESPONSES})
            return error_response(self, 400, too_few)
        # A named pulse told its learners that the trainer sees their answers with their name.
        header = (
            ["response"] if definition.anonymous else ["anonymous_user_id", "username", "submitted"]
        )
        name = name_finder(self)
        header += [
            f"{number}. {question.text}"
            for number, question in enumerate(definition.questions, start=1)
        ]

        def cell(question, answers):
            answer = answers.get(question.id)
            if answer is None or answer.get("kind") != question.kind:
                return ""
            return answer_text(question, answer["value"], gettext, ngettext)

        def rows():
            for number, row in enumerate(api.export_pulse(self.usage_key), start=1):
                who = (
                    [number]
                    if definition.anonymous
                    else [
                        row["learner_id"] or "",
                        name(row["learner_id"]),
                        row["submitted"].isoformat() if row["submitted"] else "",
                    ]
                )
                yield who + [cell(question, row["answers"]) for question in definition.questions]

        return csv_response("pulse-responses.csv", header, rows())

    @spoc_handler(
        {**settings_shape(PulseFields, PulseFields.editable_fields), **BODY_SHAPE},
        author_only=True,
        max_bytes=STUDIO_MAX_BYTES,
    )
    def studio_submit(self, data, viewer):
        """Save the settings and the questions from the Studio editor, or nothing when either is
        wrong."""
        return self.save_from_editor(data)

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """For "Delete learner state" (common.learner_state): the learner's participation, so they
        may answer again, and their response in a named pulse. An anonymous pulse's response keeps
        nothing that leads to its learner: it cannot be found, and stays in the results."""
        return api.forget_pulse_answer(usage_key, learner_id)

    def validate(self):
        """Studio's messages: the settings' problems, and a pulse whose answers window has
        closed."""
        validation = super().validate()
        definition = self.authored
        if definition.status(timezone.now()) == CLOSED:
            gettext = self.gettext
            validation.add(
                ValidationMessage(
                    ValidationMessage.WARNING,
                    gettext(
                        "This pulse closed on {when}: learners can no longer answer it."
                    ).format(when=utc_label(definition.closes)),
                )
            )
        return validation

    @staticmethod
    def workbench_scenarios():
        """An anonymous pulse with results for learners, a named one for the trainer only, a closed
        one and a one-click module check."""
        return [
            (
                "Pulse: how is the course going? (anonymous)",
                pulse_xml('display_name="How is the course going?"'),
            ),
            (
                "Pulse: week 1 feedback (named, results for the trainer only)",
                pulse_xml(
                    'display_name="Week 1 feedback" anonymous="false" learner_results="false"'
                ),
            ),
            (
                "Pulse: kick-off (closed)",
                pulse_xml(
                    'display_name="Kick-off pulse" opens="2026-01-05T08:00:00Z" '
                    'closes="2026-01-09T17:00:00Z"'
                ),
            ),
            (
                "Pulse: module check (one click, at the end of a module)",
                '<spoc_pulse display_name="How was this module?">'
                f"{module_check_xml(lambda text: text)}</spoc_pulse>",
            ),
        ]
