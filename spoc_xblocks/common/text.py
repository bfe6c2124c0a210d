"""Translatable sentences, for code that must not import Django or XBlock.

`_()` marks a template for extraction. A `Message` keeps the template with its named values (and a
stable `code`) until a viewer's gettext renders it: translators see one sentence with named
placeholders, and a value that is a message itself (or an error carrying one) is translated too. A
`TranslatableError` raises one: `str(error)` is the English sentence, `error.text(gettext)` the
viewer's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

Gettext = Callable[[str], str]


def _(message: str) -> str:
    """Mark `message` for extraction; the caller translates it with the runtime's i18n service."""
    return message


def untranslated(message: str) -> str:
    return message


@dataclass(frozen=True)
class Message:
    """A sentence to translate later: a template marked with `_()`, its values, and a stable
    code."""

    template: str
    params: Mapping[str, object] = field(default_factory=dict)
    code: str = ""

    def text(self, gettext: Gettext = untranslated) -> str:
        filled = {
            name: value.text(gettext) if _translatable(value) else value
            for name, value in self.params.items()
        }
        return gettext(self.template).format(**filled)


def _translatable(value) -> bool:
    """A message, an error carrying one, or a figure (`numbers.Figure`): a value written in the
    viewer's language."""
    return callable(getattr(value, "text", None)) and not isinstance(value, str)


class TranslatableError(ValueError):
    """An error whose sentence is a Message (given as a template and its values, or as a Message).

    `field` names the input the error is about, when there is one: the browser shows the sentence
    next to it.
    """

    def __init__(self, template: str | Message, *, code: str = "", field: str = "", **params):
        self.message = (
            template if isinstance(template, Message) else Message(template, params, code)
        )
        self.field = field
        super().__init__(self.message.text())

    @property
    def params(self) -> Mapping[str, object]:
        return self.message.params

    @property
    def code(self) -> str:
        return self.message.code

    def text(self, gettext: Gettext = untranslated) -> str:
        return self.message.text(gettext)
