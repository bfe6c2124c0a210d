"""The cohort coach's authored fields, with translated Studio labels and help."""

from xblock.fields import Dict, Integer, Scope, String

from spoc_xblocks.common.text import _

QUESTIONS = ("progress", "confidence", "mood", "blockers", "help")
DEFAULT_QUESTIONS = " ".join(QUESTIONS)


class CohortCoachFields:
    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above their check-ins."),
        default=_("Check-ins with your trainer"),
        scope=Scope.settings,
    )
    cadence_days = Integer(
        display_name=_("Check-in cadence (days)"),
        help=_("How often learners check in: 7 is weekly, 14 every two weeks."),
        default=7,
        values={"min": 1, "max": 90},
        scope=Scope.settings,
    )
    start_date = String(
        display_name=_("First check-in period starts"),
        help=_(
            "A date (YYYY-MM-DD) from which check-ins are expected; empty: weeks run Monday to Sunday "
            "and count from the first check-in posted."
        ),
        default="",
        scope=Scope.settings,
    )
    questions = String(
        display_name=_("Questions"),
        help=_(
            "The questions of each check-in, among: progress, confidence, mood, blockers, help."
        ),
        default=DEFAULT_QUESTIONS,
        scope=Scope.settings,
    )
    rules = Dict(
        display_name=_("At-risk thresholds"),
        help=_("When a learner is flagged as at risk; 0 switches a rule off."),
        default={},
        scope=Scope.settings,
    )
    nudge_email_delay_hours = Integer(
        display_name=_("Email nudges after (hours)"),
        help=_(
            "A nudge is shown at the learner's next visit; it is also emailed after this many hours unless "
            "the learner has been active since. 0 emails at once."
        ),
        default=24,
        values={"min": 0, "max": 336},
        scope=Scope.settings,
    )
