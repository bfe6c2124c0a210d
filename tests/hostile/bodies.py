"""Raw request bodies no JSON handler should accept: too big, too deep, not JSON, not UTF-8, odd
literals."""

from __future__ import annotations

import json

from hypothesis import strategies as st

from .values import any_json

# NaN and Infinity are not JSON, but Python's json reads them; they may stand wherever a number
# does.
ODD_LITERALS = (
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "-1e999",
    "1" * 5000,
    "0x10",
    "01",
    ".5",
    "+1",
    "undefined",
)


def huge_body(max_bytes: int):
    """A JSON object one field of which takes the body just past (or far past) the handler's
    limit."""
    return st.sampled_from([1, 4]).map(
        lambda times: json.dumps({"text": "x" * (max_bytes * times)}).encode()
    )


def deep_body():
    return st.sampled_from([100, 5_000, 100_000]).flatmap(
        lambda depth: st.sampled_from(
            [
                ("[" * depth + "]" * depth).encode(),
                ('{"a":' * depth + "1" + "}" * depth).encode(),
                ("[" * depth).encode(),
            ]
        )
    )


@st.composite
def with_odd_literal(draw, payload: dict):
    """The payload's JSON with one value (or the whole body) replaced by NaN, Infinity, a
    5,000-digit number..."""
    literal = draw(st.sampled_from(ODD_LITERALS))
    if not payload:
        return literal.encode()
    key = draw(st.sampled_from(sorted(payload)))
    return (
        json.dumps({**payload, key: "\x00PLACEHOLDER"})
        .replace('"\\u0000PLACEHOLDER"', literal)
        .encode()
    )


def not_utf8(payload: dict):
    text = json.dumps(payload).encode()
    return st.sampled_from(
        [b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"\x80", b"\xf4\x90\x80\x80"]
    ).map(
        lambda bad: (
            text[:-1] + b',"x":"' + bad + b'"}' if text != b"{}" else b'{"x":"' + bad + b'"}'
        )
    )


def not_json():
    return st.one_of(
        st.sampled_from(
            [
                b"",
                b" ",
                b"null",
                b"[]",
                b"0",
                b'"text"',
                b"true",
                b"a=1&b=2",
                b"<xml/>",
                b"{",
                b"}",
                b'{"a":1,}',
                b"{'a': 1}",
                b"\xef\xbb\xbf{}",
                b"{}\x00",
                b"{}{}",
            ]
        ),
        st.binary(max_size=200),
        st.text(max_size=200).map(str.encode),
    )


def hostile_bodies(payload: dict, max_bytes: int):
    """Bodies built around a fitting payload, plus bodies that ignore it altogether."""
    return st.one_of(
        with_odd_literal(payload),
        not_utf8(payload),
        not_json(),
        deep_body(),
        huge_body(max_bytes),
        any_json().map(lambda value: json.dumps(value).encode()),
    )
