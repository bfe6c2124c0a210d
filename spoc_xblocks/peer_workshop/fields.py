"""The peer workshop's fields: the one description of each setting (label, help, allowed values,
default), read by the Studio editor, the OLX import and the checks through common/authoring.py."""

from __future__ import annotations

from xblock.core import XBlockMixin
from xblock.fields import Boolean, DateTime, Float, Integer, Scope, String

from spoc_xblocks.common.text import _

from .demo import DEFAULT_PROMPT, DEFAULT_RUBRIC_XML
from .logic.allocation import ANYONE, OTHER_GROUPS, SAME_GROUP
from .logic.grading import MEAN, MEDIAN
from .logic.phases import LATE_ACCEPT, LATE_REFUSE

# Each one among the site's default UPLOAD_EXTENSIONS, so a new workshop takes every type it offers.
DEFAULT_FILE_TYPES = ".pdf, .png, .jpg, .jpeg, .txt, .odt, .docx, .pptx, .xlsx"
BOTH_ANONYMOUS, AUTHORS_VISIBLE, NAMES_VISIBLE = "both", "authors_visible", "none"


def _choices(*pairs) -> list[dict]:
    return [{"display_name": label, "value": value} for value, label in pairs]


def _date(label: str, help_text: str) -> DateTime:
    return DateTime(display_name=label, help=help_text, default=None, scope=Scope.settings)


def _number(label: str, help_text: str, default: int, low: int, high: int) -> Integer:
    return Integer(
        display_name=label,
        help=help_text,
        default=default,
        values={"min": low, "max": high},
        scope=Scope.settings,
    )


class PeerWorkshopFields(XBlockMixin):
    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above the workshop."),
        default=_("Peer workshop"),
        scope=Scope.settings,
    )
    weight = Float(
        display_name=_("Points"),
        help=_(
            "The workshop's points in its subsection's grade, a whole number: the platform "
            "records whole points, so a learner's grade counts as that share of these points, "
            "rounded to the nearest point."
        ),
        default=100.0,
        values={"min": 0, "max": 1000, "step": 1},
        scope=Scope.settings,
    )
    prompt = String(
        display_name=_("Assignment"),
        help=_("What learners must produce (HTML; scripts and styles are removed)."),
        default=DEFAULT_PROMPT,
        scope=Scope.content,
    )
    rubric_xml = String(
        display_name=_("Rubric"),
        help=_("The rubric as XML: criteria, levels with points, comment rules."),
        default=DEFAULT_RUBRIC_XML,
        scope=Scope.content,
    )

    # ---- dates -----------------------------------------------------------------------------------
    submission_opens = _date(
        _("Submissions open"),
        _("When the submission phase starts (empty: the trainer opens it)."),
    )
    submission_due = _date(
        _("Submission deadline"),
        _(
            "When submissions close and reviews start (empty: the subsection's due date, if the "
            "course outline gives one, with the extensions granted in the Instructor Dashboard; "
            "else the trainer decides)."
        ),
    )
    review_due = _date(
        _("Review deadline"),
        _("When reviews close and grading starts (empty: the trainer decides)."),
    )
    close_date = _date(
        _("Grades published"),
        _("When grades are published and the workshop closes (empty: the trainer decides)."),
    )
    review_days = _number(
        _("Days for each review"),
        _(
            "A review not done this many days after it was given goes to another learner "
            "(0: only the review deadline counts)."
        ),
        0,
        0,
        60,
    )

    # ---- submission ------------------------------------------------------------------------------
    late_policy = String(
        display_name=_("Late work"),
        help=_("Whether work submitted after the deadline is accepted (and marked late)."),
        default=LATE_ACCEPT,
        values=_choices((LATE_ACCEPT, _("Accept, marked late")), (LATE_REFUSE, _("Refuse"))),
        scope=Scope.settings,
    )
    allow_files = Boolean(
        display_name=_("File uploads"),
        help=_("Learners may attach files to their submission."),
        default=True,
        scope=Scope.settings,
    )
    max_files = _number(
        _("Files per submission"), _("At most this many files (1 to 10)."), 3, 1, 10
    )
    max_file_mb = _number(
        _("File size limit (MB)"),
        _(
            "Each file may be at most this large (1 to 50); the site's own limit applies when it "
            "is lower."
        ),
        4,
        1,
        50,
    )
    file_types = String(
        display_name=_("Allowed file types"),
        help=_("File extensions learners may upload, separated by commas."),
        default=DEFAULT_FILE_TYPES,
        scope=Scope.settings,
    )

    # ---- review ----------------------------------------------------------------------------------
    reviews = _number(
        _("Reviews per submission"), _("How many peers review each submission (1 to 6)."), 3, 1, 6
    )
    review_scope = String(
        display_name=_("Who reviews whom"),
        help=_(
            "Within groups: learners review members of their own group. Across groups: members of "
            "other groups. Anyone: groups are ignored."
        ),
        default=SAME_GROUP,
        values=_choices(
            (SAME_GROUP, _("Within groups")),
            (OTHER_GROUPS, _("Across groups")),
            (ANYONE, _("Anyone")),
        ),
        scope=Scope.settings,
    )
    group_size = _number(
        _("Group size"), _("The size of groups formed automatically (3 to 6)."), 4, 3, 6
    )
    teamset = String(
        display_name=_("Teamset"),
        help=_(
            "The id of an Open edX teamset to take groups from (when the course uses teams); "
            "empty: none."
        ),
        default="",
        scope=Scope.settings,
        max_length=100,
    )
    anonymity = String(
        display_name=_("Anonymity"),
        help=_("Who sees whose name. Trainers always see names."),
        default=BOTH_ANONYMOUS,
        values=_choices(
            (BOTH_ANONYMOUS, _("Anonymous both ways")),
            (AUTHORS_VISIBLE, _("Reviewers see the author's name")),
            (NAMES_VISIBLE, _("Names visible both ways")),
        ),
        scope=Scope.settings,
    )
    self_assessment = Boolean(
        display_name=_("Self-assessment"),
        help=_("Learners also assess their own work on the rubric (not graded)."),
        default=False,
        scope=Scope.settings,
    )

    # ---- grading ---------------------------------------------------------------------------------
    aggregation = String(
        display_name=_("Peer scores combined by"),
        help=_("Per criterion: the median (robust to one outlier) or the mean of peer scores."),
        default=MEDIAN,
        values=_choices((MEDIAN, _("Median")), (MEAN, _("Mean"))),
        scope=Scope.settings,
    )
    peer_weight = _number(
        _("Peer share of the grade (%)"),
        _(
            "100: peers only. 0: the trainer only. In between: a blend with the trainer's "
            "assessment."
        ),
        100,
        0,
        100,
    )
    reviewing_weight = _number(
        _("Grade for reviewing (%)"),
        _("The share of the final grade given for reviews close to the consensus (0: none)."),
        0,
        0,
        50,
    )
    spread_threshold = _number(
        _("Disagreement threshold (%)"),
        _(
            "Reviewers whose scores on a criterion differ by more than this share of its range "
            "send the submission to the moderation queue."
        ),
        50,
        10,
        100,
    )
    min_comment_length = _number(
        _("Shortest acceptable review (characters)"),
        _("Reviews whose comments are shorter go to the moderation queue (0: no check)."),
        40,
        0,
        2000,
    )


# The editor's fieldsets, in order: every editable setting, each in one group.
SETTING_GROUPS = (
    (_("General"), ("display_name", "weight")),
    (_("Dates"), ("submission_opens", "submission_due", "review_due", "close_date", "review_days")),
    (_("Submission"), ("late_policy", "allow_files", "max_files", "max_file_mb", "file_types")),
    (
        _("Review"),
        ("reviews", "review_scope", "group_size", "teamset", "anonymity", "self_assessment"),
    ),
    (
        _("Grading"),
        (
            "aggregation",
            "peer_weight",
            "reviewing_weight",
            "spread_threshold",
            "min_comment_length",
        ),
    ),
)
EDITABLE_FIELDS = tuple(name for _legend, names in SETTING_GROUPS for name in names)
