"""The workshop's settings read as typed rules: its schedule, and what submissions, reviews and
grades follow, with the site's file limits applied."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from spoc_xblocks.common.operator_settings import read_operator_settings

from .fields import AUTHORS_VISIBLE, NAMES_VISIBLE
from .logic.file_limits import MEGABYTE, FileLimits, file_limits, platform_cap_mb
from .logic.grading import Rules
from .logic.moderation import ModerationRules
from .logic.phases import Schedule


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
    """The platform's due date for the block: its subsection's, from the course outline, and in a
    learner's own request that learner's (with the extension the Instructor Dashboard granted); None
    where blocks have no such date (the workbench)."""
    field = block.fields.get("due")
    return field.read_from(block) if field is not None else None


def schedule_of(block) -> tuple[Schedule, int]:
    """The four dates and the days allowed for each review; with no deadline of its own, the
    workshop's submissions are due when the platform says the block is due."""
    schedule = Schedule(
        block.submission_opens,
        block.submission_due or platform_due(block),
        block.review_due,
        block.close_date,
    )
    return schedule, block.review_days


def learner_extension(block, extension: datetime | None) -> datetime | None:
    """A learner's own submission deadline: the trainer's extension; else, when the workshop follows
    the platform's due date, the platform's for this learner (which carries their platform
    extension)."""
    if extension is not None or block.submission_due:
        return extension
    return platform_due(block)


def file_extensions(text: str) -> tuple[str, ...]:
    """'.pdf, PNG, .jpg' -> ('.pdf', '.png', '.jpg')."""
    parts = (part.strip().lower() for part in text.replace(";", ",").split(","))
    return tuple(
        dict.fromkeys(part if part.startswith(".") else f".{part}" for part in parts if part)
    )


def file_limits_of(block) -> FileLimits:
    """The author's file size and types, capped by the site's UPLOAD_MAX_MB and UPLOAD_EXTENSIONS,
    and by the LMS's own STUDENT_FILEUPLOAD_MAX_SIZE, which refuses a larger file before the block
    sees it."""
    site = read_operator_settings(block)
    site_mb = platform_cap_mb(
        site.upload_max_mb, getattr(settings, "STUDENT_FILEUPLOAD_MAX_SIZE", None)
    )
    return file_limits(
        block.max_file_mb, file_extensions(block.file_types), site_mb, site.upload_extensions
    )


def submission_rules(block) -> SubmissionRules:
    """The submission settings in force; files are off when no type the author chose is accepted by
    the site."""
    limits = file_limits_of(block)
    return SubmissionRules(
        block.late_policy,
        block.allow_files and bool(limits.extensions),
        block.max_files,
        limits.max_mb * MEGABYTE,
        limits.extensions,
    )


def review_rules(block) -> ReviewRules:
    return ReviewRules(
        block.reviews,
        block.review_scope,
        block.group_size,
        block.teamset,
        block.anonymity,
        block.self_assessment,
    )


def grading_rules(block) -> GradingRules:
    rules = Rules(block.aggregation, block.peer_weight / 100, block.reviewing_weight / 100)
    return GradingRules(rules, block.spread_threshold / 100, block.min_comment_length)
