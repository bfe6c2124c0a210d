"""The serious game's messages: validator problems and engine errors, each a translatable
Message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spoc_xblocks.common.text import Message, TranslatableError

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
