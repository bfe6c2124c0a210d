"""The platform's routes to a block, as the stand-in serves them: courseware handler calls and views
(LMS), the editor's handlers and studio_view (Studio), the preview (Studio).

The LMS route does what `handle_xblock_callback` does before the block runs: Tutor's proxy refuses
bodies over 4 MB with an empty 413; only GET is allowed to someone not signed in; any uploaded file
over STUDENT_FILEUPLOAD_MAX_SIZE is refused with a 413 and a JSON `{"success": message}`.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    JsonResponse,
)
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt
from xblock.django.request import django_to_webob_request, webob_to_django_response
from xblock.exceptions import NoSuchHandlerError, NoSuchUsage

from .runtime import staff_markup
from .site import active_site

PROXY_MAX_BODY_BYTES = 4 * 1000 * 1000  # Tutor's Caddyfile: request_body { max_size 4MB }
# Marks what the platform (or its proxy) answers itself, before any block code runs: the tests
# accept those answers as they are (the LMS's own refusals are plain text or empty), and the blocks'
# scripts must cope.
PLATFORM_ANSWER = "X-Standin-Platform-Answer"
STUDENT_FILEUPLOAD_MAX_SIZE = 4 * 1000 * 1000
MAX_FILEUPLOADS_PER_INPUT = 20


def _person(request):
    people = active_site().people
    people.enroll_roster()
    return people.person(request.headers.get("X-Standin-User", ""))


def _block(runtime, usage_id: str):
    try:
        return runtime.block(usage_id)
    except NoSuchUsage as missing:
        raise Http404(usage_id) from missing


def _files_refusal(request) -> str | None:
    limit = getattr(settings, "STUDENT_FILEUPLOAD_MAX_SIZE", STUDENT_FILEUPLOAD_MAX_SIZE)
    for name in request.FILES:
        files = request.FILES.getlist(name)
        if len(files) > MAX_FILEUPLOADS_PER_INPUT:
            return (
                f"Submission aborted! Maximum {MAX_FILEUPLOADS_PER_INPUT} files may be submitted "
                "at once"
            )
        for upload in files:
            if upload.size > limit:
                return (
                    f'Submission aborted! Your file "{upload.name}" is too large '
                    f"(max size: {limit / 1000**2:g} MB)"
                )
    return None


def _handle(block, handler: str, request, suffix: str):
    try:
        return webob_to_django_response(
            block.handle(handler, django_to_webob_request(request), suffix)
        )
    except NoSuchHandlerError as missing:
        raise Http404(handler) from missing


def _platform_answer(response):
    response[PLATFORM_ANSWER] = "1"
    return response


@csrf_exempt
def lms_handler(request, course_id, usage_id, handler, suffix=""):
    if int(request.META.get("CONTENT_LENGTH") or 0) > PROXY_MAX_BODY_BYTES:
        return _platform_answer(HttpResponse(status=413))  # the proxy's answer: no body at all
    person = _person(request)
    if request.method != "GET" and not person.signed_in:
        return _platform_answer(HttpResponseForbidden("Unauthenticated"))
    try:
        refusal = _files_refusal(request)
    except (MultiPartParserError, SuspiciousOperation, BadRequest):
        return _platform_answer(
            HttpResponseBadRequest("Bad Request")
        )  # Django's own page, in the LMS
    if refusal is not None:
        return _platform_answer(JsonResponse({"success": refusal}, status=413))
    runtime = active_site().lms_runtime(person)
    return _handle(_block(runtime, usage_id), handler, request, suffix)


@csrf_exempt
def studio_handler(request, usage_id, handler, suffix=""):
    person = _person(request)
    if not person.signed_in:
        return _platform_answer(HttpResponseForbidden("Sign in to Studio"))  # login_required
    return _handle(_block(active_site().studio_runtime(person), usage_id), handler, request, suffix)


def _page(fragment) -> HttpResponse:
    return HttpResponse(fragment.head_html() + fragment.body_html() + fragment.foot_html())


def lms_view(request, course_id, usage_id, view_name):
    person = _person(request)
    block = _block(active_site().lms_runtime(person), usage_id)
    fragment = block.render(view_name, {})
    if person.is_staff or person.masquerade == "specific":
        staff_markup(block)  # the staff debug wrapper reads every field of the block
    return _page(fragment)


def studio_view(request, usage_id, view_name):
    person = _person(request)
    if not person.signed_in:
        return HttpResponseForbidden("Sign in to Studio")
    return _page(_block(active_site().studio_runtime(person), usage_id).render(view_name, {}))


@csrf_exempt
def preview_handler(request, usage_id, handler, suffix=""):
    """Studio's preview calls the block's handlers too
    (cms/djangoapps/contentstore/views/preview.py)."""
    person = _person(request)
    if not person.signed_in:
        return _platform_answer(HttpResponseForbidden("Sign in to Studio"))
    return _handle(
        _block(active_site().preview_runtime(person), usage_id), handler, request, suffix
    )


def preview_view(request, usage_id, view_name):
    """Studio's unit page shows a block's author_view when it has one, else its student_view."""
    person = _person(request)
    if not person.signed_in:
        return HttpResponseForbidden("Sign in to Studio")
    block = _block(active_site().preview_runtime(person), usage_id)
    return _page(
        block.render(
            "author_view" if getattr(block, "has_author_view", False) else "student_view", {}
        )
    )
