"""The serious-game XBlock: learners play a branching scenario; trainers debrief it; authors edit it
in Studio."""

from __future__ import annotations

from xblock.core import XBlock

from spoc_xblocks.common.authoring import SettingsMixin
from spoc_xblocks.common.block import SpocBlock
from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.common.rendering import build_fragment, error_fragment, html_id, render_template

from .authoring import AuthoringMixin
from .demo import demo_scenario_xml
from .exports import ExportsMixin
from .fields import SeriousGameFields
from .learner import LearnerMixin
from .shipped_screens import ShippedScreensMixin
from .trainer import TrainerMixin
from .workflow import load_scenario


# The platform mixes its own fields in just after the first XBlockMixin of the bases
# (SeriousGameFields): the mixins come before it, or its `start` field would hide the `start`
# handler; SettingsMixin comes after it, or its empty `editable_fields` would hide ours.
class SeriousGameBlock(
    AuthoringMixin,
    LearnerMixin,
    TrainerMixin,
    ExportsMixin,
    ShippedScreensMixin,
    SeriousGameFields,
    SettingsMixin,
    SpocBlock,
):
    """A branching serious game with variables, conditions, competency scores and several
    endings."""

    block_type = "spoc_serious_game"
    event_namespace = "spoc.serious_game"
    has_author_view = True
    icon_class = "problem"

    @property
    def has_score(self):
        return self.grading_mode != "ungraded"

    def max_score(self):
        return 1

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        viewer = self.viewer
        if not viewer.is_authenticated:
            return error_fragment(self.gettext("Sign in to play this scenario."))
        try:
            load_scenario(self.scenario_xml)
        except OlxError:
            return error_fragment(
                self.gettext(
                    "This scenario cannot be played: the course team must fix it in Studio."
                )
            )
        html = render_template(
            self,
            "templates/student.html",
            {
                "block_id": html_id(self),
                "display_name": self.display_name,
                "screen": self.screen_html(viewer),
                "is_trainer": viewer.is_trainer,
                "is_masquerading": viewer.is_masquerading,
                "debrief": self.debrief_html() if viewer.is_trainer else "",
            },
        )
        return build_fragment(
            self,
            html,
            css="static/css/serious_game.css",
            js="static/js/serious_game.js",
            init_fn="SeriousGameBlock",
        )

    def student_view_data(self, context=None):
        """For the mobile apps: the settings and the scenario's title, with no node, choice, score
        or effect.

        The Course Blocks API collects this once per block for every learner (and a raise here would
        break the whole course's collection), so a broken scenario answers `available: false` rather
        than an error.
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

    @staticmethod
    def workbench_scenarios():
        """The demo call in English and French, a stricter variant (graded by ending, two
        attempts, no undo), then the software simulation in English and French (guided,
        ungraded practice) and in English assessed, graded by path."""

        def block_xml(language: str, attributes: str, name: str = "complaint_call") -> str:
            return (
                f"<spoc_serious_game {attributes}>\n"
                f"{demo_scenario_xml(language, name)}</spoc_serious_game>"
            )

        def assessed(language: str) -> str:
            xml = demo_scenario_xml(language, "refund_simulation")
            return xml.replace("<scenario ", '<scenario simulation="assessed" ', 1)

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
            (
                "Serious game: software simulation, refund a double charge",
                block_xml(
                    "en",
                    'display_name="Refund a double charge" grading_mode="ungraded"',
                    "refund_simulation",
                ),
            ),
            (
                "Jeu sérieux : simulation logicielle, rembourser un double débit",
                block_xml("fr", 'display_name="Rembourser un double débit"', "refund_simulation"),
            ),
            (
                "Serious game: software simulation, assessed",
                '<spoc_serious_game display_name="Refund a double charge (assessed)" '
                'grading_mode="path" allow_back="false">\n'
                f"{assessed('en')}</spoc_serious_game>",
            ),
        ]
