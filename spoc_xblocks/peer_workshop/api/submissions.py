"""Drafts, submissions (mirrored in edx-submissions) and the files attached to them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError
from submissions import api as submissions_api

from spoc_xblocks.common.markers import rows_marker
from spoc_xblocks.common.upsert import upsert

from ..models import Draft, Submission, Upload


class AlreadySubmitted(Exception):
    """The learner's submission exists already (a double click, a second tab)."""


@dataclass(frozen=True)
class FileInfo:
    id: int
    filename: str
    size: int
    content_type: str
    stored_name: str = ""


@dataclass(frozen=True)
class Work:
    """A learner's piece: their draft, or their submission once submitted."""

    learner_id: str
    submitted: bool
    text: str = ""
    links: tuple = ()
    files: tuple[FileInfo, ...] = ()
    submission_id: int | None = None
    when: datetime | None = None  # saved or submitted
    late: bool = False


def _files(rows) -> tuple[FileInfo, ...]:
    return tuple(
        FileInfo(row.id, row.filename, row.size, row.content_type, row.stored_name) for row in rows
    )


def learner_work(usage_key: str, learner_id: str, with_files: bool = True) -> Work | None:
    """The submission if there is one, else the draft, else None (two or three queries)."""
    files = (
        _files(Upload.objects.filter(usage_key=usage_key, learner_id=learner_id).order_by("id"))
        if with_files
        else ()
    )
    row = Submission.objects.filter(usage_key=usage_key, learner_id=learner_id).first()
    if row is not None:
        return Work(
            learner_id, True, row.text, tuple(row.links), files, row.id, row.submitted_at, row.late
        )
    draft = Draft.objects.filter(usage_key=usage_key, learner_id=learner_id).first()
    if draft is None:
        return Work(learner_id, False, files=files) if files else None
    return Work(learner_id, False, draft.text, tuple(draft.links), files, None, draft.updated)


def has_submitted(usage_key: str, learner_id: str) -> bool:
    return Submission.objects.filter(usage_key=usage_key, learner_id=learner_id).exists()


def register(student_item: dict) -> None:
    """Make the learner's item known to edx-submissions (as ORA2 does when it first reads a
    learner's work)."""
    submissions_api.get_submissions(student_item, limit=1)


def save_draft(usage_key: str, learner_id: str, text: str, links: list) -> datetime | None:
    """Store the learner's draft; return when it was last saved before (None: this is the first
    draft)."""
    previous = Draft.objects.filter(usage_key=usage_key, learner_id=learner_id).values_list(
        "updated", flat=True
    )
    previous = previous.first()
    upsert(
        Draft,
        [Draft(usage_key=usage_key, learner_id=learner_id, text=text, links=links)],
        ["usage_key", "learner_id"],
        ["text", "links", "updated"],
    )
    return previous


def submit(
    student_item: dict, text: str, links: list, late: bool, now: datetime
) -> tuple[int, tuple]:
    """Write the learner's piece for good, here and in edx-submissions (AlreadySubmitted if twice).

    Returns its id and its files (the learner's uploads, which can no longer change).
    """
    usage_key, learner_id = student_item["item_id"], student_item["student_id"]
    files = uploads_of(usage_key, learner_id)
    answer = {
        "text": text,
        "links": links,
        "files": [
            {
                "name": row.filename,
                "size": row.size,
                "type": row.content_type,
                "key": row.stored_name,
            }
            for row in files
        ],
    }
    record = submissions_api.create_submission(
        student_item, answer, submitted_at=now, attempt_number=1
    )
    try:
        row = Submission.objects.create(
            course_key=student_item["course_id"],
            usage_key=usage_key,
            learner_id=learner_id,
            submission_uuid=record["uuid"],
            text=text,
            links=links,
            submitted_at=now,
            late=late,
        )
    except IntegrityError as error:
        raise AlreadySubmitted from error
    Draft.objects.filter(usage_key=usage_key, learner_id=learner_id).delete()
    return row.id, files


@dataclass(frozen=True)
class SubmissionRow:
    id: int
    learner_id: str
    submitted_at: datetime
    late: bool
    uuid: str
    grade_override: float | None
    override_reason: str


def all_submissions(usage_key: str) -> list[SubmissionRow]:
    """Every submission of the workshop without its text (one query)."""
    rows = (
        Submission.objects.filter(usage_key=usage_key)
        .order_by("submitted_at", "id")
        .values_list(
            "id",
            "learner_id",
            "submitted_at",
            "late",
            "submission_uuid",
            "grade_override",
            "override_reason",
        )
    )
    return [SubmissionRow(*row) for row in rows]


def changes_marker(usage_key: str) -> tuple:
    """How many submissions a workshop has and when the newest change was: it moves at every write
    (the model's MarkedQuerySet)."""
    return rows_marker(Submission.objects.filter(usage_key=usage_key), "updated")


def submission_uuids(usage_key: str) -> dict[str, str]:
    """Each learner's submission in edx-submissions (one query)."""
    return dict(
        Submission.objects.filter(usage_key=usage_key).values_list("learner_id", "submission_uuid")
    )


def contents(submission_ids) -> dict[int, Work]:
    """Text, links and files of some submissions (two queries), for their reviewers or the
    trainer."""
    ids = list(submission_ids)
    if not ids:
        return {}
    rows = Submission.objects.filter(id__in=ids)
    owners = {(row.usage_key, row.learner_id): row.id for row in rows}
    files: dict[int, list] = {row.id: [] for row in rows}
    usage_keys = {usage_key for usage_key, _learner in owners}
    for upload in Upload.objects.filter(
        usage_key__in=usage_keys, learner_id__in=[k[1] for k in owners]
    ).order_by("id"):
        owner = owners.get((upload.usage_key, upload.learner_id))
        if owner is not None:
            files[owner].append(upload)
    return {
        row.id: Work(
            row.learner_id,
            True,
            row.text,
            tuple(row.links),
            _files(files[row.id]),
            row.id,
            row.submitted_at,
            row.late,
        )
        for row in rows
    }


def set_grade_override(usage_key: str, learner_id: str, value: float | None, reason: str) -> bool:
    return bool(
        Submission.objects.filter(usage_key=usage_key, learner_id=learner_id).update(
            grade_override=value, override_reason=reason
        )
    )


# ---- files ---------------------------------------------------------------------------------------


def add_upload(
    usage_key: str, learner_id: str, stored_name: str, filename: str, content_type: str, size: int
) -> FileInfo:
    row = Upload.objects.create(
        usage_key=usage_key,
        learner_id=learner_id,
        stored_name=stored_name,
        filename=filename,
        content_type=content_type,
        size=size,
    )
    return FileInfo(row.id, row.filename, row.size, row.content_type, row.stored_name)


def uploads_of(usage_key: str, learner_id: str) -> tuple[FileInfo, ...]:
    return _files(Upload.objects.filter(usage_key=usage_key, learner_id=learner_id).order_by("id"))


def upload(usage_key: str, file_id: int) -> tuple[str, FileInfo] | None:
    """(owner, file) of one upload of this workshop, or None."""
    row = Upload.objects.filter(usage_key=usage_key, id=file_id).first()
    return (row.learner_id, _files([row])[0]) if row else None


def remove_upload(usage_key: str, learner_id: str, file_id: int) -> str | None:
    """Delete a file of a learner's draft; return its stored name (None when there is no such
    file)."""
    row = Upload.objects.filter(usage_key=usage_key, learner_id=learner_id, id=file_id).first()
    if row is None:
        return None
    row.delete()
    return row.stored_name
