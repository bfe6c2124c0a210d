"""What an importer hands back: the scenario, translatable notes on what was not converted, and its
errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from spoc_xblocks.common.text import Message, TranslatableError, _
from spoc_xblocks.serious_game.logic.model import Scenario

MAX_IMPORT_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class ImportNote(Message):
    """One thing the importer could not convert faithfully, with a stable `code`."""


def note(code: str, template: str, params: dict | None = None) -> ImportNote:
    return ImportNote(template, params or {}, code)


@dataclass
class ImportResult:
    """An imported scenario, the notes of its fidelity report, and the grading mode the source
    implies."""

    scenario: Scenario
    notes: list[ImportNote] = field(default_factory=list)
    grading_mode: str | None = None

    def note_codes(self) -> list[str]:
        return [note.code for note in self.notes]


class ScenarioImportError(TranslatableError):
    """The input cannot be imported at all."""

    def __init__(self, template: str, params: dict | None = None):
        super().__init__(Message(template, params or {}))


def check_size(data: str | bytes, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The input as bytes, refused when it is over `limit`."""
    try:
        raw = data.encode("utf-8") if isinstance(data, str) else data
    except UnicodeEncodeError as exc:  # a lone surrogate, which no UTF-8 file can hold
        raise ScenarioImportError(
            _("The file is not UTF-8 text (byte {position} cannot be read)."),
            {"position": exc.start},
        ) from exc
    if len(raw) > limit:
        raise ScenarioImportError(
            _("The file is {size} bytes long; the limit is {limit} bytes."),
            {"size": len(raw), "limit": limit},
        )
    return raw


def read_text(data: str | bytes, limit: int = MAX_IMPORT_BYTES) -> str:
    """The input as text: refused over `limit` bytes; bytes must be UTF-8 (a byte-order mark is
    dropped)."""
    raw = check_size(data, limit)
    if isinstance(data, str):
        return data
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScenarioImportError(
            _("The file is not UTF-8 text (byte {position} cannot be read)."),
            {"position": exc.start},
        ) from exc
