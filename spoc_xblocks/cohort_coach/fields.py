"""The cohort coach's fields: the only description of each setting (label, help, allowed values,
default), read by the Studio editor, OLX import and export, and every check."""

from xblock.core import XBlockMixin
from xblock.fields import Integer, Scope, String

from spoc_xblocks.common.operator_settings import AT_RISK_LIMITS
from spoc_xblocks.common.text import _

QUESTION_CHOICES = (
    {"value": "progress", "display_name": _("Progress (0 to 100 %)")},
    {"value": "confidence", "display_name": _("Confidence (1 to 5)")},
    {"value": "mood", "display_name": _("Mood")},
    {"value": "blockers", "display_name": _("Blockers (text)")},
    {"value": "help", "display_name": _("What would help (text)")},
)
QUESTIONS = tuple(choice["value"] for choice in QUESTION_CHOICES)
THRESHOLDS = tuple(AT_RISK_LIMITS)  # one field each, named as in the site's AT_RISK_DEFAULTS


def _threshold(name: str, label: str, help_text: str) -> Integer:
    """An at-risk threshold: 0 switches its rule off; None (the default) follows the site's
    AT_RISK_DEFAULTS, within the same limits."""
    return Integer(
        display_name=label,
        help=help_text,
        default=None,
        values={"min": 0, "max": AT_RISK_LIMITS[name]},
        scope=Scope.settings,
    )


class CohortCoachFields(XBlockMixin):
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
            "A date (YYYY-MM-DD) from which check-ins are expected; empty: weeks run Monday to "
            "Sunday and count from the first check-in posted."
        ),
        default="",
        scope=Scope.settings,
        widget="date",
    )
    # A set drawn from its choices, stored as their values in this order, space-separated (XBlock's
    # list_style="set"); the editor draws it as a list of checkboxes.
    questions = String(
        display_name=_("Questions"),
        help=_("Learners answer the questions you tick; at least one."),
        default=" ".join(QUESTIONS),
        scope=Scope.settings,
        list_style="set",
        list_values=QUESTION_CHOICES,
    )
    nudge_email_delay_hours = Integer(
        display_name=_("Email nudges after (hours)"),
        help=_(
            "A nudge is shown at the learner's next visit; it is also emailed after this many "
            "hours unless the learner has been active since. 0 emails at once."
        ),
        default=24,
        values={"min": 0, "max": 336},
        scope=Scope.settings,
    )
    inactive_days = _threshold(
        "inactive_days",
        _("Inactive for (days)"),
        _("Flag a learner with no activity for this many days."),
    )
    missed_checkins = _threshold(
        "missed_checkins",
        _("Check-ins missed in a row"),
        _("Flag after this many periods without a check-in."),
    )
    confidence_drop = _threshold(
        "confidence_drop",
        _("Confidence drop"),
        _("Flag when confidence falls by this much from a recent check-in."),
    )
    confidence_floor = _threshold(
        "confidence_floor",
        _("Lowest confidence"),
        _("Flag when the latest confidence is at or below this."),
    )
    overdue_items = _threshold(
        "overdue_items",
        _("Overdue work"),
        _("Flag with this many pieces of overdue work (a workshop submission, say)."),
    )
    behind_points = _threshold(
        "behind_points",
        _("Behind the cohort (points)"),
        _("Flag when progress is this many points below the cohort's median."),
    )
    participation_percent = _threshold(
        "participation_percent",
        _("Low participation (% of median)"),
        _("Flag when interactions are at or below this share of the cohort's median."),
    )
    score_floor = _threshold(
        "score_floor",
        _("Low score (%)"),
        _("Flag when the average serious-game and workshop score is at or below this."),
    )
    module_time_estimates = String(
        display_name=_("Design time per module (minutes)"),
        help=_(
            "Optional. One module a line: its location id, then = and the minutes it is designed "
            "to take (welcome_skills = 5). The time per module flags a module whose median time "
            "passes one and a half times this."
        ),
        default="",
        scope=Scope.settings,
        multiline_editor=True,
    )
