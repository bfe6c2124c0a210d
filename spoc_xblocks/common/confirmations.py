"""Consequential actions ask first: without `confirmed`, a handler answers what the action would do
and to whom, and changes nothing; the person's browser shows it and sends again once confirmed."""

from __future__ import annotations

from collections.abc import Iterable

from .payloads import Boolean

# Added to the shape of a handler that asks first.
CONFIRMED = {"confirmed": Boolean(required=False, default=False)}


def ask_first(question: str, action: str, affected: Iterable[str] = ()) -> dict:
    """The answer that asks: `question` says what will happen (with counts), `action` labels the
    button that does it, `affected` names who or what it touches."""
    return {"confirm": {"question": question, "action": action, "affected": list(affected)}}
