"""What a hostile request may get back: a success, or a refusal as JSON with an error sentence.
Never a 500."""

from __future__ import annotations

import json

from tests import figures
from tests.sites import answered_by_platform

REFUSALS = {400, 403, 404, 405, 409, 413}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def send(
    site,
    method: str,
    scenario_id: str,
    handler: str,
    student: str,
    body: bytes | dict = b"",
    content_type: str = "application/json",
    suffix: str = "",
    source: str = "handler fuzzing",
):
    """One request through the site's routes (an exception in the view fails the test with its
    traceback)."""
    figures.record("payloads tried", 1, source=source)
    return site.send(
        method, scenario_id, handler, student, suffix=suffix, data=body, content_type=content_type
    )


def check_answer(response, request_text: str, json_success: bool) -> None:
    """200 (JSON when `json_success`), or a refusal status with a JSON body carrying a non-empty
    "error".

    `response` is a Django response (through the workbench URLs) or a WebOb one (from the runtime
    directly).
    """
    status = response.status_code
    if answered_by_platform(response):
        assert status in (400, 403, 413), f"{request_text}: the platform answered {status}"
        return
    content_type = (
        response["Content-Type"] if hasattr(response, "streaming") else response.content_type
    )
    content = _content(response)
    where = f"{request_text} answered {status}"
    assert status == 200 or status in REFUSALS, f"{where}: {content[:500]!r}"
    if status == 200 and not json_success:
        return
    assert content_type.startswith("application/json"), f"{where} with {content_type}"
    body = json.loads(content)
    assert isinstance(body, dict), f"{where}: {body!r}"
    if status != 200:
        assert isinstance(body.get("error"), str) and body["error"].strip(), (
            f"{where} without an error: {body!r}"
        )


def _content(response) -> bytes:
    if not hasattr(response, "streaming"):
        return response.body
    return b"".join(response.streaming_content) if response.streaming else response.content
