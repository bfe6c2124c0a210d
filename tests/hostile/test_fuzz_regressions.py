"""What the fuzzer found answering 500 or an HTML page, each pinned down as it now answers."""

from __future__ import annotations

import json

import pytest

from spoc_xblocks.common.payloads import (
    LARGEST_STORED_INTEGER,
    Integer,
    PayloadError,
    id_from_suffix,
)
from tests.sites import answered_by_platform


def error_of(response, status: int) -> str:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)["error"]


def test_a_lone_surrogate_escaped_in_json_is_refused_before_it_reaches_the_database(workbench):
    response = workbench.post(
        "spoc_cohort_coach.0", "add_goal", "alice", raw=b'{"text": "goal \\ud800"}'
    )
    assert "Unicode" in error_of(response, 400)


@pytest.mark.parametrize(
    "body", [b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 5_000 + b"1" + b"}" * 5_000]
)
def test_json_nested_too_deeply_is_refused(workbench, body):
    assert "nested" in error_of(
        workbench.post("spoc_cohort_coach.0", "add_goal", "alice", raw=body), 400
    )


def test_an_id_past_64_bits_is_out_of_range_not_a_database_overflow(workbench):
    response = workbench.post("spoc_cohort_coach.0", "cancel_booking", "alice", {"slot_id": 2**64})
    assert "must be from 1 to 9,223,372,036,854,775,807" in error_of(response, 400)
    with pytest.raises(PayloadError):
        Integer(minimum=1).clean("slot_id", LARGEST_STORED_INTEGER + 1)


def test_a_body_past_djangos_upload_limit_is_refused_as_json_even_under_the_handlers_own_limit(
    workbench, settings
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = json.dumps(
        {"filename": "story.twee", "content": "x" * 2000, "encoding": "text"}
    ).encode()
    response = workbench.post("spoc_serious_game.0", "import_scenario", "trainer", raw=body)
    assert "too large" in error_of(response, 400)


def test_a_malformed_multipart_upload_is_refused_as_json(workbench):
    response = workbench.send(
        "POST",
        "spoc_peer_workshop.1",
        "upload_file",
        "alice",
        data=b'--x\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\nxx',
        content_type="multipart/form-data; boundary=" + "b" * 300,
    )
    if answered_by_platform(
        response
    ):  # the LMS reads a request's files before the block: Django's own 400
        assert response.status_code == 400
    else:
        assert error_of(response, 400)


@pytest.mark.parametrize("suffix", ["²", "١٢", "99999999999999999999", "9" * 5000, "-1", " 1", "0"])
def test_file_and_calendar_ids_other_than_plain_digits_are_not_found(workbench, suffix):
    from webob import Request

    for scenario_id, handler in (
        ("spoc_peer_workshop.0", "download_file"),
        ("spoc_cohort_coach.0", "meeting_ics"),
    ):
        block = workbench.block_for(scenario_id, "trainer")
        response = block.handle(handler, Request.blank("/"), suffix)
        assert response.status_code == 404 and json.loads(response.body)["error"]


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        ("12", 12),
        ("/12", 12),
        ("12/", 12),
        ("0", None),
        ("", None),
        ("²", None),
        ("١", None),
        ("+1", None),
        ("1.0", None),
        (str(LARGEST_STORED_INTEGER), LARGEST_STORED_INTEGER),
        (str(LARGEST_STORED_INTEGER + 1), None),
        ("9" * 5000, None),
    ],
)
def test_id_from_suffix_reads_plain_digits_within_64_bits(suffix, expected):
    assert id_from_suffix(suffix) == expected
