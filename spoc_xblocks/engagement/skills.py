"""The skills-check XBlock: learners rate themselves on competencies before and after; trainers see
the change."""

from __future__ import annotations

from django.utils import timezone
from xblock.core import XBlock

from spoc_xblocks.common.authoring import settings_shape
from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import HandlerError, spoc_handler, trainer_only_response
from spoc_xblocks.common.jobs import celery_runs_tasks
from spoc_xblocks.common.notify import email_configured, email_off_text
from spoc_xblocks.common.payloads import Integer, MapOf
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
from spoc_xblocks.common.times import parse_day, time_html

from . import api, followup
from .authoring import BODY_SHAPE, STUDIO_MAX_BYTES
from .block import EngagementBlock
from .demo import COMPETENCIES, skills_xml
from .fields import SkillsCheckFields
from .logic.pulse import ID_PATTERN, AnswerError
from .logic.skills import (
    AFTER,
    BEFORE,
    BENEFIT_MAX_LENGTH,
    EXAMPLE_MAX_LENGTH,
    FOLLOWUP,
    MAX_COMPETENCIES,
    USES,
    SkillsDefinition,
    clean_application,
    clean_levels,
    followup_opens,
)
from .olx import skills_content_from_element, skills_content_to_element
from .skills_figures import (
    cohort_view,
    export_header,
    export_rows,
    followup_view,
    form_competencies,
    learner_rows,
    own_change,
    own_followup,
    own_levels,
)

BLOCK_TYPE = "spoc_skills_check"
CSS = "static/css/engagement.css"
COMPETENCY_ID = StringShape(max_length=64)
ANSWER_SHAPE = {
    "levels": MapOf(COMPETENCY_ID, Integer(minimum=1, maximum=5), max_items=MAX_COMPETENCIES),
    # a follow-up's
    "uses": MapOf(
        COMPETENCY_ID, StringShape(choices=USES), max_items=MAX_COMPETENCIES, required=False
    ),
    "examples": MapOf(
        COMPETENCY_ID,
        StringShape(max_length=EXAMPLE_MAX_LENGTH),
        max_items=MAX_COMPETENCIES,
        required=False,
    ),
    "benefit": StringShape(max_length=BENEFIT_MAX_LENGTH, required=False),
}
LEARNERS_SHOWN = 200  # the trainer's table of learners; the CSV export holds every one
BEFORE_AFTER_AFTER = _(
    "You have already taken the end-of-course skills check, so this starting-point check can no "
    "longer be taken: your levels today would not say where you started."
)
BAD_CHECK_ID = _(
    "The check id '{value}' cannot pair two checks: use 1 to 64 letters, digits, '-', '_' or '.'."
)
BAD_FOLLOWUP_DATE = _("The follow-up's date '{value}' is not a date such as 2027-03-01.")


@XBlock.wants("enrollments")  # the roster gives the trainer's names at a constant cost
class SkillsCheckBlock(SkillsCheckFields, EngagementBlock):
    """A self-assessment on competencies (levels 1-5), taken before and after; the after check shows
    the change."""

    block_type = BLOCK_TYPE
    event_namespace = "spoc.skills_check"

    CONTENT_FIELD = "skills_definition"
    BODY_HELP = _(
        "The introduction and the competencies: each has an id, a label and a description of each "
        "level from 1 to 5. Keep the same competency ids in the before and after checks: changes "
        "are counted by id."
    )
    BODY_EXAMPLE = COMPETENCIES.strip()
    CONTENT_LEGEND = _("Competencies")

    def editor_presets(self) -> dict[str, str]:
        return {}

    def answered_ids(self) -> dict[str, int]:
        """Levels stored per competency id: the editor asks before removing a rated one."""
        return api.rated_competencies(self.usage_key)

    @property
    def authored(self) -> SkillsDefinition:
        """The check as its author defined it: its pair id, its phase and the competencies."""
        return SkillsDefinition.from_content(
            self.skills_definition, check_id=self.check_id, phase=self.phase
        )

    @staticmethod
    def content_from_node(node) -> dict:
        return skills_content_from_element(node)

    @staticmethod
    def content_to_node(definition, node) -> None:
        skills_content_to_element(definition, node)

    def setting_problems(self, data) -> list:
        problems = []
        if not ID_PATTERN.fullmatch(data.check_id):
            problems.append(("check_id", Message(BAD_CHECK_ID, {"value": data.check_id})))
        if data.followup_date and parse_day(data.followup_date) is None:
            problems.append(
                ("followup_date", Message(BAD_FOLLOWUP_DATE, {"value": data.followup_date}))
            )
        return problems

    # ---- views
    # ----------------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        viewer = self.viewer
        if not viewer.is_authenticated:
            return error_fragment(self.gettext("Sign in to rate your skills."))
        definition = self.authored
        page = {
            "block_id": html_id(self),
            "display_name": self.display_name,
            "intro": safe_html(definition.intro),
            "phase": definition.phase,
            "check_id": definition.check_id,
            "is_trainer": viewer.is_trainer,
            "is_masquerading": viewer.is_masquerading,
        }
        if definition.phase == FOLLOWUP and not viewer.in_studio:
            followup.plan_invitations(self, timezone.now())
        if viewer.is_trainer:
            page["cohort"] = self._cohort_html(definition)
            page["competencies"] = form_competencies(self, definition)
        else:
            page["panel"] = self._panel_html(viewer, definition)
        html = render_template(self, "templates/skills.html", page)
        return build_fragment(
            self,
            html,
            css=CSS,
            js="static/js/engagement.js",
            init_fn="SpocSkillsCheckBlock",
            init_args={},
        )

    def _panel_html(
        self,
        viewer,
        definition: SkillsDefinition,
        answer: dict | None = None,
        just_answered: bool = False,
    ) -> str:
        """The learner's part: the form, or their levels and, after the course, their change; in a
        follow-up, when it opens, then their levels at the three checks and how they use each
        competency at work."""
        gettext = self.gettext
        if answer is None:
            answer = api.skills_answer(self.usage_key, viewer.anonymous_id)
        panel = {
            "block_id": html_id(self),
            "phase": definition.phase,
            "just_answered": just_answered,
            "can_write": viewer.can_write,
        }
        if answer is None and self._after_already_taken(viewer, definition):
            return render_template(
                self, "templates/skills_panel.html", {**panel, "state": "too_late"}
            )
        if answer is None and definition.phase == FOLLOWUP:
            opens = self._followup_opens(viewer.anonymous_id)
            if opens is None or opens > timezone.now():
                panel.update(
                    state="not_open",
                    opens_html=time_html(opens),
                    fixed_date=bool(self.followup_date),
                    days=self.followup_days,
                    emailed=email_configured() and celery_runs_tasks(),
                )
                return render_template(self, "templates/skills_panel.html", panel)
        if answer is None:
            return render_template(
                self,
                "templates/skills_panel.html",
                {**panel, "state": "form", "competencies": form_competencies(self, definition)},
            )
        panel.update(state="answered", levels=own_levels(definition, answer["levels"]))
        learner = viewer.anonymous_id
        if definition.phase == AFTER:
            before = api.paired_levels(self.course_key, definition.check_id, BEFORE, learner)
            panel["change"] = (
                own_change(self, definition, before, answer["levels"], gettext) if before else None
            )
        elif definition.phase == FOLLOWUP:
            panel["followup"] = own_followup(
                definition,
                api.paired_levels(self.course_key, definition.check_id, BEFORE, learner),
                api.paired_levels(self.course_key, definition.check_id, AFTER, learner),
                answer,
                gettext,
            )
        return render_template(self, "templates/skills_panel.html", panel)

    def _after_already_taken(self, viewer, definition: SkillsDefinition) -> bool:
        """Whether this is a "before" check and the learner already took its "after" half."""
        return (
            definition.phase == BEFORE
            and api.paired_levels(self.course_key, definition.check_id, AFTER, viewer.anonymous_id)
            is not None
        )

    def _followup_opens(self, learner_id: str):
        """When this follow-up opens for the learner (None: not until they take the after
        check)."""
        if self.followup_date:
            return followup_opens(None, self.followup_days, parse_day(self.followup_date))
        after = api.latest_answer(self.course_key, self.check_id, AFTER, learner_id)
        return followup_opens(after and after["answered"], self.followup_days, None)

    def _cohort_html(self, definition: SkillsDefinition) -> str:
        gettext = self.gettext
        responses = api.check_responses(self.course_key, definition.check_id)
        names = learner_names(self, {response["learner_id"] for response in responses})
        export_url = self.runtime.handler_url(self, "export_csv") if responses else ""
        if definition.phase == FOLLOWUP:
            return render_template(
                self,
                "templates/skills_followup_cohort.html",
                {
                    "block_id": html_id(self),
                    **followup_view(self, definition, responses, names, gettext),
                    "export_url": export_url,
                    "invitations": followup.invitations_report(self),
                    "email_off": "" if email_configured() else email_off_text(self),
                },
            )
        return render_template(
            self,
            "templates/skills_cohort.html",
            {
                "block_id": html_id(self),
                "phase": definition.phase,
                "competency_labels": [competency.label for competency in definition.competencies],
                "learners": learner_rows(definition, responses, names, LEARNERS_SHOWN),
                **cohort_view(self, definition, responses, gettext),
                "export_url": export_url,
            },
        )

    # ---- handlers
    # -------------------------------------------------------------------------------------

    @spoc_handler(ANSWER_SHAPE)
    def answer(self, data, viewer):
        """Record a learner's levels once (in a follow-up, with how they use each competency);
        answer with their panel (and their change, after the course)."""
        if viewer.is_trainer:
            raise HandlerError(
                _("Trainers see the cohort's figures here; only learners take the skills check."),
                status=403,
            )
        definition = self.authored
        if self._after_already_taken(viewer, definition):
            raise HandlerError(BEFORE_AFTER_AFTER)
        is_followup = definition.phase == FOLLOWUP
        if is_followup:
            opens = self._followup_opens(viewer.anonymous_id)
            if opens is None or opens > timezone.now():
                raise HandlerError(
                    _("This follow-up is not open yet: reload the page to see when.")
                )
        answer = self._cleaned_answer(definition, data, is_followup)
        try:
            api.record_skills_answer(
                self.course_key,
                self.usage_key,
                definition.check_id,
                definition.phase,
                viewer.anonymous_id,
                answer["levels"],
                definition.labels,
                application=answer["application"],
                benefit=answer["benefit"],
            )
        except api.AlreadyAnswered as error:
            raise HandlerError(_("You have already taken this skills check.")) from error
        if definition.phase == AFTER:
            followup.after_check_answered(self.course_key, definition.check_id, timezone.now())
        event = {"check_id": definition.check_id, "phase": definition.phase}
        event["levels"] = answer["levels"]
        if is_followup:
            event["uses"] = {key: item["use"] for key, item in answer["application"].items()}
        self.learner_did(viewer, "answered", event, verb="skills_answered", done=True)
        return {
            "html": self._panel_html(viewer, definition, answer=answer, just_answered=True),
            "announce": self.gettext("Thank you: your self-assessment was recorded."),
        }

    @staticmethod
    def _cleaned_answer(definition: SkillsDefinition, data: dict, followup: bool) -> dict:
        """The levels and, in a follow-up, the use at work and the benefit; every problem of both
        parts at once (HandlerError on the first field at fault)."""
        answer = {"levels": None, "application": {}, "benefit": ""}
        problems = []
        try:
            answer["levels"] = clean_levels(definition, data["levels"])
        except AnswerError as error:
            problems.append(error)
        if followup:
            try:
                answer["application"] = clean_application(
                    definition, data.get("uses") or {}, data.get("examples") or {}
                )
            except AnswerError as error:
                problems.append(error)
            answer["benefit"] = (data.get("benefit") or "").strip()
        if len(problems) > 1:  # two sentences, each translated
            both = Message("{first} {then}", {"first": problems[0], "then": problems[1]})
            raise HandlerError(both, field=problems[0].field)
        if problems:
            raise HandlerError(problems[0].message, field=problems[0].field)
        return answer

    @XBlock.handler
    def export_csv(self, request, suffix=""):
        """Both halves of the check as CSV for trainers: per learner, before, after and change per
        competency."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        definition = self.authored
        # Learners are told that the trainer sees their self-assessment with their name.
        header = ["anonymous_user_id", "username", *export_header(definition, self.gettext)]
        responses = api.check_responses(self.course_key, definition.check_id)
        name = name_finder(self)
        rows = (
            [learner, name(learner), *levels]
            for learner, *levels in export_rows(definition, responses)
        )
        return csv_response(f"skills-check-{definition.check_id}.csv", header, rows)

    @spoc_handler(
        {**settings_shape(SkillsCheckFields, SkillsCheckFields.editable_fields), **BODY_SHAPE},
        author_only=True,
        max_bytes=STUDIO_MAX_BYTES,
    )
    def studio_submit(self, data, viewer):
        """Save the settings and the competencies from the Studio editor, or nothing when either is
        wrong."""
        return self.save_from_editor(data)

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """For "Delete learner state" (common.learner_state): the learner's self-assessment in this
        block, so they may answer again (their answer in the other half of the check stays)."""
        return api.forget_skills_answer(usage_key, learner_id)

    @staticmethod
    def workbench_scenarios():
        """The before and after halves of one check and its follow-up (same check id), rating the
        same three competencies."""
        return [
            (
                "Skills check: before the course",
                skills_xml(
                    'display_name="Skills check: where do you start?" check_id="customer-calls" '
                    'phase="before"'
                ),
            ),
            (
                "Skills check: after the course",
                skills_xml(
                    'display_name="Skills check: how far have you come?" check_id="customer-calls" '
                    'phase="after"',
                    phase=AFTER,
                ),
            ),
            (
                "Skills check: three months later",
                skills_xml(
                    'display_name="Skills check: three months on" check_id="customer-calls" '
                    'phase="followup" followup_days="90"',
                    phase=FOLLOWUP,
                ),
            ),
        ]
