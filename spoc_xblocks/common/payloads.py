"""Declared shapes of JSON payloads: each handler says what it accepts, everything else is refused."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .text import _


class PayloadError(ValueError):
    """A payload that does not fit its shape; `message` is a translatable template, `params` fill it."""

    def __init__(self, message: str, **params):
        super().__init__(message)
        self.message = message
        self.params = params

    def text(self, gettext=lambda s: s) -> str:
        return gettext(self.message).format(**self.params)


@dataclass(frozen=True)
class String:
    max_length: int = 1000
    required: bool = True
    choices: tuple[str, ...] = ()
    default: str = ""

    def clean(self, name, value):
        if not isinstance(value, str):
            raise PayloadError(_("'{name}' must be text."), name=name)
        if len(value) > self.max_length:
            raise PayloadError(_("'{name}' is longer than {limit} characters."), name=name, limit=self.max_length)
        if self.choices and value not in self.choices:
            raise PayloadError(_("'{name}' must be one of: {choices}."), name=name, choices=", ".join(self.choices))
        return value


@dataclass(frozen=True)
class Integer:
    minimum: int | None = None
    maximum: int | None = None
    required: bool = True
    default: int | None = None

    def clean(self, name, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise PayloadError(_("'{name}' must be a whole number."), name=name)
        if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
            raise PayloadError(_("'{name}' is out of range."), name=name)
        return value


@dataclass(frozen=True)
class Number:
    """A JSON number (never a boolean, never infinite) within a range."""

    minimum: float
    maximum: float
    required: bool = True
    default: float | None = None

    def clean(self, name, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise PayloadError(_("'{name}' must be a number."), name=name)
        if not self.minimum <= value <= self.maximum:
            raise PayloadError(_("'{name}' is out of range."), name=name)
        return float(value)


@dataclass(frozen=True)
class Boolean:
    required: bool = True
    default: bool = False

    def clean(self, name, value):
        if not isinstance(value, bool):
            raise PayloadError(_("'{name}' must be true or false."), name=name)
        return value


def clean_payload(shape: dict, payload) -> dict:
    """Check a decoded JSON payload against a shape; return the cleaned values or raise PayloadError."""
    if not isinstance(payload, dict):
        raise PayloadError(_("The request must be a JSON object."))
    unknown = sorted(set(payload) - set(shape))
    if unknown:
        raise PayloadError(_("Unexpected field '{name}'."), name=str(unknown[0])[:50])
    cleaned = {}
    for name, field in shape.items():
        if name not in payload or payload[name] is None:
            if field.required:
                raise PayloadError(_("'{name}' is required."), name=name)
            cleaned[name] = field.default
            continue
        cleaned[name] = field.clean(name, payload[name])
    return cleaned
