"""Declared payload shapes refuse everything they do not declare."""

import pytest

from spoc_xblocks.common.payloads import Boolean, Integer, PayloadError, String, clean_payload

SHAPE = {
    "name": String(max_length=5),
    "count": Integer(minimum=0, maximum=3),
    "flag": Boolean(required=False),
}


def test_a_payload_that_fits_is_returned_with_defaults():
    assert clean_payload(SHAPE, {"name": "ab", "count": 2}) == {
        "name": "ab",
        "count": 2,
        "flag": False,
    }


@pytest.mark.parametrize(
    "payload, fragment",
    [
        ([], "JSON object"),
        ({"name": "ab"}, "'count' is required"),
        ({"name": 3, "count": 1}, "'name' must be text"),
        ({"name": "abcdef", "count": 1}, "longer than 5"),
        ({"name": "a", "count": True}, "whole number"),
        ({"name": "a", "count": 4}, "'count' must be from 0 to 3"),
        ({"name": "a", "count": 1, "flag": "yes"}, "true or false"),
        ({"name": "a", "count": 1, "extra": 1}, "Unexpected field 'extra'"),
    ],
)
def test_a_payload_outside_its_shape_is_refused_with_a_sentence(payload, fragment):
    with pytest.raises(PayloadError) as error:
        clean_payload(SHAPE, payload)
    assert fragment in error.value.text()


def test_choices_are_enforced():
    with pytest.raises(PayloadError):
        clean_payload({"mode": String(choices=("a", "b"))}, {"mode": "c"})
