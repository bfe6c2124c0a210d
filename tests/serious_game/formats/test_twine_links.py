"""The Twine link grammar, case by case, as the Twine 2 editor reads links (twinejs parse-links)."""

from __future__ import annotations

import pytest

from spoc_xblocks.serious_game.importers.links import find_links, format_link, parse_link

LINK_CASES = [
    # (passage text, [(text, target), ...])
    ("[[link]]", [("link", "link")]),
    ("[[display|link]]", [("display", "link")]),
    ("[[display->link]]", [("display", "link")]),
    ("[[link<-display]]", [("display", "link")]),
    ("[[link][setter]]", [("link", "link")]),
    ("[[display|link][$x to 1]]", [("display", "link")]),
    ("[[display->link][setter]]", [("display", "link")]),
    ("[[link<-display][setter]]", [("display", "link")]),
    ("[[display->link][]]", [("display", "link")]),
    ("[[]]", []),
    ("[[][]]", []),
    ("[[][setter]]", []),
    ("[[/regex with [ | ]/ ->link]]", [("/regex with [ | ]/ ", "link")]),
    ("[[link1]][[link2]]", [("link1", "link1"), ("link2", "link2")]),
    ("[[a]] [[a]]", [("a", "a"), ("a", "a")]),
    ("[[a->b->c]]", [("a->b", "c")]),  # rightmost ->
    ("[[a<-b<-c]]", [("b<-c", "a")]),  # leftmost <-
    ("[[a|b|c]]", [("a|b", "c")]),  # last |
    ("[[x->y<-z]]", [("x", "y<-z")]),  # -> wins over <-
    ("[[x|y->z]]", [("x|y", "z")]),  # -> wins over |
    ("[[a->]]", [("a->", "a->")]),  # an empty target falls through to the next rule
    ("[[Go left -> Left]]", [("Go left ", " Left")]),  # spaces are kept
    ("[[broken\nlink]]", []),  # a link does not cross a line break
    ("no links here [single] [[unclosed", []),
    ("[[a]]]", [("a", "a")]),  # non-greedy: stops at the first ]]
]


@pytest.mark.parametrize("text, expected", LINK_CASES)
def test_link_grammar(text, expected):
    assert [(link.text, link.target) for link in find_links(text)] == expected


@pytest.mark.parametrize(
    "target, external",
    [
        ("http://twinery.org", True),
        ("https://example.com/a", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("file:///tmp/x", True),
        (
            "mailto:someone@example.com",
            False,
        ),  # no //, so a passage name as far as Twine is concerned
        ("Room: the hall", False),
        ("Start", False),
    ],
)
def test_external_links_are_those_with_a_scheme_and_two_slashes(target, external):
    (link,) = find_links(f"[[Go->{target}]]")
    assert link.is_external is external


def test_links_know_where_their_markup_sits_and_whether_a_setter_was_dropped():
    text = "Go [[north->North][$dir to 'n']] now"
    (link,) = find_links(text)
    assert text[link.start : link.end] == "[[north->North][$dir to 'n']]"
    assert link.has_setter


@pytest.mark.parametrize(
    "text, target",
    [
        ("Continue", "Continue"),
        ("Open the door", "door"),
        ("a->b", "c"),
        ("x|y", "z"),
        ("left<-", "right"),
    ],
)
def test_formatted_links_read_back_the_same(text, target):
    assert parse_link(format_link(text, target)[2:-2]) == (text, target)
