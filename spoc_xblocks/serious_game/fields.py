"""The serious-game block's authored fields: each setting's label, help, allowed values and default
(the settings kit draws the editor, checks a save and reads OLX from them)."""

from xblock.core import XBlockMixin
from xblock.fields import Boolean, Float, Integer, Scope, String

from spoc_xblocks.common.text import _

from .demo import demo_scenario_xml


class SeriousGameFields(XBlockMixin):
    editable_fields = (
        "display_name",
        "weight",
        "grading_mode",
        "allow_back",
        "allow_replay",
        "attempt_limit",
        "replay_policy",
        "show_feedback",
    )

    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above the scenario."),
        default=_("Serious game"),
        scope=Scope.settings,
    )
    weight = Float(
        display_name=_("Weight"),
        help=_("How many points the scenario is worth in the course grade."),
        default=1.0,
        values={"min": 0, "max": 1000},
        scope=Scope.settings,
    )
    grading_mode = String(
        display_name=_("Grading"),
        help=_(
            "By ending: the score of the ending reached. By path: the points earned on the way, "
            "divided by the best total the scenario allows, but at least the path minimum of the "
            "ending reached. Ungraded: no grade."
        ),
        default="path",
        scope=Scope.settings,
        values=[
            {"display_name": _("By ending"), "value": "ending"},
            {"display_name": _("By path"), "value": "path"},
            {"display_name": _("Ungraded"), "value": "ungraded"},
        ],
    )
    allow_back = Boolean(
        display_name=_("Allow going back"),
        help=_(
            "Learners may undo their last choice; its effects and points are undone too. In an "
            "assessed simulation, what is done on a screen or input step cannot be undone."
        ),
        default=True,
        scope=Scope.settings,
    )
    allow_replay = Boolean(
        display_name=_("Allow replay"),
        help=_("Learners may play again after reaching an ending."),
        default=True,
        scope=Scope.settings,
    )
    attempt_limit = Integer(
        display_name=_("Attempt limit"),
        help=_("How many times a learner may play; 0 means no limit."),
        default=0,
        values={"min": 0, "max": 1000},
        scope=Scope.settings,
    )
    replay_policy = String(
        display_name=_("Grade kept"),
        help=_("Which attempt's score counts when a learner plays several times."),
        default="best",
        scope=Scope.settings,
        values=[
            {"display_name": _("Best attempt"), "value": "best"},
            {"display_name": _("Last attempt"), "value": "last"},
        ],
    )
    show_feedback = Boolean(
        display_name=_("Show feedback"),
        help=_("Show each choice's feedback right after it is made."),
        default=True,
        scope=Scope.settings,
    )
    scenario_xml = String(
        display_name=_("Scenario"),
        help=_("The scenario graph as XML."),
        default=demo_scenario_xml("en"),
        scope=Scope.content,
    )
