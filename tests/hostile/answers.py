"""What a hostile request may get back: a success, or a refusal as JSON with an error sentence. Never a 500."""
from __future__ import annotations

import json

from tests import figures

REFUSALS = {400, 403, 404, 405, 409, 413}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


def send(client, method: str, url: str, body: bytes = b"", content_type: str = "application/json",
         source: str = "handler fuzzing"):
    """One request through Django's test client (an exception in the view fails the test with its traceback)."""
    figures.record("payloads tried", 1, source=source)
    call = getattr(client, method.lower())
    if method == "GET":
        return call(url)
    return call(url, data=body, content_type=content_type)


def check_answer(response, request_text: str, json_success: bool) -> None:
    """200 (JSON when `json_success`), or a refusal status with a JSON body carrying a non-empty "error".

    `response` is a Django response (through the workbench URLs) or a WebOb one (from the runtime directly).
    """
    status = response.status_code
    content_type = response["Content-Type"] if hasattr(response, "streaming") else response.content_type
    content = _content(response)
    where = f"{request_text} answered {status}"
    assert status == 200 or status in REFUSALS, f"{where}: {content[:500]!r}"
    if status == 200 and not json_success:
        return
    assert content_type.startswith("application/json"), f"{where} with {content_type}"
    body = json.loads(content)
    assert isinstance(body, dict), f"{where}: {body!r}"
    if status != 200:
        assert isinstance(body.get("error"), str) and body["error"].strip(), f"{where} without an error: {body!r}"


def _content(response) -> bytes:
    if not hasattr(response, "streaming"):
        return response.body
    return b"".join(response.streaming_content) if response.streaming else response.content
