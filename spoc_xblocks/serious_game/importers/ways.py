"""What the Twine navigation readers hand over: ways on, condition scopes, and the helpers every
story format's reader shares."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from spoc_xblocks.serious_game.importers.scanning import Spans

BACK = "\0back"  # the target of a Chapbook back link until the passage's predecessor is known
STRING = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")
RESTART = re.compile(
    r"\((?:restart|reload):\)|Engine\.restart\(\)|UI\.restart\(\)|<<restart>>", re.IGNORECASE
)


@dataclass(frozen=True)
class Navigation:
    """One way on: its label, target passage, span in the passage text, the construct that made
    it, the setters it runs and the condition scopes around it (innermost last)."""

    label: str
    target: str
    start: int
    end: int
    construct: str
    setters: tuple[str, ...] = ()
    automatic: bool = False
    restart: bool = False
    dynamic: bool = False  # the target is an expression the importer cannot follow
    conditions: tuple[Scope, ...] = ()


@dataclass(frozen=True)
class Scope:
    """A stretch of the passage shown only when `source` holds and every `negated` one fails
    (the earlier branches of an else chain)."""

    start: int
    end: int
    construct: str
    source: str | None
    negated: tuple[str, ...] = ()


@dataclass
class PassageCode:
    """What the navigation reader found in a passage: its ways on and its condition scopes."""

    navigations: list[Navigation] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)


def add_way(
    code: PassageCode,
    taken: Spans | None,
    label: str | None,
    target: str | None,
    start: int,
    end: int,
    construct: str,
    setters=(),
    automatic: bool = False,
    restart: bool = False,
) -> None:
    """Record a way on (and, with `taken`, the stretch it covers)."""
    if taken is not None:
        taken.add(start, end)
    code.navigations.append(
        Navigation(
            label=html.unescape(label or target or ""),
            target=target or "",
            start=start,
            end=end,
            construct=construct,
            setters=tuple(setters),
            automatic=automatic,
            restart=restart,
            dynamic=not restart and not target,
        )
    )


def quoted_strings(arguments: str) -> list[str | None]:
    """Each comma-separated argument: its text when it is one quoted string, else None."""
    values = []
    for part in _split_arguments(arguments):
        match = STRING.fullmatch(part.strip())
        values.append(unescape_string(match) if match else None)
    return values


def _split_arguments(arguments: str) -> list[str]:
    parts, depth, quote, current = [], 0, None, []
    for char in arguments:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part for part in parts if part.strip()]


def unescape_string(match: re.Match) -> str:
    value = match.group(1) if match.group(1) is not None else match.group(2)
    return re.sub(r"\\(.)", r"\1", value)


def close_branch(branch: dict, end: int, code: PassageCode) -> None:
    code.scopes.append(
        Scope(branch["start"], end, branch["kind"], branch["source"], tuple(branch["chain"]))
    )
