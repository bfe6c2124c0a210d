"""The serious game's messages: validator problems and engine errors, each a translatable
Message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spoc_xblocks.common.text import Message, TranslatableError, _

ERROR = "error"
WARNING = "warning"
INFO = "info"
Level = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem(Message):
    """One finding of the validator: a Message whose `code` is stable (tests and the editor key on
    it), with its level and the node and choice it concerns."""

    level: Level = ERROR
    node_id: str | None = None
    choice_id: str | None = None

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


# A choice in a sentence: its position in its node, then the start of its text.
CHOICE_WITH_TEXT = _("{position} (“{text}”)")
CHOICE_TEXT_SHOWN = 40


def choice_where(node_id: str, position: int, choice) -> dict:
    """Where a problem of a choice is: ids for the editor, and for the sentence (`choice`) the
    choice as the author sees it, by its position in the node and the start of its text."""
    text = " ".join(choice.text.split())
    if len(text) > CHOICE_TEXT_SHOWN:
        text = text[:CHOICE_TEXT_SHOWN].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    named = Message(CHOICE_WITH_TEXT, {"position": position, "text": text}) if text else position
    return {"node_id": node_id, "choice_id": choice.id, "node": node_id, "choice": named}


class EngineError(TranslatableError):
    """A step the engine refuses (unknown or unavailable choice, finished run, edited scenario).

    `code` lets the block react (for example restart a run whose node was deleted) without parsing
    text.
    """

    def __init__(self, message: str, *, code: str, **params):
        super().__init__(message, code=code, **params)


def problem(
    level: Level,
    code: str,
    message: str,
    node_id: str | None = None,
    choice_id: str | None = None,
    **params,
) -> Problem:
    """A Problem; `params` fill the template's placeholders."""
    return Problem(message, params, code, level, node_id, choice_id)
