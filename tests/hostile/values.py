"""Awkward JSON values: any shape, text with Unicode edge cases, lone surrogates, values of the
wrong type."""

from __future__ import annotations

from hypothesis import strategies as st

EDGE_TEXTS = (
    "",
    " ",
    "\x00",
    "\u200b",
    "\u202eevil",
    "\ufeff",
    "e\u0301" * 50,
    "🎲" * 20,
    "\r\n\r\n",
    "\\",
    "'",
    '"',
    "<script>alert(1)</script>",
    "]]>",
    "<![CDATA[x]]>",
    "&amp;",
    "{name}",
    "{0}",
    "%s%(x)s",
    "../../etc/passwd",
    "NaN",
    "Infinity",
    "null",
    "true",
    "1e999",
    "-0",
    "١٢٣",
    "²",
    "İ",
    "ß" * 10,
    "\U0010ffff",
    '=HYPERLINK("x")',
)
# Python strings JSON can only escape: json.dumps writes them as "\ud800", which json.loads reads
# back.
LONE_SURROGATES = ("\ud800", "a\udfffb", "\udc00\ud800", "\ud83c")


def awkward_text(max_size: int = 60):
    return st.one_of(
        st.sampled_from(EDGE_TEXTS),
        st.sampled_from(LONE_SURROGATES),
        st.text(max_size=max_size),
        st.text(st.characters(codec="utf-8", exclude_categories=()), max_size=max_size),
    )


def _scalars():
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.sampled_from([2**63, -(2**63) - 1, 10**40]),
        st.floats(allow_nan=True, allow_infinity=True),
        awkward_text(),
    )


def any_json():
    """A JSON value of any shape (NaN and infinities included, as json.dumps writes them)."""
    return st.recursive(
        _scalars(),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(awkward_text(max_size=10), children, max_size=4),
        ),
        max_leaves=8,
    )


def wrong_type_values():
    """One value of each JSON type, so whatever a field expects, most of these are wrong for it."""
    return st.sampled_from(
        [
            None,
            True,
            False,
            0,
            -1,
            1.5,
            float("nan"),
            float("inf"),
            "",
            "1",
            "true",
            [],
            [1],
            {},
            {"a": 1},
            2**64,
            "\ud800",
        ]
    )
