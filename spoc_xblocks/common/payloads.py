"""Declared shapes of JSON payloads: each handler says what it accepts, everything else is
refused."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import ClassVar

from .numbers import Figure
from .text import Message, TranslatableError, _

# Databases store 64-bit integers; a larger id would reach the query as an OverflowError (a 500).
LARGEST_STORED_INTEGER = 2**63 - 1


class PayloadError(TranslatableError):
    """A payload that does not fit its shape."""


def _named(shape, name):
    """How a sentence names the value: by its setting's label when the shape has one, else by its
    key."""
    label = getattr(shape, "label", "")
    return Message(label) if label else name


def _out_of_range(shape, name):
    """The refusal of a number outside its range, which it states (an unbounded end is the largest
    number the database stores)."""
    low = -LARGEST_STORED_INTEGER if shape.minimum is None else shape.minimum
    high = LARGEST_STORED_INTEGER if shape.maximum is None else shape.maximum
    return PayloadError(
        _("'{name}' must be from {low} to {high}."),
        name=_named(shape, name),
        low=Figure(low),
        high=Figure(high),
    )


@dataclass(frozen=True)
class String:
    """Text of at most `max_length` characters (`trimmed`: not counting surrounding white space,
    for text that is stored trimmed)."""

    kinds: ClassVar[tuple] = (str,)

    max_length: int = 1000
    required: bool = True
    choices: tuple[str, ...] = ()
    default: str = ""
    label: str = ""
    trimmed: bool = False

    def clean(self, name, value):
        if not isinstance(value, str):
            raise PayloadError(_("'{name}' must be text."), name=_named(self, name))
        if len(value.strip() if self.trimmed else value) > self.max_length:
            raise PayloadError(
                _("'{name}' is longer than {limit} characters."),
                name=_named(self, name),
                limit=Figure(self.max_length),
            )
        if self.choices and value not in self.choices:
            raise PayloadError(
                _("'{name}' must be one of: {choices}."),
                name=_named(self, name),
                choices=", ".join(self.choices),
            )
        return value


@dataclass(frozen=True)
class Integer:
    kinds: ClassVar[tuple] = (int,)

    minimum: int | None = None
    maximum: int | None = None
    required: bool = True
    default: int | None = None
    label: str = ""

    def clean(self, name, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise PayloadError(_("'{name}' must be a whole number."), name=_named(self, name))
        if abs(value) > LARGEST_STORED_INTEGER:
            raise _out_of_range(self, name)
        below = self.minimum is not None and value < self.minimum
        if below or (self.maximum is not None and value > self.maximum):
            raise _out_of_range(self, name)
        return value


@dataclass(frozen=True)
class Number:
    """A JSON number (never a boolean, never infinite) within a range."""

    kinds: ClassVar[tuple] = (int, float)

    minimum: float
    maximum: float
    required: bool = True
    default: float | None = None
    label: str = ""

    def clean(self, name, value):
        if (
            isinstance(value, bool)
            or not isinstance(value, (int, float))
            or not math.isfinite(value)
        ):
            raise PayloadError(_("'{name}' must be a number."), name=_named(self, name))
        if not self.minimum <= value <= self.maximum:
            raise _out_of_range(self, name)
        return float(value)


@dataclass(frozen=True)
class Boolean:
    kinds: ClassVar[tuple] = (bool,)

    required: bool = True
    default: bool = False
    label: str = ""

    def clean(self, name, value):
        if not isinstance(value, bool):
            raise PayloadError(_("'{name}' must be true or false."), name=_named(self, name))
        return value


@dataclass(frozen=True)
class Moment:
    """A date and time as ISO 8601 text (a time without an offset is UTC), or empty: a UTC datetime
    or None."""

    kinds: ClassVar[tuple] = (str, datetime)

    required: bool = False
    default: None = None
    label: str = ""

    def clean(self, name, value):
        if isinstance(value, datetime):
            moment = value
        elif not isinstance(value, str):
            raise PayloadError(_("'{name}' must be a date and time."), name=_named(self, name))
        elif not value.strip():
            return None
        else:
            try:
                moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
            except ValueError as error:
                raise PayloadError(
                    _("'{name}' must be a date and time such as 2026-03-02T09:00:00Z."),
                    name=_named(self, name),
                ) from error
        return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Day:
    """A calendar day as ISO 8601 text (2026-03-02), or empty."""

    kinds: ClassVar[tuple] = (str,)

    required: bool = False
    default: str = ""
    label: str = ""

    def clean(self, name, value):
        if not isinstance(value, str):
            raise PayloadError(
                _("'{name}' must be a date such as 2026-03-02."), name=_named(self, name)
            )
        if not value.strip():
            return ""
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError as error:
            raise PayloadError(
                _("'{name}' must be a date such as 2026-03-02."), name=_named(self, name)
            ) from error


@dataclass(frozen=True)
class ListOf:
    """A JSON array of at most `max_items` values, each fitting the `item` shape."""

    kinds: ClassVar[tuple] = (list,)

    item: object
    max_items: int = 100
    required: bool = True
    default: tuple = ()

    def clean(self, name, value):
        if not isinstance(value, list):
            raise PayloadError(_("'{name}' must be a list."), name=name)
        if len(value) > self.max_items:
            raise PayloadError(
                _("'{name}' has more than {limit} items."), name=name, limit=Figure(self.max_items)
            )
        return [self.item.clean(name, item) for item in value]


@dataclass(frozen=True)
class MapOf:
    """A JSON object of at most `max_items` entries: keys fit `key` (a String shape), values fit
    `value`."""

    kinds: ClassVar[tuple] = (dict,)

    key: String
    value: object
    max_items: int = 100
    required: bool = True
    default: None = None

    def clean(self, name, value):
        if not isinstance(value, dict):
            raise PayloadError(_("'{name}' must be an object."), name=name)
        if len(value) > self.max_items:
            raise PayloadError(
                _("'{name}' has more than {limit} entries."),
                name=name,
                limit=Figure(self.max_items),
            )
        cleaned = {}
        for key, item in value.items():
            key = self.key.clean(name, key)
            cleaned[key] = self.value.clean(f"{name}.{key}", item)
        return cleaned


@dataclass(frozen=True)
class AnyOf:
    """A value fitting one of several shapes, tried in order (a number, a text or a list, say)."""

    options: tuple
    required: bool = True
    default: object = None

    def clean(self, name, value):
        refusal = None
        for option in self.options:
            try:
                return option.clean(name, value)
            except PayloadError as error:
                if refusal is None and _is_kind(value, getattr(option, "kinds", ())):
                    refusal = error
        # The first option that takes this kind of value says what is wrong with it (too long,
        # out of range), rather than a sentence that fits every case and explains none.
        raise refusal or PayloadError(_("'{name}' is not of an accepted type."), name=name)


def _is_kind(value, kinds: tuple) -> bool:
    """Whether `value` is of one of the JSON kinds (bool is not a number here, as in JSON)."""
    return isinstance(value, kinds) and (bool in kinds) == isinstance(value, bool)


def clean_payload(shape: dict, payload) -> dict:
    """Check a decoded JSON payload against a shape; return the cleaned values or raise
    PayloadError."""
    if not isinstance(payload, dict):
        raise PayloadError(_("The request must be a JSON object."))
    unknown = sorted(set(payload) - set(shape))
    if unknown:
        raise PayloadError(_("Unexpected field '{name}'."), name=str(unknown[0])[:50])
    cleaned = {}
    for name, field in shape.items():
        if name not in payload or payload[name] is None:
            if field.required:
                raise PayloadError(_("'{name}' is required."), field=name, name=_named(field, name))
            cleaned[name] = field.default
            continue
        try:
            cleaned[name] = field.clean(name, payload[name])
        except PayloadError as error:
            error.field = error.field or name
            raise
    return cleaned


@dataclass(frozen=True)
class Object:
    """A JSON object with its own declared shape (unknown fields refused, as for a whole
    payload)."""

    kinds: ClassVar[tuple] = (dict,)

    shape: dict
    required: bool = True
    default: None = None

    def clean(self, name, value):
        if not isinstance(value, dict):
            raise PayloadError(_("'{name}' must be an object."), name=name)
        return clean_payload(self.shape, value)


def id_from_suffix(suffix: str) -> int | None:
    """The positive row id a handler URL ends with (`download_file/12`), or None for anything else.

    Only ASCII digits count: `str.isdigit` also accepts "²" or "١", which `int` refuses or reads,
    and a number past 64 bits would reach the database as an OverflowError.
    """
    text = suffix.strip("/")
    if not (text.isascii() and text.isdigit()):
        return None
    value = int(text[-20:]) if len(text) <= 20 else 0
    return value if 0 < value <= LARGEST_STORED_INTEGER else None
