"""Every JSON handler of every block, fuzzed through the real workbench handler URLs.

Bodies are drawn from the handler's own declared shape (so many get past the shape check into the
handler's code), then broken: one field mutated, odd literals, not UTF-8, not JSON, too deep, too
big, and other methods than POST. Each is sent as a learner (sometimes a masquerading trainer) and
as the trainer. Every answer must be a 200 or a refusal with a JSON error; a 500 or a traceback
fails the test.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .answers import METHODS, check_answer, send
from .bodies import hostile_bodies
from .reach import every_handler, scenarios_of
from .shapes import fitting, mutated
from .tokens import plausible_strings

EXAMPLES_PER_HANDLER = 30
JSON_HANDLERS = [handler for handler in every_handler() if handler.is_json]
LEARNERS = ("alice", "bruno", "karim", "trainer~alice", "student_1")
CONTENT_TYPES = (
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=spoc",
    "application/json; charset=utf-8",
)


@st.composite
def hostile_request(draw, handler, tokens):
    """(method, body bytes, content type) for one request."""
    kind = draw(st.sampled_from(["fitting", "mutated", "mutated", "hostile body", "other method"]))
    if kind == "fitting":
        return "POST", json.dumps(draw(fitting(handler.shape, tokens))).encode(), "application/json"
    if kind == "mutated":
        return "POST", json.dumps(draw(mutated(handler.shape, tokens))).encode(), "application/json"
    payload = draw(fitting(handler.shape, tokens))
    body = draw(hostile_bodies(payload, handler.max_bytes))
    if kind == "other method":
        return (
            draw(st.sampled_from([method for method in METHODS if method != "POST"])),
            body,
            "application/json",
        )
    return "POST", body, draw(st.sampled_from(CONTENT_TYPES))


@pytest.mark.parametrize("handler", JSON_HANDLERS, ids=str)
def test_a_json_handler_refuses_hostile_input_with_a_json_error_never_a_500(handler, workbench):
    scenario_ids = scenarios_of(workbench.scenarios, handler.block_type)
    assert scenario_ids, (
        f"no workbench scenario shows a {handler.block_type}: the fuzzer cannot reach {handler}"
    )
    tokens = plausible_strings(workbench.scenarios, handler.block_type)

    @settings(max_examples=EXAMPLES_PER_HANDLER, deadline=None, derandomize=True, database=None)
    @given(
        st.sampled_from(scenario_ids), st.sampled_from(LEARNERS), hostile_request(handler, tokens)
    )
    def fuzz(scenario_id, learner, request):
        method, body, content_type = request
        for student in (learner, "trainer"):
            response = send(
                workbench, method, scenario_id, handler.name, student, body, content_type
            )
            check_answer(
                response, f"{method} {handler} as {student} with {body[:200]!r}", json_success=True
            )

    fuzz()
