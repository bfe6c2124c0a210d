"""The workshop's settings read as typed values: one dictionary field read per group a request needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from spoc_xblocks.common.operator_settings import read_operator_settings

from .fields import parse_datetime, resolved
from .logic.file_limits import MEGABYTE, FileLimits, file_limits, platform_cap_mb
from .logic.grading import Rules
from .logic.moderation import ModerationRules
from .logic.phases import Schedule

AUTHORS_VISIBLE, NAMES_VISIBLE = "authors_visible", "none"


@dataclass(frozen=True)
class SubmissionRules:
    late_policy: str
    allow_files: bool
    max_files: int
    max_bytes: int
    extensions: tuple[str, ...]


@dataclass(frozen=True)
class ReviewRules:
    reviews: int
    scope: str
    group_size: int
    teamset: str
    anonymity: str
    self_assessment: bool

    @property
    def reviewers_see_authors(self) -> bool:
        return self.anonymity in (AUTHORS_VISIBLE, NAMES_VISIBLE)

    @property
    def authors_see_reviewers(self) -> bool:
        return self.anonymity == NAMES_VISIBLE


@dataclass(frozen=True)
class GradingRules:
    rules: Rules
    spread_threshold: float
    min_comment_length: int

    def moderation(self, review_closed: bool) -> ModerationRules:
        return ModerationRules(
            self.spread_threshold,
            self.min_comment_length,
            self.rules.peer_weight <= 0,
            review_closed,
        )


def platform_due(block) -> datetime | None:
    """The platform's due date for the block: its subsection's, from the course outline, and in a learner's own
    request that learner's (with the extension the Instructor Dashboard granted); None where blocks have no such
    date (the workbench)."""
    field = block.fields.get("due")
    return field.read_from(block) if field is not None else None


def schedule_of(block) -> tuple[Schedule, int]:
    """The four dates and the days allowed for each review; with no deadline of its own, the workshop's
    submissions are due when the platform says the block is due."""
    values = resolved("schedule", block.schedule)
    dates = {
        key: parse_datetime(values[key]) if values[key] else None
        for key in ("submission_opens", "submission_due", "review_due", "close_date")
    }
    if dates["submission_due"] is None:
        dates["submission_due"] = platform_due(block)
    return Schedule(**dates), values["review_days"]


def learner_extension(block, extension: datetime | None) -> datetime | None:
    """A learner's own submission deadline: the trainer's extension; else, when the workshop follows the
    platform's due date, the platform's for this learner (which carries their platform extension)."""
    if extension is not None or resolved("schedule", block.schedule)["submission_due"]:
        return extension
    return platform_due(block)


def file_extensions(text: str) -> tuple[str, ...]:
    """'.pdf, PNG, .jpg' -> ('.pdf', '.png', '.jpg')."""
    parts = (part.strip().lower() for part in text.replace(";", ",").split(","))
    return tuple(
        dict.fromkeys(part if part.startswith(".") else f".{part}" for part in parts if part)
    )


def file_limits_of(block, values: dict | None = None) -> FileLimits:
    """The author's file size and types, capped by the site's UPLOAD_MAX_MB and UPLOAD_EXTENSIONS, and by the
    LMS's own STUDENT_FILEUPLOAD_MAX_SIZE, which refuses a larger file before the block sees it."""
    values = values or resolved("submission", block.submission)
    site = read_operator_settings(block)
    site_mb = platform_cap_mb(
        site.upload_max_mb, getattr(settings, "STUDENT_FILEUPLOAD_MAX_SIZE", None)
    )
    return file_limits(
        values["max_file_mb"],
        file_extensions(values["file_types"]),
        site_mb,
        site.upload_extensions,
    )


def submission_rules(block) -> SubmissionRules:
    """The submission settings in force; files are off when no type the author chose is accepted by the site."""
    values = resolved("submission", block.submission)
    limits = file_limits_of(block, values)
    return SubmissionRules(
        values["late_policy"],
        values["allow_files"] and bool(limits.extensions),
        values["max_files"],
        limits.max_mb * MEGABYTE,
        limits.extensions,
    )


def review_rules(block) -> ReviewRules:
    values = resolved("review", block.review)
    return ReviewRules(
        values["reviews"],
        values["scope"],
        values["group_size"],
        values["teamset"],
        values["anonymity"],
        values["self_assessment"],
    )


def grading_rules(block) -> GradingRules:
    values = resolved("grading", block.grading)
    rules = Rules(
        values["aggregation"], values["peer_weight"] / 100, values["reviewing_weight"] / 100
    )
    return GradingRules(rules, values["spread_threshold"] / 100, values["min_comment_length"])
