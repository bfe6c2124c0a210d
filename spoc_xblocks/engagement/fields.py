"""The fields of the two widgets: each setting declared once, with its label, help, values and
default.

The settings kit (common/authoring.py) builds the Studio controls, the save's checks and the OLX
attributes from these declarations. The questions and competencies, which the editor shows as XML,
stay in one content field per block.
"""

from __future__ import annotations

from xblock.core import XBlockMixin
from xblock.fields import Boolean, DateTime, Dict, Integer, Scope, String

from spoc_xblocks.common.olx import parse_xml
from spoc_xblocks.common.text import _

from .demo import pulse_xml, skills_xml
from .logic.pulse import format_time
from .logic.skills import AFTER, BEFORE, FOLLOWUP
from .olx import pulse_content_from_element, skills_content_from_element

DEFAULT_PULSE = pulse_content_from_element(parse_xml(pulse_xml()))
DEFAULT_SKILLS = skills_content_from_element(parse_xml(skills_xml()))


class UtcDateTime(DateTime):
    """A moment written in OLX as UTC and saying so ('2026-03-02T09:00:00Z'); XBlock's DateTime
    writes it without a zone."""

    def to_string(self, value):
        return format_time(value)


class PulseFields(XBlockMixin):
    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above the pulse."),
        default=_("Pulse survey"),
        scope=Scope.settings,
    )
    anonymous = Boolean(
        display_name=_("Anonymous answers"),
        help=_(
            "Answers are stored without the learner's name, and no figure shows before 3 people "
            "have answered. Learners are told before they answer."
        ),
        default=True,
        scope=Scope.settings,
    )
    learner_results = Boolean(
        display_name=_("Show the results to learners"),
        help=_(
            "Learners see everyone's results once they have answered. Trainers always see them."
        ),
        default=True,
        scope=Scope.settings,
    )
    opens = UtcDateTime(
        display_name=_("Opens"),
        help=_("Leave empty to take answers at once."),
        default=None,
        scope=Scope.settings,
    )
    closes = UtcDateTime(
        display_name=_("Closes"),
        help=_("Leave empty to keep the pulse open."),
        default=None,
        scope=Scope.settings,
    )
    pulse_definition = Dict(
        display_name=_("Pulse"),
        help=_("The introduction and the questions."),
        default=DEFAULT_PULSE,
        scope=Scope.content,
    )
    editable_fields = ("display_name", "anonymous", "learner_results", "opens", "closes")


class SkillsCheckFields(XBlockMixin):
    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above the skills check."),
        default=_("Skills check"),
        scope=Scope.settings,
    )
    check_id = String(
        display_name=_("Check id"),
        help=_(
            "Give the before check and the after check the same id (letters, digits, '-', '_' or "
            "'.'): that is how they are paired, and it survives a course import."
        ),
        default="skills",
        scope=Scope.settings,
        max_length=64,
    )
    phase = String(
        display_name=_("When"),
        help=_(
            "Before: the learner's starting point. After: learners see their change since the "
            "before check. Follow-up: months later, the levels again and how each competency is "
            "applied at work."
        ),
        default=BEFORE,
        scope=Scope.settings,
        values=[
            {"display_name": _("Before the course"), "value": BEFORE},
            {"display_name": _("After the course"), "value": AFTER},
            {"display_name": _("Follow-up, after the course"), "value": FOLLOWUP},
        ],
    )
    followup_days = Integer(
        display_name=_("Follow-up opens after (days)"),
        help=_(
            "For a follow-up: it opens for each learner this many days after they took the "
            "after check (90: about three months)."
        ),
        default=90,
        values={"min": 1, "max": 730},
        scope=Scope.settings,
    )
    followup_date = String(
        display_name=_("Follow-up opens on"),
        help=_(
            "For a follow-up: a date (YYYY-MM-DD) on which it opens for every learner instead; "
            "empty: the number of days above counts."
        ),
        default="",
        scope=Scope.settings,
        widget="date",
    )
    skills_definition = Dict(
        display_name=_("Skills check"),
        help=_("The introduction and the competencies, with a description of each level."),
        default=DEFAULT_SKILLS,
        scope=Scope.content,
    )
    editable_fields = ("display_name", "check_id", "phase", "followup_days", "followup_date")
