"""The learner's side of the serious game: the screen (a node and its choices, or an ending and its
results) and the handlers that start a run, take a choice and undo one."""

from __future__ import annotations

import json
import re
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.payloads import Integer, Number, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.sanitize import safe_address, sanitize_html
from spoc_xblocks.common.text import _

from . import api
from .logic import engine
from .logic.answers import MAX_TYPED_LENGTH
from .logic.expressions import spelled
from .logic.messages import EngineError
from .logic.model import MISS, Scenario
from .screens import screen_view
from .workflow import best_for, load_scenario, points_text

VARIABLE_PATTERN = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
POSITION = Integer(minimum=0, maximum=100_000)
CHOICE_SHAPE = {"choice_id": String(max_length=255), "position": POSITION}
POSITION_SHAPE = {"position": POSITION}
FRACTION = Number(minimum=0, maximum=1)
CLICK_SHAPE = {"x": FRACTION, "y": FRACTION, "position": POSITION}
ANSWER_SHAPE = {"text": String(max_length=MAX_TYPED_LENGTH), "position": POSITION}
MISSED_GUIDED = _("That is not the right action here: try again.")
MISSED_ASSESSED = _("That was not the right action: it counts as an error. Try again.")
ASSESSED_NO_UNDO = _(
    "This simulation is assessed: what you do on its screens cannot be undone. Your first action "
    "there counts and every error stays recorded."
)
STALE_PAGE = _("This page is out of date: it has been refreshed, please choose again.")
SCENARIO_CHANGED = _(
    "The course team changed this scenario and your attempt could not continue: start again."
)


def fill_variables(text: str, variables: dict) -> str:
    """Replace `{{name}}` with the variable's value; unknown names stay as written."""

    def value_of(match):
        name = match.group(1)
        return spelled(variables[name]) if name in variables else match.group(0)

    return VARIABLE_PATTERN.sub(value_of, text or "")


def rich_text(html: str, variables: dict):
    """Author HTML, sanitised, with variable values inserted escaped."""
    escaped = {name: escape(spelled(value)) for name, value in variables.items()}
    # Safe: the author's HTML is sanitised and every variable value escaped just above.
    return mark_safe(fill_variables(sanitize_html(html), escaped))


def plain(text: str, variables: dict) -> str:
    """A plain-text field (title, choice text) with variable values; the template escapes it."""
    return fill_variables(text, variables)


def node_screen(scenario: Scenario, state: engine.RunState, resolve_image=safe_address) -> dict:
    """The current node of a run: title, body, media and the choices shown (enabled or not); on a
    screen or input step, what screens.screen_view adds."""
    node = engine.current_node(scenario, state)
    variables = state.variable_values
    typed_only = node.text_input.typed_choices if node.text_input else frozenset()
    return {
        "simulation": screen_view(scenario, state, resolve_image, rich_text),
        "id": node.id,
        "kind": node.kind,
        "title": plain(node.title, variables),
        "body": rich_text(node.body, variables),
        "image_url": safe_address(node.image_url),
        "image_alt": node.image_alt,
        "video_url": safe_address(node.video_url),
        "transcript": safe_address(node.transcript),
        "choices": [
            {
                "id": view.choice.id,
                "text": plain(view.choice.text, variables),
                "enabled": view.enabled,
                "payload": json.dumps({"choice_id": view.choice.id, "position": len(state.path)}),
            }
            for view in engine.options(scenario, state)
            if view.choice.id not in typed_only
        ],
    }


def choices_made(scenario: Scenario, state: engine.RunState) -> list[dict]:
    """ "Your choices": each decision's title and the text of the choice made (content links,
    misses and answers typed into a simulated field left out)."""
    made = []
    for node_id, choice_id in state.path:
        node = scenario.node(node_id)
        if node is None or node.kind != "decision" or choice_id == MISS:
            continue
        if node.text_input and choice_id in node.text_input.typed_choices:
            continue
        choice = next((choice for choice in node.choices if choice.id == choice_id), None)
        made.append(
            {
                "node": node.title or node.id,
                "choice": choice.text if choice else choice_id,
                "feedback": choice.feedback if choice else "",
            }
        )
    return made


def ending_screen(scenario: Scenario, state: engine.RunState, result: dict) -> dict:
    """An ending: its debrief, the score per competency and overall, and the choices made."""
    node = engine.current_node(scenario, state)
    variables = state.variable_values
    labels = {competency.id: competency.label for competency in scenario.competencies}
    return {
        "id": node.id,
        "title": plain(node.title, variables),
        "body": rich_text(node.body, variables),
        "outcome": node.outcome,
        "score_percent": None if result["score"] is None else round(result["score"] * 100),
        "total": points_text(result["total"]),
        "best": points_text(result["best_total"]),
        "share": round(result["path_share"] * 100),
        "path_minimum": points_text(result["path_minimum"]),
        "raised_to_minimum": result["path_minimum"] > 100 * result["path_share"],
        "competencies": [
            {
                "label": labels.get(competency, competency),
                "points": points_text(points),
                "maximum": points_text(result["maximum"].get(competency, 0)),
            }
            for competency, points in result["points"].items()
        ],
        "choices_made": choices_made(scenario, state),
    }


def hint_just_shown(scenario: Scenario, state: engine.RunState) -> str:
    """The hint, as plain text, when the miss that led to `state` makes it appear (guided mode);
    it is announced then, as the feedback is."""
    node = engine.current_node(scenario, state)
    after = node.miss.hint_after
    if scenario.simulation != "guided" or not after or state.misses_here != after:
        return ""
    return " ".join(unescape(strip_tags(sanitize_html(node.miss.hint))).split())


class LearnerMixin:
    """The learner's screen, and the handlers that move a run on; the run lives in `api`'s
    tables."""

    def screen_html(self, viewer, runs=None, feedback: str = "", notice: str = "") -> str:
        """The learner's current screen: the start, the node of the run in progress, or its
        ending."""
        runs = runs if runs is not None else api.learner_runs(self.usage_key, viewer.anonymous_id)
        try:
            runs = self._finish_if_on_ending(viewer, runs)
            context = self._screen_context(viewer, runs, feedback, notice)
        except EngineError:
            # The run no longer replays on its snapshot (the engine's rules changed): let the
            # learner restart.
            if viewer.can_write and runs.latest.playing:
                api.abandon_run(runs.latest.id)
            context = self._screen_context(
                viewer, api.LearnerRuns((), ""), "", self.gettext(SCENARIO_CHANGED)
            )
        return render_template(self, "templates/screen.html", context)

    def _screen_context(self, viewer, runs, feedback: str, notice: str) -> dict:
        """What the learner's screen shows; settings are read only for the screen that needs
        them."""
        context = {
            "block_id": html_id(self),
            "feedback": feedback,
            "notice": notice,
            "position": 0,
            "can_write": viewer.can_write,
        }
        latest = runs.latest
        if latest is not None:
            scenario = load_scenario(runs.scenario_xml)
            state = engine.replay(scenario, latest.seed, latest.choices)
            context["position"] = latest.step_count
        if latest is not None and latest.playing:
            return {
                **context,
                "kind": "node",
                "allow_back": self.allow_back and engine.can_undo(scenario, state),
                "undo_refused": self.allow_back and scenario.simulation == "assessed",
                "node": node_screen(scenario, state, self.screen_image_url),
            }
        context.update(
            attempts_left=self._attempts_left(runs.attempts_used),
            attempt_limit=self.attempt_limit,
            can_start=viewer.can_write and self._may_start(runs),
        )
        if latest is None:
            return {**context, "kind": "intro", "title": load_scenario(self.scenario_xml).title}
        grade = runs.grade(self.replay_policy) if self.has_score else None
        return {
            **context,
            "kind": "ending",
            "graded": self.has_score,
            "grading_mode": self.grading_mode,
            "replay_policy": self.replay_policy,
            "grade_percent": None if grade is None else round(grade * 100),
            "ending": ending_screen(scenario, state, self._outcome(runs.scenario_xml, state)),
        }

    def _outcome(self, scenario_xml: str, state) -> dict:
        """The ending, outcome, score and points of a finished run, in the block's grading mode."""
        scenario = load_scenario(scenario_xml)
        return engine.outcome(scenario, state, self.grading_mode, best_for(scenario_xml))

    def _attempts_left(self, used: int) -> int | None:
        return None if not self.attempt_limit else max(0, self.attempt_limit - used)

    def _may_start(self, runs) -> bool:
        if runs.latest is not None and not self.allow_replay:
            return False
        return self._attempts_left(runs.attempts_used) != 0

    def _answer(
        self, viewer, runs=None, feedback: str = "", notice: str = "", message: str = ""
    ) -> dict:
        """The redrawn screen, with `message`, the act's visible confirmation, if any."""
        html = self.screen_html(viewer, runs, feedback, notice)
        return {"html": html, "message": message, "announce": feedback or notice}

    def _playing(self, viewer, runs=None):
        """The learner's runs and the replayed state of the one in progress (a HandlerError if
        there is none)."""
        runs = runs or api.learner_runs(self.usage_key, viewer.anonymous_id)
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
        """The learner's current screen, as it stands on the server (after a conflict, for
        instance)."""
        return self._answer(viewer)

    @spoc_handler({})
    def start(self, data, viewer):
        runs = api.learner_runs(self.usage_key, viewer.anonymous_id)
        if runs.latest is not None and runs.latest.playing:
            return self._answer(viewer, runs)
        if not self._may_start(runs):
            if runs.latest is not None and not self.allow_replay:
                raise HandlerError(_("This scenario can be played only once."))
            raise HandlerError(_("You have used all {count} attempts."), count=self.attempt_limit)
        scenario = load_scenario(self.scenario_xml)
        version_id = api.ensure_version(self.usage_key, self.scenario_xml)
        run = api.start_run(
            self.course_key,
            self.usage_key,
            viewer.anonymous_id,
            version_id,
            scenario.start,
            by_trainer=viewer.is_trainer,
        )
        self.learner_did(viewer, "run_started", {"attempt": run.attempt}, started=True)
        runs = self._finish_if_on_ending(
            viewer, api.learner_runs(self.usage_key, viewer.anonymous_id)
        )
        return self._answer(viewer, runs, message=self.gettext("The scenario has started."))

    @spoc_handler(CHOICE_SHAPE)
    def choose(self, data, viewer):
        """A choice's button (on a screen, a hotspot's button: the keyboard's way to it)."""
        runs = api.learner_runs(self.usage_key, viewer.anonymous_id)
        position, choice_id, latest = data["position"], data["choice_id"], runs.latest
        if (
            latest is not None
            and position == latest.step_count - 1
            and latest.choices[-1:] == (choice_id,)
        ):
            # The same click again (double click, network retry), also of the choice that ended
            # the run: nothing new.
            return self._answer(viewer, runs)
        return self._act(
            viewer, runs, position, lambda scenario, state: engine.step(scenario, state, choice_id)
        )

    @spoc_handler(CLICK_SHAPE)
    def click(self, data, viewer):
        """A click on a screenshot at (x, y), fractions of its size: the server finds the hotspot
        there, if any (the page never says which hotspot it thinks was clicked)."""
        x, y = round(data["x"], 4), round(data["y"], 4)
        return self._act(
            viewer,
            api.learner_runs(self.usage_key, viewer.anonymous_id),
            data["position"],
            lambda scenario, state: engine.click(scenario, state, x, y),
            api.ScreenAction(x, y),
        )

    @spoc_handler(ANSWER_SHAPE)
    def answer(self, data, viewer):
        """Text typed into a simulated field; it is matched, never stored."""
        return self._act(
            viewer,
            api.learner_runs(self.usage_key, viewer.anonymous_id),
            data["position"],
            lambda scenario, state: engine.answer(scenario, state, data["text"]),
        )

    def _act(self, viewer, runs, position: int, perform, click=None):
        """Record what `perform(scenario, state)` did (a choice taken, or a miss) and redraw."""
        try:
            runs, state = self._playing(viewer, runs)
        except EngineError:
            return self._answer(viewer, notice=self.gettext(SCENARIO_CHANGED))
        run = runs.latest
        if position != run.step_count:
            raise HandlerError(STALE_PAGE)
        scenario = load_scenario(runs.scenario_xml)
        try:
            result = perform(scenario, state)
        except EngineError as error:
            raise HandlerError(error.message) from error
        choice_id = MISS if result.missed else result.choice.id
        ending = self._ending(runs.scenario_xml, result.state) if result.state.finished else None
        on_screen = engine.current_node(scenario, state).is_simulation
        try:
            run = api.record_step(
                run,
                state.node_id,
                choice_id,
                result.state.node_id,
                ending,
                (click or api.ScreenAction()) if on_screen else None,
            )
        except api.StaleRun as stale:
            raise HandlerError(STALE_PAGE) from stale
        runs = runs.with_latest(run)
        details = {"node": state.node_id, "position": position, "attempt": run.attempt}
        if result.missed:
            self.learner_did(viewer, "action_missed", details, record=True)
            answer = self._answer(viewer, runs, feedback=self._miss_feedback(scenario, result))
            hint = hint_just_shown(scenario, result.state)
            if hint:
                answer["announce"] = f"{answer['announce']} {hint}"
            return answer
        self.learner_did(
            viewer, "choice_made", {**details, "choice": choice_id}, record=ending is None
        )
        if ending is not None:
            self._publish_ending(viewer, runs, ending)
        return self._answer(viewer, runs, feedback=result.feedback if self.show_feedback else "")

    def _miss_feedback(self, scenario: Scenario, result) -> str:
        """A miss always says so: the author's feedback in guided mode, else a plain sentence."""
        if scenario.simulation == "assessed":
            return self.gettext(MISSED_ASSESSED)
        return (result.feedback if self.show_feedback else "") or self.gettext(MISSED_GUIDED)

    def screen_image_url(self, src: str) -> str:
        """A screenshot's address: `package:<name>` for a picture shipped with the block (the
        demo's), else the author's address if it is safe."""
        name = src.removeprefix("package:")
        if name != src:
            return self.shipped_screen_url(name)
        return safe_address(src)

    @spoc_handler(POSITION_SHAPE)
    def back(self, data, viewer):
        if not self.allow_back:
            raise HandlerError(_("Going back is not allowed in this scenario."))
        runs, state = self._playing(viewer)
        if runs.latest.step_count == 0:
            raise HandlerError(_("You are at the start: there is nothing to undo."))
        if data["position"] != runs.latest.step_count:
            raise HandlerError(STALE_PAGE)
        scenario = load_scenario(runs.scenario_xml)
        if not engine.can_undo(scenario, state):
            raise HandlerError(ASSESSED_NO_UNDO)
        previous = engine.undo(scenario, state)
        try:
            run = api.undo_step(runs.latest, previous.node_id)
        except api.StaleRun as stale:
            raise HandlerError(STALE_PAGE) from stale
        self.learner_did(
            viewer, "choice_undone", {"node": previous.node_id, "attempt": run.attempt}
        )
        return self._answer(
            viewer, runs.with_latest(run), message=self.gettext("Your last choice was undone.")
        )

    def _finish_if_on_ending(self, viewer, runs):
        """Close a run in progress that stands on an ending with no choice to take (a start node
        that is an ending), publishing as any ending does, so no run is left waiting forever.

        Only a run with no step can: a step that reaches an ending closes its run.
        """
        latest = runs.latest
        if latest is None or not latest.playing or latest.step_count or not viewer.can_write:
            return runs
        state = engine.replay(load_scenario(runs.scenario_xml), latest.seed, latest.choices)
        if not state.finished:
            return runs
        ending = self._ending(runs.scenario_xml, state)
        try:
            runs = runs.with_latest(api.finish_where_it_stands(latest, ending))
        except api.StaleRun:
            # Another request closed it first and published.
            return api.learner_runs(self.usage_key, viewer.anonymous_id)
        self._publish_ending(viewer, runs, ending)
        return runs

    def _ending(self, scenario_xml: str, state) -> api.Ending:
        result = self._outcome(scenario_xml, state)
        return api.Ending(result["ending"], result["outcome"], result["score"], result["points"])

    def _publish_ending(self, viewer, runs, ending: api.Ending):
        """The act of finishing (event, activity, progress, completion), then the grade that
        counts: a grade is the gradebook's, published for trainers' runs too."""
        grade = runs.grade(self.replay_policy) if self.has_score else None
        self.learner_did(
            viewer,
            "ending_reached",
            {
                "ending": ending.id,
                "outcome": ending.outcome,
                "score": ending.score,
                "points": ending.points,
                "attempt": runs.latest.attempt,
            },
            done=True,
            score=grade,
        )
        if grade is not None:
            self.runtime.publish(self, "grade", {"value": grade, "max_value": 1})

    # ---- "Delete learner state" (common.learner_state) -------------------------------------

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """The learner's runs and their steps: they start afresh, the debrief no longer counts them.

        The LMS then deletes the learner's StudentModule, which holds their published grade, but
        sends no score change when a block clears its own state: the subsection grade keeps the old
        score until it is next recomputed (the learner's next graded run, or another score change in
        that subsection).
        """
        return api.forget_learner(usage_key, learner_id)
