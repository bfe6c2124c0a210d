"""A scenario's values as the OLX writes them: true, false, an integer or a decimal (read by the
OLX reader and by the Studio form's model alike)."""

from __future__ import annotations

import math
import re

from .model import Value

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def number_of(text: str) -> int | float:
    """The number a text writes; ValueError when it is none (or an integer too long to read)."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and math.isfinite(float(text)):
        return float(text)
    raise ValueError(text)


def value_of(text: str) -> Value:
    """The value an OLX text stands for; ValueError when it is not true, false or a number."""
    if text in ("true", "false"):
        return text == "true"
    return number_of(text)


def value_text(value: Value) -> str:
    """A value as the OLX writes it: true/false, an integer, or a decimal as Python prints it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return repr(float(value))
