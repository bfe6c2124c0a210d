"""Translatable messages: validator problems and engine errors, kept as a template plus parameters.

The template is marked with `_()` so Babel extracts it; the block translates the template with the
runtime's i18n service first and formats it afterwards (`text(gettext)`), so translators see one
sentence with named placeholders.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

ERROR = "error"
WARNING = "warning"
INFO = "info"
Level = Literal["error", "warning", "info"]

Gettext = Callable[[str], str]


def _untranslated(message: str) -> str:
    return message


def render(message: str, params: dict, gettext: Gettext = _untranslated) -> str:
    """Translate `message`, then fill its placeholders; parameters that are messages themselves are translated too."""
    filled = {name: value.text(gettext) if hasattr(value, "text") else value for name, value in params.items()}
    return gettext(message).format(**filled)


@dataclass(frozen=True)
class Problem:
    """One finding of the validator. `code` is stable (tests and the editor key on it); `message` is a template."""

    level: Level
    code: str
    message: str
    params: dict = field(default_factory=dict)
    node_id: str | None = None
    choice_id: str | None = None

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def text(self, gettext: Gettext = _untranslated) -> str:
        return render(self.message, self.params, gettext)


class TranslatableError(Exception):
    """An error whose message is a translatable template with named parameters."""

    def __init__(self, message: str, **params):
        self.message = message
        self.params = params
        super().__init__(render(message, params))

    def text(self, gettext: Gettext = _untranslated) -> str:
        return render(self.message, self.params, gettext)


class EngineError(TranslatableError):
    """A step the engine refuses (unknown or unavailable choice, finished run, edited scenario).

    `code` lets the block react (for example restart a run whose node was deleted) without parsing text.
    """

    def __init__(self, message: str, *, code: str, **params):
        self.code = code
        super().__init__(message, **params)


def problem(level: Level, code: str, message: str, node_id: str | None = None, choice_id: str | None = None, **params):
    """A Problem; `params` fill the template's placeholders."""
    return Problem(level, code, message, params, node_id, choice_id)
