"""The serious-game XBlock: learners play a branching scenario; trainers debrief it; authors edit it in Studio."""

from __future__ import annotations

from django.utils.safestring import mark_safe
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock

from spoc_xblocks.common import activity, progress
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.learner_state import LearnerStateMixin
from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.common.operator_settings import BUCKET
from spoc_xblocks.common.payloads import Integer, String
from spoc_xblocks.common.rendering import build_fragment, error_fragment, html_id, render_template
from spoc_xblocks.common.roles import current_viewer
from spoc_xblocks.common.text import _

from . import api, learner
from .authoring import AuthoringMixin
from .demo import demo_scenario_xml
from .fields import SeriousGameFields
from .logic import engine
from .logic.messages import EngineError
from .trainer import DebriefMixin
from .workflow import best_for, load_scenario

EVENT_PREFIX = "spoc.serious_game."
BLOCK_TYPE = "spoc_serious_game"
CHOICE_SHAPE = {
    "choice_id": String(max_length=255),
    "position": Integer(minimum=0, maximum=100_000),
}
STALE_PAGE = _("This page is out of date: it has been refreshed, please choose again.")
SCENARIO_CHANGED = _(
    "The course team changed this scenario and your attempt could not continue: start again."
)
POSITION_SHAPE = {"position": Integer(minimum=0, maximum=100_000)}


@XBlock.needs("i18n")
@XBlock.wants("user", "settings", "completion", "studio_user_permissions")
class SeriousGameBlock(SeriousGameFields, AuthoringMixin, DebriefMixin, LearnerStateMixin, XBlock):
    """A branching serious game with variables, conditions, competency scores and several endings."""

    block_settings_key = BUCKET  # one XBLOCK_SETTINGS bucket for the five blocks
    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_custom_completion = True
    has_author_view = True
    icon_class = "problem"

    @property
    def has_score(self):
        return self.grading_mode != "ungraded"

    def max_score(self):
        return 1

    # ---- learner view ---------------------------------------------------------------------------------

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        gettext = gettext_for(self)
        try:
            load_scenario(self.scenario_xml)
        except OlxError:
            return error_fragment(
                gettext("This scenario cannot be played: the course team must fix it in Studio.")
            )
        viewer = current_viewer(self)
        html = render_template(
            self,
            "templates/student.html",
            {
                "block_id": html_id(self),
                "display_name": self.display_name,
                "screen": mark_safe(self._screen_html(viewer)),  # noqa: S308 - rendered with autoescape
                "is_trainer": viewer.is_trainer,
                "is_masquerading": viewer.is_masquerading,
                "debrief": mark_safe(self.debrief_html()) if viewer.is_trainer else "",  # noqa: S308 - autoescaped
            },
        )
        return build_fragment(
            self,
            html,
            css="static/css/serious_game.css",
            js="static/js/serious_game.js",
            init_fn="SeriousGameBlock",
            init_args={"blockId": html_id(self)},
        )

    def student_view_data(self, context=None):
        """For the mobile apps: the settings and the scenario's title, with no node, choice, score or effect.

        The Course Blocks API collects this once per block for every learner (and a raise here would break the
        whole course's collection), so a broken scenario answers `available: false` rather than an error.
        """
        try:
            scenario = load_scenario(self.scenario_xml)
        except OlxError:
            scenario = None
        return {
            "display_name": self.display_name,
            "available": scenario is not None,
            "title": scenario.title if scenario else "",
            "node_count": len(scenario.nodes) if scenario else 0,
            "graded": self.has_score,
            "grading_mode": self.grading_mode,
            "allow_back": self.allow_back,
            "allow_replay": self.allow_replay,
            "attempt_limit": self.attempt_limit,
        }

    def _screen_html(self, viewer, runs=None, feedback: str = "", notice: str = "") -> str:
        runs = (
            runs if runs is not None else api.learner_runs(usage_key_for(self), viewer.anonymous_id)
        )
        try:
            context = self._screen_context(viewer, runs, feedback, notice)
        except EngineError:
            # The run no longer replays on its snapshot (the engine's rules changed): let the learner restart.
            if viewer.can_write and runs.latest.playing:
                api.abandon_run(runs.latest.id)
            gettext = gettext_for(self)
            context = self._screen_context(
                viewer, api.LearnerRuns((), ""), "", gettext(SCENARIO_CHANGED)
            )
        return render_template(self, "templates/screen.html", context)

    def _screen_context(self, viewer, runs, feedback: str, notice: str) -> dict:
        """What the learner's screen shows; settings are read only for the screen that needs them."""
        context = {
            "block_id": html_id(self),
            "feedback": feedback,
            "notice": notice,
            "position": 0,
            "can_write": viewer.can_write,
        }
        latest = runs.latest
        if latest is not None and latest.playing:
            scenario = load_scenario(runs.scenario_xml)
            state = engine.replay(scenario, latest.seed, latest.choices)
            return {
                **context,
                "kind": "node",
                "position": latest.step_count,
                "allow_back": self.allow_back,
                "node": learner.node_screen(scenario, state),
            }
        context.update(
            attempts_left=self._attempts_left(runs.attempts_used),
            attempt_limit=self.attempt_limit,
            can_start=viewer.can_write and self._may_start(runs),
        )
        if latest is None:
            return {**context, "kind": "intro", "title": load_scenario(self.scenario_xml).title}
        scenario = load_scenario(runs.scenario_xml)
        state = engine.replay(scenario, latest.seed, latest.choices)
        result = engine.outcome(scenario, state, self.grading_mode, best_for(runs.scenario_xml))
        return {
            **context,
            "kind": "ending",
            "position": latest.step_count,
            "graded": self.has_score,
            "ending": learner.ending_screen(scenario, state, result),
        }

    def _attempts_left(self, used: int) -> int | None:
        return None if not self.attempt_limit else max(0, self.attempt_limit - used)

    def _may_start(self, runs) -> bool:
        if runs.latest is not None and not self.allow_replay:
            return False
        return self._attempts_left(runs.attempts_used) != 0

    # ---- learner handlers -----------------------------------------------------------------------------

    def _answer(
        self, viewer, runs=None, feedback: str = "", announce: str = "", notice: str = ""
    ) -> dict:
        html = self._screen_html(viewer, runs, feedback, notice)
        return {"html": html, "announce": announce or feedback or notice}

    def _playing(self, viewer, runs=None):
        """The learner's runs and the replayed state of the one in progress (a HandlerError if there is none)."""
        runs = runs or api.learner_runs(usage_key_for(self), viewer.anonymous_id)
        if runs.latest is None or not runs.latest.playing:
            raise HandlerError(_("You have no scenario in progress: start it first."))
        try:
            state = engine.replay(
                load_scenario(runs.scenario_xml), runs.latest.seed, runs.latest.choices
            )
        except EngineError:
            api.abandon_run(runs.latest.id)
            raise
        return runs, state

    @spoc_handler({}, writes=False)
    def screen(self, data, viewer):
        """The learner's current screen, as it stands on the server (after a conflict, for instance)."""
        return self._answer(viewer)

    @spoc_handler({})
    def start(self, data, viewer):
        runs = api.learner_runs(usage_key_for(self), viewer.anonymous_id)
        if runs.latest is not None and runs.latest.playing:
            return self._answer(viewer, runs)
        if not self._may_start(runs):
            if runs.latest is not None and not self.allow_replay:
                raise HandlerError(_("This scenario can be played only once."))
            raise HandlerError(_("You have used all {count} attempts."), count=self.attempt_limit)
        scenario = load_scenario(self.scenario_xml)
        version_id = api.ensure_version(usage_key_for(self), self.scenario_xml)
        run = api.start_run(
            course_key_for(self),
            usage_key_for(self),
            viewer.anonymous_id,
            version_id,
            scenario.start,
            by_trainer=viewer.is_trainer,
        )
        self._log(viewer, "run_started", {"attempt": run.attempt})
        if not viewer.is_trainer:
            progress.record_progress(
                course_key_for(self),
                usage_key_for(self),
                BLOCK_TYPE,
                viewer.anonymous_id,
                block_name=self.display_name,
            )
        gettext = gettext_for(self)
        return self._answer(viewer, announce=gettext("The scenario has started."))

    @spoc_handler(CHOICE_SHAPE)
    def choose(self, data, viewer):
        runs = api.learner_runs(usage_key_for(self), viewer.anonymous_id)
        position, choice_id, latest = data["position"], data["choice_id"], runs.latest
        if (
            latest is not None
            and position == latest.step_count - 1
            and latest.choices[-1:] == (choice_id,)
        ):
            # The same click again (double click, network retry), also of the choice that ended the run: nothing new.
            return self._answer(viewer, runs)
        try:
            runs, state = self._playing(viewer, runs)
        except EngineError:
            gettext = gettext_for(self)
            return self._answer(viewer, notice=gettext(SCENARIO_CHANGED))
        run = runs.latest
        if position != run.step_count:
            raise HandlerError(STALE_PAGE)
        scenario = load_scenario(runs.scenario_xml)
        try:
            result = engine.step(scenario, state, choice_id)
        except EngineError as error:
            raise HandlerError(error.message) from error
        ending = (
            self._ending(scenario, runs.scenario_xml, result.state)
            if result.state.finished
            else None
        )
        try:
            run = api.record_step(run, state.node_id, choice_id, result.state.node_id, ending)
        except api.StaleRun as stale:
            raise HandlerError(STALE_PAGE) from stale
        runs = runs.with_latest(run)
        self._log(
            viewer,
            "choice_made",
            {
                "node": state.node_id,
                "choice": choice_id,
                "position": position,
                "attempt": run.attempt,
            },
            record=ending is None,
        )
        if ending is not None:
            self._publish_ending(viewer, runs, ending)
        return self._answer(viewer, runs, feedback=result.feedback if self.show_feedback else "")

    @spoc_handler(POSITION_SHAPE)
    def back(self, data, viewer):
        if not self.allow_back:
            raise HandlerError(_("Going back is not allowed in this scenario."))
        runs, state = self._playing(viewer)
        if runs.latest.step_count == 0:
            raise HandlerError(_("You are at the start: there is nothing to undo."))
        if data["position"] != runs.latest.step_count:
            raise HandlerError(STALE_PAGE)
        previous = engine.undo(load_scenario(runs.scenario_xml), state)
        try:
            run = api.undo_step(runs.latest, previous.node_id)
        except api.StaleRun as stale:
            raise HandlerError(STALE_PAGE) from stale
        self._log(viewer, "choice_undone", {"node": previous.node_id, "attempt": run.attempt})
        gettext = gettext_for(self)
        return self._answer(
            viewer, runs.with_latest(run), announce=gettext("Your last choice was undone.")
        )

    def _ending(self, scenario, scenario_xml: str, state) -> api.Ending:
        result = engine.outcome(scenario, state, self.grading_mode, best_for(scenario_xml))
        return api.Ending(result["ending"], result["outcome"], result["score"], result["points"])

    def _publish_ending(self, viewer, runs, ending: api.Ending):
        self._log(
            viewer,
            "ending_reached",
            {
                "ending": ending.id,
                "outcome": ending.outcome,
                "score": ending.score,
                "points": ending.points,
                "attempt": runs.latest.attempt,
            },
        )
        grade = runs.grade(self.replay_policy) if self.has_score else None
        if not viewer.is_trainer:
            progress.record_progress(
                course_key_for(self),
                usage_key_for(self),
                BLOCK_TYPE,
                viewer.anonymous_id,
                done=True,
                score=grade,
            )  # the name was recorded when the run started
        if grade is not None:
            self.runtime.publish(self, "grade", {"value": grade, "max_value": 1})
        self.runtime.publish(self, "completion", {"completion": 1.0})

    def _log(self, viewer, action: str, data: dict, record: bool = True):
        """A tracking event (ids and numbers only, no personal text) and, once per request, a learner's activity row."""
        self.runtime.publish(self, EVENT_PREFIX + action, data)
        if record and not viewer.is_trainer:
            activity.record_activity(
                course_key_for(self), usage_key_for(self), BLOCK_TYPE, viewer.anonymous_id, action
            )

    # ---- "Delete learner state" (common.learner_state) -------------------------------------

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """The learner's runs and their steps: they start afresh, the debrief no longer counts them.

        The LMS then deletes the learner's StudentModule, which holds their published grade, but
        sends no score change when a block clears its own state: the subsection grade keeps the old
        score until it is next recomputed (the learner's next graded run, or another score change in
        that subsection).
        """
        return api.forget_learner(usage_key, learner_id)

    @staticmethod
    def workbench_scenarios():
        """The demo call in English and French, and a stricter variant (graded by ending, two attempts, no undo)."""

        def block_xml(language: str, attributes: str) -> str:
            return f"<spoc_serious_game {attributes}>\n{demo_scenario_xml(language)}</spoc_serious_game>"

        return [
            (
                "Serious game: customer complaint call",
                block_xml("en", 'display_name="Customer complaint call"'),
            ),
            (
                "Jeu sérieux : appel d'un client mécontent",
                block_xml("fr", 'display_name="Appel d&apos;un client mécontent"'),
            ),
            (
                "Serious game: graded by ending, two attempts, no going back",
                block_xml(
                    "en",
                    'display_name="Complaint call (assessment)" grading_mode="ending" '
                    'allow_back="false" attempt_limit="2" replay_policy="last"',
                ),
            ),
        ]
