"""Matching what a learner types into a simulated field against the answers an input step knows.

Four ways to match, all ignoring spaces around the text:

- `exact`: the same text;
- `loose`: the same text once case and every space are ignored ("ac - 1042" matches "AC-1042");
- `number`: a number within `tolerance` of the value; a comma may stand for the decimal point,
  spaces and a currency sign (€, $, £) around the number are ignored;
- `pattern`: a safe pattern, compared case-insensitively: `#` is one digit, `?` one character, `*`
  any run of characters (maybe none), `\\` makes the next character literal; every other character
  stands for itself. There is no alternation, grouping or repetition of groups, so matching takes
  at most len(pattern) x len(text) steps: no pattern can make it backtrack for ever.
"""

from __future__ import annotations

import math
import re

from .model import Answer

MAX_TYPED_LENGTH = 200
MAX_PATTERN_LENGTH = 100
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
_CURRENCY = "€$£"
_SPACES = re.compile(r"\s+")


def loose(text: str) -> str:
    return _SPACES.sub("", text).casefold()


def typed_number(text: str) -> float | None:
    """The number the learner typed ("42,50 €", "-3", " 1.5 "), or None."""
    cleaned = _SPACES.sub("", text).strip(_CURRENCY)
    if len(cleaned) > 40 or not _NUMBER.fullmatch(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def pattern_pieces(pattern: str) -> list[str] | None:
    """The pattern in pieces: "#", "?", "*" or a one-character literal after "="; None when
    the pattern is malformed (a lone trailing backslash, too long)."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        return None
    pieces, escaped = [], False
    for character in pattern:
        if escaped:
            pieces.append("=" + character.casefold())
            escaped = False
        elif character == "\\":
            escaped = True
        elif character in "#?*":
            if not (character == "*" and pieces[-1:] == ["*"]):
                pieces.append(character)
        else:
            pieces.append("=" + character.casefold())
    return None if escaped else pieces


def _piece_matches(piece: str, character: str) -> bool:
    if piece == "?":
        return True
    if piece == "#":
        return character in "0123456789"
    return piece[1:] == character


def pattern_matches(pattern: str, text: str) -> bool:
    """Whether `text` matches the safe pattern (False for a malformed pattern).

    The classic wildcard walk: on a mismatch, go back to the last `*` and let it swallow one more
    character; each `*` is resumed at most len(text) times, so the cost is bounded.
    """
    pieces = pattern_pieces(pattern)
    if pieces is None:
        return False
    text = text.casefold()
    piece_at = text_at = 0
    star_piece, star_text = -1, 0
    while text_at < len(text):
        if piece_at < len(pieces) and pieces[piece_at] == "*":
            star_piece, star_text = piece_at, text_at
            piece_at += 1
        elif piece_at < len(pieces) and _piece_matches(pieces[piece_at], text[text_at]):
            piece_at += 1
            text_at += 1
        elif star_piece >= 0:
            star_text += 1
            piece_at, text_at = star_piece + 1, star_text
        else:
            return False
    return all(piece == "*" for piece in pieces[piece_at:])


def answer_matches(answer: Answer, typed: str) -> bool:
    typed = typed.strip()
    if answer.match == "exact":
        return typed == answer.value.strip()
    if answer.match == "loose":
        return loose(typed) == loose(answer.value)
    if answer.match == "number":
        number, expected = typed_number(typed), typed_number(answer.value)
        if number is None or expected is None:
            return False
        return math.fabs(number - expected) <= answer.tolerance + 1e-9
    if answer.match == "pattern":
        return pattern_matches(answer.value.strip(), typed)
    return False


def matching_answer(answers: tuple[Answer, ...], typed: str) -> Answer | None:
    """The first answer, in authored order, that the typed text matches."""
    if len(typed) > MAX_TYPED_LENGTH:
        return None
    return next((answer for answer in answers if answer_matches(answer, typed)), None)
