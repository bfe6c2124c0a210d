"""CSV exports for the trainer: submissions, reviews and grades, each streamed row by row."""

from __future__ import annotations

import re

from xblock.core import XBlock

from spoc_xblocks.common.csv_export import csv_response
from spoc_xblocks.common.handlers import error_response, trainer_only_response
from spoc_xblocks.common.roster import display_names
from spoc_xblocks.common.sanitize import plain_text
from spoc_xblocks.common.text import _

from . import api
from .grades import compute_grades, rubric_of

# Where the learner's editor ends a paragraph or a line: kept as line breaks in the CSV cell.
BLOCK_END = re.compile(r"</(?:p|div|li|h[1-6]|blockquote|pre)\s*>", re.IGNORECASE)
LINE_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def text_with_breaks(html: str) -> str:
    """The text of a piece of work, its paragraphs separated by a blank line and its line breaks
    kept, for a spreadsheet cell."""
    marked = LINE_BREAK.sub("\n", BLOCK_END.sub("\n\n", html or ""))
    lines = [line.strip() for line in plain_text(marked).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _iso(moment) -> str:
    return moment.isoformat() if moment else ""


def _percent(value) -> str:
    return "" if value is None else f"{value * 100:.1f}"


class ExportsMixin:
    @XBlock.handler
    def export_csv(self, request, suffix=""):
        """GET export_csv/submissions, /reviews or /grades."""
        refused = trainer_only_response(self)
        if refused is not None:
            return refused
        kind = suffix.strip("/")
        exporters = {
            "submissions": self._export_submissions,
            "reviews": self._export_reviews,
            "grades": self._export_grades,
        }
        if kind not in exporters:
            return error_response(self, 400, _("Choose submissions, reviews or grades."))
        return exporters[kind]()

    def _names(self, learners) -> dict[str, str]:
        return display_names(self, sorted(set(learners)))

    def _export_submissions(self):
        usage_key = self.usage_key
        rows = api.submissions.all_submissions(usage_key)
        works = api.submissions.contents([row.id for row in rows])
        members = api.workshop.participants(usage_key)
        names = self._names(row.learner_id for row in rows)
        header = [
            "anonymous_user_id",
            "username",
            "group",
            "submitted_at",
            "late",
            "text",
            "links",
            "files",
        ]

        def lines():
            for row in rows:
                work = works[row.id]
                group = members.get(
                    row.learner_id, api.workshop.ParticipantInfo(row.learner_id)
                ).group
                yield [
                    row.learner_id,
                    names.get(row.learner_id, ""),
                    group,
                    _iso(row.submitted_at),
                    row.late,
                    text_with_breaks(work.text),
                    " ".join(link["url"] for link in work.links),
                    "; ".join(info.filename for info in work.files),
                ]

        return csv_response("workshop-submissions.csv", header, lines())

    def _export_reviews(self):
        usage_key = self.usage_key
        rubric = rubric_of(self)
        reviews = api.reviews.all_reviews(usage_key)
        names = self._names(
            [row.author_id for row in reviews] + [row.reviewer_id for row in reviews]
        )
        criteria = [criterion.name for criterion in rubric.criteria]
        scored = [criterion.name for criterion in rubric.scored_criteria]
        header = [
            "review_id",
            "author_id",
            "author",
            "reviewer_id",
            "reviewer",
            "kind",
            "status",
            "withdrawn_reason",
            "submitted_at",
            *[f"level_{name}" for name in scored],
            *[f"points_{name}" for name in scored],
            *[f"comment_{name}" for name in criteria],
            "overall_comment",
            "helpfulness",
            "flagged",
            "flag_reason",
            "excluded",
            "trainer_levels",
        ]

        def lines():
            for row in reviews:
                if row.kind == api.reviews.SELF and not (row.started or row.done):
                    continue  # a self-assessment offered that the author never began
                # A review still being written (or withdrawn before it was done) is its reviewer's
                # draft.
                options, comments, overall = (
                    (row.options or {}, row.comments or {}, row.overall)
                    if row.done
                    else ({}, {}, "")
                )
                points = row.points or {}
                yield [
                    row.id,
                    row.author_id,
                    names.get(row.author_id, ""),
                    row.reviewer_id,
                    names.get(row.reviewer_id, ""),
                    row.kind,
                    row.status,
                    row.withdrawn_reason,
                    _iso(row.submitted_at),
                    *[options.get(name, "") for name in scored],
                    *[points.get(name, "") for name in scored],
                    *[comments.get(name, "") for name in criteria],
                    overall,
                    row.helpfulness or "",
                    row.flagged,
                    row.flag_reason,
                    row.excluded,
                    " ".join(
                        f"{key}={value}" for key, value in (row.override_options or {}).items()
                    ),
                ]

        return csv_response("workshop-reviews.csv", header, lines())

    def _export_grades(self):
        usage_key = self.usage_key
        computed = compute_grades(self)
        published = api.grades.published_grades(usage_key)
        names = self._names(computed.grades)
        header = [
            "anonymous_user_id",
            "username",
            "basis",
            "submission_percent",
            "reviewing_percent",
            "computed_percent",
            "override_percent",
            "final_percent",
            "published_percent",
        ]

        def lines():
            for learner, grade in sorted(
                computed.grades.items(), key=lambda item: names.get(item[0], "")
            ):
                yield [
                    learner,
                    names.get(learner, ""),
                    grade.submission.basis,
                    _percent(grade.submission.fraction),
                    _percent(grade.reviewing),
                    _percent(grade.computed),
                    _percent(grade.override),
                    _percent(grade.value),
                    _percent(published.get(learner)),
                ]

        return csv_response("workshop-grades.csv", header, lines())
