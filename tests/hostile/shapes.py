"""Hypothesis strategies built from a handler's declared payload shape: values that fit it, then mutants.

`fitting(shape, tokens)` draws payloads the shape accepts (strings often taken from `tokens`, the ids the
block knows), so many requests get past the shape check into the handler's own code. `mutated(...)` takes
such a payload and breaks it in one place: a key dropped or added, a value of the wrong type, too long,
null, nested, out of range.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

from hypothesis import strategies as st

from spoc_xblocks.common import payloads

from .values import any_json, awkward_text, wrong_type_values

SMALL_IDS = st.integers(min_value=1, max_value=40)
HUGE_INTS = st.sampled_from([2**31, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1])


def _text(shape: payloads.String, tokens: list[str]):
    if shape.choices:
        return st.sampled_from(shape.choices)
    fitting_tokens = [token for token in tokens if len(token) <= shape.max_length]
    options = [awkward_text(max_size=min(shape.max_length, 60))]
    if fitting_tokens:
        options.insert(0, st.sampled_from(fitting_tokens))
    if shape.max_length <= 5000:
        options.append(st.sampled_from(["x" * shape.max_length, "é" * shape.max_length]))
    return st.one_of(*options)


def _integer(shape: payloads.Integer):
    low, high = shape.minimum, shape.maximum
    in_bounds = [value for value in (low, high) if value is not None]
    options = [st.integers(min_value=low, max_value=high)]
    if low is not None and low >= 0 and (high is None or high > 40):
        options.insert(0, SMALL_IDS.filter(lambda value: value >= low))
    if in_bounds:
        options.append(st.sampled_from(in_bounds))
    if high is None:
        options.append(HUGE_INTS.filter(lambda value: low is None or value >= low))
    return st.one_of(*options)


def fitting_value(shape, tokens: list[str]):
    """Values that `shape.clean` accepts (the fuzzer's job is to check that claim too)."""
    if isinstance(shape, payloads.String):
        return _text(shape, tokens)
    if isinstance(shape, payloads.Integer):
        return _integer(shape)
    if isinstance(shape, payloads.Number):
        bounds = st.sampled_from([shape.minimum, shape.maximum])
        return st.one_of(
            st.floats(shape.minimum, shape.maximum, allow_nan=False),
            bounds,
            st.integers(math.ceil(shape.minimum), math.floor(shape.maximum)),
        )
    if isinstance(shape, payloads.Boolean):
        return st.booleans()
    if isinstance(shape, payloads.Moment):  # a time with or without its offset (then UTC), or empty
        moments = st.datetimes(timezones=st.sampled_from([None, UTC]))
        return st.one_of(st.just(""), moments.map(datetime.isoformat))
    if isinstance(shape, payloads.Day):
        return st.one_of(st.just(""), st.dates().map(date.isoformat))
    if isinstance(shape, payloads.ListOf):
        return st.lists(fitting_value(shape.item, tokens), max_size=min(shape.max_items, 4))
    if isinstance(shape, payloads.MapOf):
        return st.dictionaries(
            fitting_value(shape.key, tokens),
            fitting_value(shape.value, tokens),
            max_size=min(shape.max_items, 4),
        )
    if isinstance(shape, payloads.AnyOf):
        return st.one_of(*[fitting_value(option, tokens) for option in shape.options])
    if isinstance(shape, payloads.Object):
        return fitting(shape.shape, tokens)
    raise TypeError(
        f"tests/hostile/shapes.py cannot build values for {type(shape).__name__}: teach it this shape"
    )


def fitting(shape: dict, tokens: list[str]):
    """Payloads that fit `shape`: every required key, some optional ones, sometimes an explicit null for those."""
    required = {
        name: fitting_value(field, tokens) for name, field in shape.items() if field.required
    }
    optional = {
        name: st.one_of(fitting_value(field, tokens), st.none())
        for name, field in shape.items()
        if not field.required
    }
    return st.fixed_dictionaries(required, optional=optional)


def _too_long(field):
    if isinstance(field, payloads.String):
        return st.just("y" * (field.max_length + 1))
    if isinstance(field, payloads.ListOf):
        return st.just([None] * (field.max_items + 1))
    if isinstance(field, payloads.MapOf):
        return st.just({f"k{index}": None for index in range(field.max_items + 1)})
    return wrong_type_values()


@st.composite
def mutated(draw, shape: dict, tokens: list[str]):
    """A fitting payload broken in one place, or nested inside something else."""
    payload = draw(fitting(shape, tokens))
    names = sorted(shape)
    how = draw(
        st.sampled_from(["drop", "add", "wrong type", "too long", "null", "nest", "wrap", "any"])
    )
    if how == "add" or not names:
        payload[
            draw(
                st.one_of(
                    st.sampled_from(["__proto__", "constructor", "", "id", "user_id"]), st.text()
                )
            )
        ] = draw(any_json())
        return payload
    name = draw(st.sampled_from(names))
    if how == "drop":
        payload.pop(name, None)
    elif how == "wrong type":
        payload[name] = draw(wrong_type_values())
    elif how == "too long":
        payload[name] = draw(_too_long(shape[name]))
    elif how == "null":
        payload[name] = None
    elif how == "nest":
        payload[name] = draw(st.sampled_from([[payload.get(name)], {"value": payload.get(name)}]))
    elif how == "wrap":
        return draw(st.sampled_from([[payload], {"data": payload}, {"payload": payload}]))
    else:
        payload[name] = draw(any_json())
    return payload
