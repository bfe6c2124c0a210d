"""Story-format conditions and setters in the block's own terms: conditions become expressions
(`logic/expressions.py`), setters become effects; whatever they cannot say gives None.

Read: variables (`$gold`, `_temp`, Snowman `s.gold`, Chapbook `gold`), numbers, true/false,
comparisons (`is`, `is not`, `eq`, `neq`, `gt`, `gte`, `lt`, `lte`, `==`, `===`, `!=`, `!==`,
`<`, `<=`, `>`, `>=`), `and`/`&&`, `or`/`||`, `not`/`!`, parentheses, and visits: Harlowe
`(history:) contains "P"` and SugarCube `visited("P")`. Strings, `contains`, `it`, elided subjects
(`$x > 2 and < 5`) and any JavaScript beyond that are not read. SugarCube translates its words one
at a time, so its `is not` means "equals not ..." and is not read either.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spoc_xblocks.serious_game.logic.expressions import ExpressionError, parse_condition
from spoc_xblocks.serious_game.logic.model import Effect, Value

_TOKEN = re.compile(
    r"""(?P<space>\s+)
      | (?P<history>\(\s*history\s*:\s*\)\s+contains\s+(?P<hq>"[^"]*"|'[^']*'))
      | (?P<visited>visited\s*\(\s*(?P<vq>"[^"]*"|'[^']*')\s*\))
      | (?P<number>\d+(?:\.\d+)?)
      | (?P<var>(?:\$|window\.story\.state\.|story\.state\.|s\.)?[A-Za-z_][A-Za-z0-9_]*)
      | (?P<op>===|!==|==|!=|<=|>=|&&|\|\||[<>()!])""",
    re.VERBOSE,
)
_WORDS = {
    "and": "and",
    "or": "or",
    "not": "not",
    "true": "true",
    "false": "false",
    "is": "==",
    "eq": "==",
    "neq": "!=",
    "isnot": "!=",
    "gt": ">",
    "gte": ">=",
    "lt": "<",
    "lte": "<=",
}
_OPERATORS = {"===": "==", "!==": "!=", "&&": "and", "||": "or", "!": "not"}
_NOT_READ = frozenset(("it", "contains", "matches", "its", "to", "in", "a", "an", "def", "ndef"))
_VARIABLE_PREFIX = re.compile(r"^(?:\$|window\.story\.state\.|story\.state\.|s\.)")


def translate_condition(
    source: str, node_id_of: Callable[[str], str | None], story_format: str = ""
) -> str | None:
    """The condition as a block expression, or None when the block cannot say it.

    `node_id_of` gives the node id of a passage name (None when there is no such passage).
    """
    source = re.sub(r"\bis\s+not\b", "isnot" if story_format != "sugarcube" else "\0", source)
    pieces, position = [], 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None:
            return None
        position = match.end()
        kind, text = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind in ("history", "visited"):
            node_id = node_id_of(_unquote(match.group("hq") or match.group("vq")))
            if node_id is None:
                return None
            function = "visited" if kind == "history" else "visits"
            pieces.append(f'{function}("{node_id}")')
        elif kind == "number":
            pieces.append(text)
        elif kind == "op":
            pieces.append(_OPERATORS.get(text, text))
        elif text.lower() in _WORDS and not _VARIABLE_PREFIX.match(text):
            pieces.append(_WORDS[text.lower()])
        elif text in _NOT_READ:
            return None
        else:
            pieces.append(variable_name(text))
    expression = " ".join(pieces)
    try:
        parse_condition(expression)
    except ExpressionError:
        return None
    return expression


def condition_variables(expression: str) -> list[str]:
    """The variable names an expression made by `translate_condition` reads."""
    without_visits = re.sub(r'visit(?:ed|s)\("[^"]*"\)', " ", expression)
    names = re.findall(r"[A-Za-z_][A-Za-z0-9_]*", without_visits)
    return [name for name in names if name not in ("and", "or", "not", "true", "false")]


def variable_name(source_name: str) -> str:
    """`$gold`, `s.gold` or `gold` as the block's variable `gold`."""
    return _VARIABLE_PREFIX.sub("", source_name)


_SETTER = re.compile(
    r"""^\s*(?P<var>(?:\$|_|s\.)[A-Za-z_][A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*)\s*
        (?P<op>\bto\b|\+=|-=|=(?!=)|:)\s*(?P<value>.+?)\s*;?\s*$""",
    re.VERBOSE,
)
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def translate_setters(source: str) -> list[Effect] | None:
    """`$x to 1, $y to it + 2` (Harlowe), `$x to 1; $y += 2` (SugarCube), `s.x = 1` (Snowman) as
    effects, or None when one of them cannot be said."""
    effects = []
    for part in re.split(r"[;,]", source):
        if not part.strip():
            continue
        effect = _effect(part)
        if effect is None:
            return None
        effects.append(effect)
    return effects or None


def _effect(part: str) -> Effect | None:
    match = _SETTER.match(part)
    if match is None:
        return None
    name = variable_name(match.group("var"))
    operator, value = match.group("op"), match.group("value").strip()
    if operator in ("+=", "-="):
        number = _number(value)
        if number is None:
            return None
        return Effect(name, "add", number if operator == "+=" else -number)
    increment = re.match(
        rf"^(?:it|\$?{re.escape(name)}|s\.{re.escape(name)})\s*([+-])\s*(\d+(?:\.\d+)?)$", value
    )
    if increment:
        number = _number(increment.group(2))
        return Effect(name, "add", number if increment.group(1) == "+" else -number)
    constant = _constant(value)
    return None if constant is None else Effect(name, "set", constant)


def _constant(value: str) -> Value | None:
    if value in ("true", "false"):
        return value == "true"
    return _number(value)


def _number(value: str) -> int | float | None:
    if not _NUMBER.match(value):
        return None
    return float(value) if "." in value else int(value)


def _unquote(text: str) -> str:
    return text[1:-1]
