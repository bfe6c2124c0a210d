"""Files attached to a learner's work: kept in Django's storage, checked and served by the block.

Uploads go to Django's default storage (which Tutor points at MinIO or S3, shared by every LMS
process) under one folder per workshop, with random names; never to the platform's `fs` service,
whose django-pyfs folder sits on one container's disk and cannot even be created under Tutor. The
size, the number of files and the extension are checked on the server, the type is taken from the
extension (never from the browser), and a file is served, as a download, only to its author, its
reviewers and the trainers.
"""

from __future__ import annotations

import mimetypes
import os
import uuid
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import transaction
from django.http.multipartparser import MultiPartParserError
from django.utils import timezone
from webob import Response
from xblock.core import XBlock

from spoc_xblocks.common.handlers import (
    HandlerError,
    error_response,
    json_response,
    spoc_handler,
    write_refusal,
)
from spoc_xblocks.common.learner_state import note_learner_record
from spoc_xblocks.common.payloads import Integer, id_from_suffix
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import Message, _

from . import api, workflow
from .logic.file_limits import MEGABYTE, file_size
from .rules import submission_rules

FILE_SHAPE = {"file_id": Integer(minimum=1)}
MULTIPART_ROOM = 64 * 1024  # what a multipart body adds around the file
FILE_FIELD = "file"  # the upload's part, and the control its refusals show next to
TOO_LARGE = _("The file is larger than {size} MB.")


def django_storage():
    """Django's default storage; a local one with no MEDIA_ROOT would write into the working
    directory, so uploads then go under the workbench's var/ folder instead."""
    if isinstance(default_storage, FileSystemStorage) and not settings.MEDIA_ROOT:
        return FileSystemStorage(
            location=os.path.join(getattr(settings, "VAR_DIR", "var"), "media")
        )
    return default_storage


class FileStore:
    """Save, read and delete a workshop's files by their stored name, in Django's storage."""

    def __init__(self, block):
        self.storage = django_storage()
        self.prefix = f"spoc_peer_workshop/{quote(block.usage_key, safe='')}"

    def save(self, name: str, data: bytes) -> None:
        self.storage.save(f"{self.prefix}/{name}", ContentFile(data))

    def read(self, name: str) -> bytes:
        with self.storage.open(f"{self.prefix}/{name}", "rb") as handle:
            return handle.read()

    def delete(self, name: str) -> None:
        self.storage.delete(f"{self.prefix}/{name}")


def delete_after_commit(block, stored_names) -> None:
    """Delete files from storage once the transaction that deleted their rows commits (storage has
    no rollback: a deletion rolled back keeps its files)."""
    if not stored_names:
        return
    store, names = FileStore(block), tuple(stored_names)

    def delete_files():
        for name in names:
            store.delete(name)

    transaction.on_commit(delete_files, robust=True)  # a storage error is logged: the rows are gone


MAX_FILENAME = 200  # the browser shortens names alike before sending (peer_workshop_learner.js)
MAX_EXTENSION = 20


def safe_filename(name: str) -> str:
    """The name a file is listed under: no folders nor characters a file system refuses, and at
    most 200 characters, shortened in the middle so that its extension (its type) is kept."""
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    cleaned = "".join(char for char in base if char.isprintable() and char not in '<>:"|?*')
    if len(cleaned) <= MAX_FILENAME:
        return cleaned or "file"
    stem, extension = os.path.splitext(cleaned)
    if len(extension) > MAX_EXTENSION:
        stem, extension = cleaned, ""
    return stem[: MAX_FILENAME - len(extension) - 1] + "…" + extension


def file_rules_context(block, rules) -> dict:
    return {
        "max_files": rules.max_files,
        "max_mb": rules.max_bytes // MEGABYTE,
        "max_bytes": rules.max_bytes,
        "extensions": ", ".join(rules.extensions),
        "accept": ",".join(rules.extensions),
        "input_id": html_id(block, "file-input"),
        "download_url": block.runtime.handler_url(block, "download_file").rstrip("/?"),
    }


def file_rows(files, gettext) -> list[dict]:
    """Files as listed: their id, name and size in the units of the limit."""
    return [
        {"id": info.id, "filename": info.filename, "size": file_size(info.size).text(gettext)}
        for info in files
    ]


def files_html(block, viewer, rules) -> str:
    files = api.submissions.uploads_of(block.usage_key, viewer.anonymous_id)
    return render_template(
        block,
        "templates/learner_files.html",
        {
            "file_rows": file_rows(files, block.gettext),
            "files": file_rules_context(block, rules),
            "can_edit": True,
            "can_write": True,
        },
    )


def may_read_file(block, viewer, owner: str) -> bool:
    """The author, the trainers, and the peers given the author's submission to review."""
    if viewer.is_trainer or viewer.anonymous_id == owner:
        return True
    slots = api.reviews.reviews_by(block.usage_key, viewer.anonymous_id)
    return any(slot.author_id == owner for slot in slots)


class FilesMixin:
    """Upload, download and removal of the files of a learner's work."""

    def _file_error(self, message: str | Message, status: int = 400, **params) -> Response:
        """A refusal as spoc.js reads one, shown next to the file control."""
        message = Message(message, params) if isinstance(message, str) else message
        return error_response(self, status, message, FILE_FIELD)

    def _upload_refusal(self, viewer, rules, filename: str, size: int):
        """None when the file may be stored, else the error response."""
        if not rules.allow_files:
            return self._file_error(_("This workshop does not take files."))
        extension = os.path.splitext(filename)[1].lower()
        if extension not in rules.extensions:
            return self._file_error(
                _("Files of this type are not accepted. Accepted: {types}."),
                types=", ".join(rules.extensions),
            )
        if size > rules.max_bytes:
            return self._file_error(TOO_LARGE, size=rules.max_bytes // MEGABYTE)
        if size == 0:
            return self._file_error(_("The file is empty."))
        if len(api.submissions.uploads_of(self.usage_key, viewer.anonymous_id)) >= rules.max_files:
            return self._file_error(
                _("You can attach at most {count} files."), count=rules.max_files
            )
        return None

    @XBlock.handler
    def upload_file(self, request, suffix=""):
        """A multipart POST with one `file`: stored for the learner's draft, or refused with a
        reason."""
        viewer = self.viewer
        if request.method != "POST":
            return self._file_error(_("Use POST for this request."), 405)
        refusal = write_refusal(viewer)
        if refusal is not None:
            return self._file_error(refusal, 403)
        rules = submission_rules(self)
        if (request.content_length or 0) > rules.max_bytes + MULTIPART_ROOM:
            return self._file_error(TOO_LARGE, size=rules.max_bytes // MEGABYTE)
        try:
            upload = request.POST.get(FILE_FIELD)
        except (MultiPartParserError, SuspiciousOperation, BadRequest):
            # Django answers these with an HTML page.
            return self._file_error(_("The upload could not be read; choose the file again."))
        if upload is None or not hasattr(upload, "file"):
            return self._file_error(_("Choose a file to attach."))
        data = upload.file.read(rules.max_bytes + 1)
        filename = safe_filename(upload.filename)
        try:
            workflow.writable_work(self, viewer, timezone.now())
        except HandlerError as error:
            return self._file_error(error.message, error.status)
        if api.submissions.has_submitted(self.usage_key, viewer.anonymous_id):
            return self._file_error(
                _("Your work is already submitted: it can no longer be changed.")
            )
        refused = self._upload_refusal(viewer, rules, filename, len(data))
        if refused is not None:
            return refused
        extension = os.path.splitext(filename)[1].lower()
        stored_name = f"{uuid.uuid4().hex}{extension}"
        content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        FileStore(self).save(stored_name, data)
        info = api.submissions.add_upload(
            self.usage_key, viewer.anonymous_id, stored_name, filename, content_type, len(data)
        )
        if not viewer.is_trainer:
            note_learner_record(self)
        self.learner_did(
            viewer, "file_uploaded", {"file_id": info.id, "size": info.size}, record=False
        )
        return json_response(
            {
                "file_id": info.id,
                "html": files_html(self, viewer, rules),
                "focus": html_id(self, "file-input"),
                "message": self.gettext("{name} is attached.").format(name=filename),
            }
        )

    @spoc_handler(FILE_SHAPE)
    def remove_file(self, data, viewer):
        workflow.writable_work(self, viewer, timezone.now())
        usage_key = self.usage_key
        if api.submissions.has_submitted(usage_key, viewer.anonymous_id):
            raise HandlerError(_("Your work is already submitted: it can no longer be changed."))
        stored_name = api.submissions.remove_upload(usage_key, viewer.anonymous_id, data["file_id"])
        if stored_name is None:
            raise HandlerError(_("There is no such file in your work."))
        FileStore(self).delete(stored_name)
        return {
            "html": files_html(self, viewer, submission_rules(self)),
            "focus": html_id(self, "file-input"),
            "message": self.gettext("The file is removed."),
        }

    @XBlock.handler
    def download_file(self, request, suffix=""):
        """GET download_file/<id>: the file, to those allowed to read it (404 for anyone else)."""
        viewer = self.viewer
        file_id = id_from_suffix(suffix)
        found = api.submissions.upload(self.usage_key, file_id) if file_id is not None else None
        if found is None or not may_read_file(self, viewer, found[0]):
            return self._file_error(_("There is no such file."), 404)
        info = found[1]
        try:
            body = FileStore(self).read(info.stored_name)
        except (OSError, FileNotFoundError):
            return self._file_error(_("The file could not be read from storage."), 404)
        response = Response(body=body, content_type=info.content_type)
        response.headers["Content-Disposition"] = (
            f"attachment; filename*=UTF-8''{quote(info.filename)}"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Cache-Control"] = "private, no-store"
        return response
