"""The peer workshop's authored fields and the table of its settings (labels, help, limits, defaults).

Settings are kept in four dictionaries (schedule, submission, review, grading) rather than one field each:
a request reads only the groups it needs (one read per group), and OLX writes each group as one readable
element (`<schedule submission_due="..."/>`). The table below is the one description of every setting:
the Studio form, the OLX reader and the checks all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import dateutil.parser
from xblock.fields import Dict, Float, Scope, String

from spoc_xblocks.common.text import _

from .demo import DEFAULT_PROMPT, DEFAULT_RUBRIC_XML
from .logic.allocation import SCOPES
from .logic.grading import AGGREGATIONS
from .logic.phases import LATE_ACCEPT, LATE_REFUSE

# Each one among the site's default UPLOAD_EXTENSIONS, so a new workshop takes every type it offers.
DEFAULT_FILE_TYPES = ".pdf, .png, .jpg, .jpeg, .txt, .odt, .docx, .pptx, .xlsx"
ANONYMITY = ("both", "authors_visible", "none")
GROUPS = ("schedule", "submission", "review", "grading")


@dataclass(frozen=True)
class Setting:
    group: str
    key: str
    kind: str  # "int", "bool", "choice", "datetime", "text"
    label: str
    help: str
    default: object = None
    choices: tuple = ()  # (value, label) pairs
    minimum: int = 0
    maximum: int = 0
    max_length: int = 255


SETTINGS = (
    Setting(
        "schedule",
        "submission_opens",
        "datetime",
        _("Submissions open"),
        _("When the submission phase starts (empty: the trainer opens it)."),
    ),
    Setting(
        "schedule",
        "submission_due",
        "datetime",
        _("Submission deadline"),
        _(
            "When submissions close and reviews start (empty: the subsection's due date, if the course outline "
            "gives one, with the extensions granted in the Instructor Dashboard; else the trainer decides)."
        ),
    ),
    Setting(
        "schedule",
        "review_due",
        "datetime",
        _("Review deadline"),
        _("When reviews close and grading starts (empty: the trainer decides)."),
    ),
    Setting(
        "schedule",
        "close_date",
        "datetime",
        _("Grades published"),
        _("When grades are published and the workshop closes (empty: the trainer decides)."),
    ),
    Setting(
        "schedule",
        "review_days",
        "int",
        _("Days for each review"),
        _(
            "A review not done this many days after it was given goes to another learner (0: only the review "
            "deadline counts)."
        ),
        0,
        minimum=0,
        maximum=60,
    ),
    Setting(
        "submission",
        "late_policy",
        "choice",
        _("Late work"),
        _("Whether work submitted after the deadline is accepted (and marked late)."),
        LATE_ACCEPT,
        ((LATE_ACCEPT, _("Accept, marked late")), (LATE_REFUSE, _("Refuse"))),
    ),
    Setting(
        "submission",
        "allow_files",
        "bool",
        _("File uploads"),
        _("Learners may attach files to their submission."),
        True,
    ),
    Setting(
        "submission",
        "max_files",
        "int",
        _("Files per submission"),
        _("At most this many files (1 to 10)."),
        3,
        minimum=1,
        maximum=10,
    ),
    Setting(
        "submission",
        "max_file_mb",
        "int",
        _("File size limit (MB)"),
        _(
            "Each file may be at most this large (1 to 50); the site's own limit applies when it is lower."
        ),
        4,
        minimum=1,
        maximum=50,
    ),
    Setting(
        "submission",
        "file_types",
        "text",
        _("Allowed file types"),
        _("File extensions learners may upload, separated by commas."),
        DEFAULT_FILE_TYPES,
    ),
    Setting(
        "review",
        "reviews",
        "int",
        _("Reviews per submission"),
        _("How many peers review each submission (1 to 6)."),
        3,
        minimum=1,
        maximum=6,
    ),
    Setting(
        "review",
        "scope",
        "choice",
        _("Who reviews whom"),
        _(
            "Within groups: learners review members of their own group. Across groups: members of other groups. "
            "Anyone: groups are ignored."
        ),
        "group",
        tuple(zip(SCOPES, (_("Within groups"), _("Across groups"), _("Anyone")))),
    ),
    Setting(
        "review",
        "group_size",
        "int",
        _("Group size"),
        _("The size of groups formed automatically (3 to 6)."),
        4,
        minimum=3,
        maximum=6,
    ),
    Setting(
        "review",
        "teamset",
        "text",
        _("Teamset"),
        _(
            "The id of an Open edX teamset to take groups from (when the course uses teams); empty: none."
        ),
        "",
        max_length=100,
    ),
    Setting(
        "review",
        "anonymity",
        "choice",
        _("Anonymity"),
        _("Who sees whose name. Trainers always see names."),
        "both",
        tuple(
            zip(
                ANONYMITY,
                (
                    _("Anonymous both ways"),
                    _("Reviewers see the author's name"),
                    _("Names visible both ways"),
                ),
            )
        ),
    ),
    Setting(
        "review",
        "self_assessment",
        "bool",
        _("Self-assessment"),
        _("Learners also assess their own work on the rubric (not graded)."),
        False,
    ),
    Setting(
        "grading",
        "aggregation",
        "choice",
        _("Peer scores combined by"),
        _("Per criterion: the median (robust to one outlier) or the mean of peer scores."),
        "median",
        tuple(zip(AGGREGATIONS, (_("Median"), _("Mean")))),
    ),
    Setting(
        "grading",
        "peer_weight",
        "int",
        _("Peer share of the grade (%)"),
        _(
            "100: peers only. 0: the trainer only. In between: a blend with the trainer's assessment."
        ),
        100,
        minimum=0,
        maximum=100,
    ),
    Setting(
        "grading",
        "reviewing_weight",
        "int",
        _("Grade for reviewing (%)"),
        _("The share of the final grade given for reviews close to the consensus (0: none)."),
        0,
        minimum=0,
        maximum=50,
    ),
    Setting(
        "grading",
        "spread_threshold",
        "int",
        _("Disagreement threshold (%)"),
        _(
            "Reviewers whose scores on a criterion differ by more than this share of its range send the "
            "submission to the moderation queue."
        ),
        50,
        minimum=10,
        maximum=100,
    ),
    Setting(
        "grading",
        "min_comment_length",
        "int",
        _("Shortest acceptable review (characters)"),
        _("Reviews whose comments are shorter go to the moderation queue (0: no check)."),
        40,
        minimum=0,
        maximum=2000,
    ),
)
SETTINGS_BY_GROUP = {group: [item for item in SETTINGS if item.group == group] for group in GROUPS}


class SettingError(ValueError):
    """A setting's value is not allowed; the message names the setting."""


def parse_datetime(text: str) -> datetime:
    """An ISO date and time; a naive one is taken as UTC."""
    value = dateutil.parser.isoparse(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def clean_setting(setting: Setting, value):
    """A setting's value checked and normalised (ISO text for dates), or SettingError."""
    if setting.kind == "datetime":
        if value in (None, ""):
            return None
        try:
            return parse_datetime(str(value)).isoformat()
        except (ValueError, OverflowError) as error:
            raise SettingError(f"{setting.key}='{value}' is not a date and time.") from error
    if setting.kind == "bool":
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        if not isinstance(value, bool):
            raise SettingError(f"{setting.key} must be true or false.")
        return value
    if setting.kind == "int":
        try:
            number = int(value)
        except (TypeError, ValueError) as error:
            raise SettingError(f"{setting.key}='{value}' is not a whole number.") from error
        if isinstance(value, bool) or not setting.minimum <= number <= setting.maximum:
            raise SettingError(
                f"{setting.key} must be between {setting.minimum} and {setting.maximum}."
            )
        return number
    text = str(value if value is not None else "").strip()
    if setting.kind == "choice" and text not in [choice for choice, _label in setting.choices]:
        raise SettingError(
            f"{setting.key}='{text}' is not one of: {', '.join(c for c, _l in setting.choices)}."
        )
    if len(text) > setting.max_length:
        raise SettingError(f"{setting.key} is longer than {setting.max_length} characters.")
    return text


def resolved(group: str, stored: dict | None) -> dict:
    """A group's values: the stored ones that are still valid, the defaults for the rest."""
    values = {}
    for setting in SETTINGS_BY_GROUP[group]:
        raw = (stored or {}).get(setting.key, setting.default)
        try:
            values[setting.key] = clean_setting(setting, raw)
        except SettingError:
            values[setting.key] = setting.default
    return values


class PeerWorkshopFields:
    display_name = String(
        display_name=_("Display name"),
        help=_("The title learners see above the workshop."),
        default=_("Peer workshop"),
        scope=Scope.settings,
    )
    weight = Float(
        display_name=_("Points"),
        help=_(
            "The workshop's points in its subsection's grade, a whole number: the platform records whole points, "
            "so a learner's grade counts as that share of these points, rounded to the nearest point."
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
    schedule = Dict(
        display_name=_("Dates"),
        help=_("The dates that move the workshop from phase to phase."),
        default={},
        scope=Scope.settings,
    )
    submission = Dict(
        display_name=_("Submission"),
        help=_("Late work and file uploads."),
        default={},
        scope=Scope.settings,
    )
    review = Dict(
        display_name=_("Review"),
        help=_("Reviews per submission, groups, anonymity, self-assessment."),
        default={},
        scope=Scope.settings,
    )
    grading = Dict(
        display_name=_("Grading"),
        help=_("How peer and trainer scores make the grade; moderation."),
        default={},
        scope=Scope.settings,
    )
