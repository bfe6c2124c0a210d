"""Every handler that is not a JSON handler (file upload and download, CSV exports, the .ics file,
the Twee export), fuzzed through the real handler URLs: every method, ids and suffixes with path
tricks, random multipart forms with hostile file names, non-form bodies. A 200 may be any file;
anything else must be a refusal with a JSON error, never a 500.

The workbench's own handler view fails on a path that is not ASCII (xblock-sdk pops the path with
WebOb, which reads it as Latin-1) before any block code runs; the LMS passes such suffixes on. So
the URLs carry ASCII suffixes without line breaks (path tricks included), and every other suffix is
handed to the block through the runtime, as the LMS does.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import figures

from .answers import METHODS, check_answer, send
from .bodies import not_json
from .reach import every_handler, scenarios_of
from .values import awkward_text

EXAMPLES_PER_HANDLER = 40
PLAIN_HANDLERS = [handler for handler in every_handler() if not handler.is_json]
LEARNERS = ("alice", "bruno", "trainer~alice", "student_1")
SUFFIXES = (
    "",
    "1",
    "2",
    "0",
    "-1",
    "01",
    " 1",
    "1.0",
    "1e3",
    "²",
    "١",
    "٣",
    "9" * 30,
    "9" * 5000,
    "submissions",
    "reviews",
    "grades",
    "grades/",
    "/grades",
    "grades/../reviews",
    "../../etc/passwd",
    "..%2F..%2Fsettings.py",
    "%00",
    "1%00",
    "1/2",
    "%2e%2e/%2e%2e/",
    "C:\\Windows\\win.ini",
    "\u202e1",
    "🎲",
    "null",
    "NaN",
)
FILE_NAMES = (
    "notes.pdf",
    "notes.PDF",
    "diagram.png",
    ".pdf",
    "",
    ".",
    "..",
    "/",
    "../../etc/passwd.pdf",
    "C:\\temp\\x.pdf",
    "a" * 5000 + ".pdf",
    "é\u202egpj.exe.pdf",
    "notes.pdf.exe",
    "con.txt",
    "<script>.txt",
    "%00.pdf",
    "sp ace .txt",
)
FILE_BODIES = (b"", b"%PDF-1.4 a small file", b"\x00" * 64, b"\xff\xd8\xff" + bytes(range(256)))


BOUNDARY = "spocfuzz"


def multipart_body(fields: dict) -> bytes:
    """A multipart form written by hand, so names may hold quotes, lone surrogates or nothing at
    all."""
    parts = []
    for field, value in fields.items():
        disposition = f'form-data; name="{field}"'
        if isinstance(value, tuple):
            disposition += f'; filename="{value[0]}"'
            content = value[1]
        else:
            content = value.encode("utf-8", "surrogatepass")
        head = f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n".encode(
            "utf-8", "surrogatepass"
        )
        parts.append(head + content + b"\r\n")
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


@st.composite
def multipart_form(draw):
    """A form with a `file` (or another field) under a hostile name, with a hostile file name and
    content."""
    field = draw(st.sampled_from(["file", "file", "files", "upload", ""]))
    name = draw(st.one_of(st.sampled_from(FILE_NAMES), awkward_text(40)))
    body = draw(st.one_of(st.sampled_from(FILE_BODIES), st.binary(max_size=300)))
    fields = {field: (name, body)}
    if draw(st.booleans()):
        fields[draw(awkward_text(10))] = draw(awkward_text(20))
    return multipart_body(fields)


def raw_multipart():
    """Bodies that claim to be multipart and are not quite."""
    return st.tuples(
        st.sampled_from(
            [
                "multipart/form-data",
                "multipart/form-data; boundary=spoc",
                "multipart/form-data; boundary=" + "b" * 300,
                "multipart/mixed; boundary=spoc",
            ]
        ),
        st.one_of(
            st.sampled_from(
                [
                    b'--spoc\r\nContent-Disposition: form-data; name="file"; '
                    b'filename="a.pdf"\r\n\r\nxx',
                    b'--spoc\r\nContent-Disposition: form-data; name="file"; '
                    b'filename="../../a.pdf"\r\n\r\nxx\r\n--spoc--',
                    b"--spoc\r\nContent-Disposition: form-data\r\n\r\n\r\n--spoc--",
                    b"--spoc--",
                    b"",
                ]
            ),
            st.binary(max_size=200),
        ),
    )


def _is_routable(text: str) -> bool:
    """ASCII without a line break: no platform's handler URL pattern matches a line break (the LMS's
    and the workbench's both answer their HTML 404 before any block code runs)."""
    return text.isascii() and "\n" not in text and "\r" not in text


def any_suffix():
    return st.one_of(st.sampled_from(SUFFIXES), st.integers(-3, 12).map(str), awkward_text(20))


@st.composite
def plain_request(draw):
    """(method, suffix, body bytes, content type)."""
    method = draw(st.sampled_from(METHODS))
    suffix = draw(any_suffix().filter(_is_routable))
    kind = draw(st.sampled_from(["form", "raw multipart", "other body"]))
    if kind == "form":
        return method, suffix, draw(multipart_form()), f"multipart/form-data; boundary={BOUNDARY}"
    if kind == "raw multipart":
        content_type, body = draw(raw_multipart())
        return method, suffix, body, content_type
    return (
        method,
        suffix,
        draw(not_json()),
        draw(st.sampled_from(["application/json", "text/plain", "text/csv"])),
    )


@pytest.mark.parametrize("handler", PLAIN_HANDLERS, ids=str)
def test_a_plain_handler_refuses_hostile_requests_with_a_json_error_never_a_500(handler, workbench):
    scenario_ids = scenarios_of(workbench.scenarios, handler.block_type)
    assert scenario_ids, (
        f"no workbench scenario shows a {handler.block_type}: the fuzzer cannot reach {handler}"
    )

    @settings(max_examples=EXAMPLES_PER_HANDLER, deadline=None, derandomize=True, database=None)
    @given(st.sampled_from(scenario_ids), st.sampled_from(LEARNERS), plain_request())
    def fuzz(scenario_id, learner, request):
        method, suffix, body, content_type = request
        for student in (learner, "trainer"):
            response = send(
                workbench, method, scenario_id, handler.name, student, body, content_type, suffix
            )
            check_answer(
                response,
                f"{method} {handler}/{suffix!r} as {student} with {body[:200]!r}",
                json_success=False,
            )

    fuzz()


@pytest.mark.parametrize("handler", PLAIN_HANDLERS, ids=str)
def test_a_plain_handler_reads_any_suffix_the_lms_may_pass(handler, workbench):
    from webob import Request

    scenario_ids = scenarios_of(workbench.scenarios, handler.block_type)

    def call(scenario_id, student, suffix, method):
        block = workbench.block_for(scenario_id, student)
        figures.record("payloads tried", 1, source="handler fuzzing")
        response = block.handle(handler.name, Request.blank("/", method=method), suffix)
        check_answer(response, f"{method} {handler}/{suffix!r} as {student}", json_success=False)

    for suffix in SUFFIXES:
        for student in ("alice", "trainer"):
            call(scenario_ids[0], student, suffix, "GET")

    @settings(
        max_examples=EXAMPLES_PER_HANDLER // 2, deadline=None, derandomize=True, database=None
    )
    @given(
        st.sampled_from(scenario_ids),
        st.sampled_from((*LEARNERS, "trainer")),
        any_suffix(),
        st.sampled_from(METHODS),
    )
    def fuzz(scenario_id, student, suffix, method):
        call(scenario_id, student, suffix, method)

    fuzz()
