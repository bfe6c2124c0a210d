"""Finding delimited pieces of a passage (`<<...>>`, `<% ... %>`, `(macro: ...)[hook]`) in linear
time, so a hostile 2 MB passage full of openers with no closer cannot make an import quadratic."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

_MACRO_OPENING = re.compile(r"\(([A-Za-z][\w-]*):")
_PAREN_OR_QUOTE = re.compile(r"[()\"']")


def paired(
    text: str, opener: re.Pattern, closer: re.Pattern, same_line: bool = False
) -> Iterator[tuple[re.Match, int, int]]:
    """Each opener with the first closer after it: (opener match, closer start, closer end).

    An opener inside the previous pair is part of it; one with no closer after it (or, with
    `same_line`, before the next line break) is skipped.
    """
    closers = [(match.start(), match.end()) for match in closer.finditer(text)]
    starts = [start for start, _end in closers]
    newlines = [match.start() for match in re.finditer("\n", text)] if same_line else []
    covered_until = 0
    for match in opener.finditer(text):
        if match.start() < covered_until:
            continue
        index = bisect.bisect_left(starts, match.end())
        if index == len(closers):
            return
        close_start, close_end = closers[index]
        if same_line:
            newline = bisect.bisect_left(newlines, match.end())
            if newline < len(newlines) and newlines[newline] < close_start:
                continue
        covered_until = close_end
        yield match, close_start, close_end


def bracket_pairs(text: str, opening: str = "[", closing: str = "]") -> dict[int, int]:
    """Where each bracket that is closed is closed, by position, in one pass."""
    pairs, stack = {}, []
    for match in re.finditer(re.escape(opening) + "|" + re.escape(closing), text):
        if match.group() == opening:
            stack.append(match.start())
        elif stack:
            pairs[stack.pop()] = match.start()
    return pairs


def macro_paren_pairs(text: str) -> dict[int, int]:
    """Where each `(` is closed, in one pass; inside a Harlowe macro call, quoted strings are
    skipped (a quote never closed is read as a plain character)."""
    pairs: dict[int, int] = {}
    stack: list[tuple[int, bool]] = []
    in_macro, unclosed_quotes, position = 0, set(), 0
    while True:
        match = _PAREN_OR_QUOTE.search(text, position)
        if match is None:
            return pairs
        char, position = match.group(), match.end()
        if char in "\"'":
            if in_macro and char not in unclosed_quotes:
                end = _string_end(text, position, char)
                if end < 0:
                    unclosed_quotes.add(char)
                else:
                    position = end + 1
        elif char == "(":
            is_macro = _MACRO_OPENING.match(text, match.start()) is not None
            stack.append((match.start(), is_macro))
            in_macro += is_macro
        elif stack:
            start, is_macro = stack.pop()
            in_macro -= is_macro
            pairs[start] = match.start()


def _string_end(text: str, position: int, quote: str) -> int:
    end = text.find(quote, position)
    while end > 0 and text[end - 1] == "\\":
        end = text.find(quote, end + 1)
    return end


class Spans:
    """Stretches of the text already read as something. Within one reading pass, positions are
    asked in text order: `covers(position)` is true inside a stretch added by an earlier pass or
    earlier in this one."""

    def __init__(self):
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._pending: list[tuple[int, int]] = []
        self._pass_until = 0

    def add(self, start: int, end: int) -> None:
        self._pass_until = max(self._pass_until, end)
        self._pending.append((start, end))

    def new_pass(self) -> None:
        """Start a new reading pass: every stretch so far is merged for lookup."""
        merged: list[list[int]] = []
        for start, end in sorted([*zip(self._starts, self._ends), *self._pending]):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self._starts = [start for start, _end in merged]
        self._ends = [end for _start, end in merged]
        self._pending, self._pass_until = [], 0

    def covers(self, position: int) -> bool:
        if position < self._pass_until:
            return True
        index = bisect.bisect_right(self._starts, position) - 1
        return index >= 0 and position < self._ends[index]
