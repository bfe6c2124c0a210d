"""The Twine link grammar, as the Twine 2 editor reads it (twinejs `parse-links.ts`).

1. A link is a non-greedy `[[...]]` on one line; a third `[` in front opens a hook around it.
2. A setter (SugarCube) is kept apart: only the part before the first `][` is the link
   (`[[Go|Room][$x to 1]]`).
3. The target is the part after the rightmost `->`, else the part before the leftmost `<-`, else the
   part after the last `|`, else the whole text; an empty part falls through to the next rule.
4. A target starting with `scheme://` is an external link, not a passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spoc_xblocks.serious_game.importers.scanning import paired

_LINK_OPEN = re.compile(r"\[\[(?!\[)")  # `[[[x]]]` is a Harlowe hook holding `[[x]]`
_LINK_CLOSE = re.compile(r"\]\]")
_EXTERNAL = re.compile(r"\w+:///?\w", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """One `[[...]]` link: what the reader clicks, where it leads, and where its markup sits in the
    text."""

    text: str
    target: str
    start: int
    end: int
    has_setter: bool = False
    setter: str = ""

    @property
    def is_external(self) -> bool:
        return bool(_EXTERNAL.match(self.target))


def find_links(passage_text: str) -> list[Link]:
    """Every link in a passage, in order, with duplicates; `[[]]` and links with no target are
    skipped."""
    links = []
    for match, close_start, close_end in paired(
        passage_text, _LINK_OPEN, _LINK_CLOSE, same_line=True
    ):
        inner = passage_text[match.end() : close_start]
        link_part, _bracket, setter = inner.partition("][")
        parsed = parse_link(link_part)
        if parsed is not None:
            text, target = parsed
            links.append(Link(text, target, match.start(), close_end, bool(_bracket), setter))
    return links


def parse_link(inner: str) -> tuple[str, str] | None:
    """Split the inside of a link (setter removed) into (display text, target), or None when it has
    no target."""
    if "->" in inner:
        text, target = inner.rsplit("->", 1)
        if target:
            return text, target
    if "<-" in inner:
        target, text = inner.split("<-", 1)
        if target:
            return text, target
    if "|" in inner:
        text, target = inner.rsplit("|", 1)
        if target:
            return text, target
    return (inner, inner) if inner else None


def format_link(text: str, target: str) -> str:
    """Link markup that `parse_link` reads back as (text, target): `[[target]]` when they are
    equal."""
    return f"[[{target}]]" if text == target else f"[[{text}->{target}]]"
