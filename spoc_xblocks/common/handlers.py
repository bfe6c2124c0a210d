"""JSON handlers: payload checked against its shape, role checked, the work done whole or not at
all."""

from __future__ import annotations

import functools
import json

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, connection, transaction
from django.http import RawPostDataException
from webob import Response
from xblock.core import XBlock

from . import members
from .i18n import gettext_for
from .json_input import load_storable_json
from .keys import course_key_for
from .learner_state import note_learner_record
from .payloads import PayloadError, clean_payload
from .roles import current_viewer
from .text import Message, TranslatableError, _

MAX_BODY_BYTES = 256 * 1024
SIGN_IN_FIRST = _("Sign in to do this.")
VIEWING_AS_LEARNER = _("You are viewing as a learner: nothing can be changed.")
ONLY_TRAINERS = _("Only the course's trainers can do this.")
ONLY_AUTHORS = _("Only the course's authors can change this block, in Studio.")
NOT_IN_STUDIO = _("This is Studio: learners' work and the cohort change only in the course itself.")
SERVICE_BRIEFLY_UNAVAILABLE = _("The service is briefly unavailable; try again in a moment.")
RETRY_AFTER_SECONDS = 5
# What the database raises while it is down, restarting or unreachable, and for deadlocks and lock
# timeouts: all are worth retrying, none is the caller's fault.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class HandlerError(TranslatableError):
    """Stop a handler with an HTTP status and a translatable message (a template and its values, or
    a Message another error carries). `line`: the line of the field's text at fault, where the
    editor puts the caret."""

    def __init__(
        self,
        message: str | Message,
        status: int = 400,
        *,
        field: str = "",
        line: int | None = None,
        **params,
    ):
        super().__init__(message, field=field, **params)
        self.status = status
        self.line = line


def json_response(data, status: int = 200) -> Response:
    return Response(
        body=json.dumps(data).encode("utf-8"),
        status=status,
        content_type="application/json",
        charset="utf-8",
    )


def error_response(
    block, status: int, message: str | Message, field: str = "", line: int | None = None
) -> Response:
    """The JSON answer of a refused request: `{"error": sentence}`, and the input it is about (and
    the line of its text), if any."""
    message = Message(message) if isinstance(message, str) else message
    answer = {"error": message.text(gettext_for(block))}
    if field:
        answer["field"] = field
    if field and line:
        answer["line"] = line
    return json_response(answer, status)


def _decode(request, max_bytes: int):
    try:
        body = request.body
    except (
        RequestDataTooBig
    ) as exc:  # over Django's DATA_UPLOAD_MAX_MEMORY_SIZE, whatever max_bytes says
        raise PayloadError(_("The request is too large.")) from exc
    except (
        RawPostDataException
    ) as exc:  # a form the LMS already read (it reads every request's files first)
        raise PayloadError(_("The request is not valid JSON.")) from exc
    if len(body) > max_bytes:
        raise PayloadError(_("The request is too large."))
    try:
        return load_storable_json(body.decode("utf-8") or "{}")
    except UnicodeEncodeError as exc:
        raise PayloadError(_("The request holds text that is not valid Unicode.")) from exc
    except RecursionError as exc:
        raise PayloadError(_("The request is nested too deeply.")) from exc
    except ValueError as exc:
        raise PayloadError(_("The request is not valid JSON.")) from exc


def drop_broken_connection() -> None:
    """Close the database connection if it no longer answers, so the next request opens a fresh
    one."""
    if connection.connection is not None and not connection.is_usable():
        connection.close()


def service_unavailable_response(gettext) -> Response:
    """503 JSON with Retry-After: the database is down or restarting, the caller should try
    again."""
    drop_broken_connection()
    response = json_response({"error": gettext(SERVICE_BRIEFLY_UNAVAILABLE)}, 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _answering_database_outages(handler):
    @functools.wraps(handler)
    def answered(self, request, suffix=""):
        try:
            return handler(self, request, suffix)
        except DATABASE_UNAVAILABLE:
            return service_unavailable_response(gettext_for(self))

    return answered


def access_refusal(
    viewer, *, trainer_only: bool = False, author_only: bool = False, writes: bool = True
) -> str | None:
    """Why `viewer` may not call a handler, as a message template; None when they may.

    Authoring handlers are Studio's editor's, where the viewer has no anonymous id and only the
    authoring permission counts. Every other handler is a write or a private read of someone in the
    course.
    """
    if author_only:
        if viewer.is_author:
            return None
        return ONLY_AUTHORS if viewer.is_authenticated else SIGN_IN_FIRST
    if not viewer.is_authenticated or not (viewer.anonymous_id or viewer.in_studio):
        return SIGN_IN_FIRST
    if trainer_only and not viewer.is_trainer:
        return ONLY_TRAINERS
    return write_refusal(viewer) if writes else None


def spoc_handler(
    shape: dict | None = None,
    *,
    trainer_only: bool = False,
    author_only: bool = False,
    writes: bool = True,
    max_bytes: int = MAX_BODY_BYTES,
):
    """Turn `method(self, data, viewer) -> dict` into an XBlock JSON handler.

    POST only. Bad JSON or a payload outside `shape` answers 400; a caller `access_refusal` refuses
    answers 403 (a signed-out visitor, a learner calling a trainer handler, a masquerading trainer
    or Studio trying to change learner data, anyone but an author calling an authoring handler); a
    HandlerError answers its status; a database that is down answers 503 with Retry-After; in every
    failing case the database is left as it was. Bodies over `max_bytes` are refused before they are
    decoded.
    """
    shape = shape or {}

    def decorate(method):
        @XBlock.handler
        @functools.wraps(method)
        @_answering_database_outages
        def handler(self, request, suffix=""):
            if request.method != "POST":
                return error_response(self, 405, _("Use POST for this request."))
            viewer = current_viewer(self)
            refusal = access_refusal(
                viewer, trainer_only=trainer_only, author_only=author_only, writes=writes
            )
            if refusal is not None:
                return error_response(self, 403, refusal)
            try:
                data = clean_payload(shape, _decode(request, max_bytes))
                learner_wrote = writes and viewer.can_write and not viewer.is_trainer
                with transaction.atomic():
                    result = method(self, data, viewer)
                    if learner_wrote:
                        members.note_member(
                            course_key_for(self), viewer.anonymous_id, viewer.user_key
                        )
                        note_learner_record(self)
                        self.save()  # the learner's fields commit with the rows, in one go
            except PayloadError as exc:
                return error_response(self, 400, exc.message, exc.field)
            except HandlerError as exc:
                return error_response(self, exc.status, exc.message, exc.field, exc.line)
            return json_response(result)

        # What the handler accepts and who calls it, readable from the class: the hostile-input
        # tests build payloads from it, the platform stand-in routes authoring handlers to Studio's
        # editor.
        handler.payload_shape = shape
        handler.max_body_bytes = max_bytes
        handler.spoc_audience = (
            "author" if author_only else "trainer" if trainer_only else "learner"
        )
        return handler

    return decorate


def write_refusal(viewer) -> str | None:
    """Why `viewer` may change no learner data (signed out, a trainer viewing as a learner, Studio),
    as a message template."""
    if viewer.in_studio:
        return NOT_IN_STUDIO
    if not viewer.is_authenticated or not viewer.anonymous_id:
        return SIGN_IN_FIRST
    return None if viewer.can_write else VIEWING_AS_LEARNER


def signed_in_response(block):
    """For plain handlers anyone in the course may read, as JSON read handlers are gated: None for
    them, else the 403."""
    refusal = access_refusal(current_viewer(block), writes=False)
    return None if refusal is None else error_response(block, 403, refusal)


def trainer_only_response(block):
    """For plain (GET) trainer handlers: None when the viewer is a trainer, else the 403
    response."""
    if current_viewer(block).is_trainer:
        return None
    return error_response(block, 403, ONLY_TRAINERS)


def for_authors(handler):
    """Mark a plain XBlock handler as one of Studio's editor's, as `spoc_handler(author_only=True)`
    marks JSON ones; it still checks the caller itself (`author_only_response`)."""
    handler.spoc_audience = "author"
    return handler


def author_only_response(block):
    """For plain authoring handlers (a download of the block's content): None for an author, else
    the 403."""
    viewer = current_viewer(block)
    refusal = access_refusal(viewer, author_only=True)
    return None if refusal is None else error_response(block, 403, refusal)
