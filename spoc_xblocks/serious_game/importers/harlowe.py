"""Harlowe 3 ways on: `(link-goto:)`, `(link-reveal-goto:)`, `(click-goto:)`, automatic
`(go-to:)`/`(redirect:)`, and link hooks (`(link:)`, `(click:)`...) holding `(go-to:)` or
`(restart:)` and `(set:)`; condition hooks `(if:)`, `(unless:)`, `(else-if:)`, `(else:)`. Macro
names ignore case, `-` and `_`."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spoc_xblocks.serious_game.importers.scanning import Spans, bracket_pairs, macro_paren_pairs
from spoc_xblocks.serious_game.importers.ways import (
    RESTART,
    PassageCode,
    Scope,
    add_way,
    quoted_strings,
)

_HARLOWE_MACRO = re.compile(r"\(([A-Za-z][\w-]*):")
_SPACES = re.compile(r"[ \t]*")
_LINK_HOOK_MACROS = ("link", "linkreveal", "linkrepeat", "linkrerun", "click")
_IF_MACROS = ("if", "unless", "elseif", "else")
_NAMES = {
    "linkgoto": "link-goto",
    "linkrevealgoto": "link-reveal-goto",
    "goto": "go-to",
    "linkreveal": "link-reveal",
    "linkrepeat": "link-repeat",
    "linkrerun": "link-rerun",
    "elseif": "else-if",
}


def normal_macro_name(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "")


def harlowe_label(name: str) -> str:
    """How the report writes a macro of that normal name: `(else-if:)`, `(set:)`."""
    return f"({_NAMES.get(name, name)}:)"


@dataclass(frozen=True)
class MacroCall:
    """A Harlowe macro call: normal name, argument source, span, and the attached hook's span."""

    name: str
    arguments: str
    start: int
    end: int
    hook: tuple[int, int] | None


def harlowe_calls(text: str) -> list[MacroCall]:
    """Every Harlowe macro call of the text, in order, nested ones included."""
    parens, brackets = macro_paren_pairs(text), bracket_pairs(text)
    calls = []
    for match in _HARLOWE_MACRO.finditer(text):
        close = parens.get(match.start())
        if close is None:
            continue
        hook = None
        after = close + 1
        spaces = _SPACES.match(text, after).end() - after
        opening = text[after + spaces : after + spaces + 3]
        # `[[x]]` right after a macro is a link; `[[[x]]]` a hook holding one
        if opening.startswith("[") and (not opening.startswith("[[") or opening == "[[["):
            hook_close = brackets.get(after + spaces)
            if hook_close is not None:
                hook = (after + spaces, hook_close + 1)
        calls.append(
            MacroCall(
                normal_macro_name(match.group(1)),
                text[match.end() : close],
                match.start(),
                close + 1,
                hook,
            )
        )
    return calls


def calls_within(calls: list[MacroCall], start: int, end: int) -> list[MacroCall]:
    """The calls (sorted by start) that begin inside `start:end`."""
    starts = [call.start for call in calls]
    return calls[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def read_harlowe(text: str, code: PassageCode, taken: Spans) -> None:
    calls = harlowe_calls(text)
    link_hooks = Spans()
    for call in calls:
        if call.hook and call.name in _LINK_HOOK_MACROS:
            link_hooks.add(call.start, call.hook[1])
    link_hooks.new_pass()
    previous: list[str] | None = None  # the conditions of the current else chain
    last_hook_end = -1
    for call in calls:
        if taken.covers(call.start):
            continue
        name, hook = call.name, call.hook
        if name in _IF_MACROS and hook:
            follows = not text[last_hook_end : call.start].strip()
            chain = previous if name in ("elseif", "else") and previous and follows else []
            source = None if name == "else" else call.arguments.strip()
            if name == "unless":
                source = f"not ({source})"
            code.scopes.append(Scope(hook[0], hook[1], harlowe_label(name), source, tuple(chain)))
            previous = chain + [source] if source is not None else None
            last_hook_end = hook[1]
            continue
        args = quoted_strings(call.arguments)
        if name in ("linkgoto", "linkrevealgoto"):
            label = args[0] if args else None
            target = args[1] if len(args) > 1 else label
            reveal = name == "linkrevealgoto" and hook is not None
            end = hook[1] if reveal else call.end
            setters = _hook_setters(calls, hook) if reveal else ()
            add_way(code, taken, label, target, call.start, end, f"({_NAMES[name]}:)", setters)
        elif name == "clickgoto":
            label = args[0] if args and args[0] is not None else call.arguments.split(",")[0]
            target = args[1] if len(args) > 1 else None
            add_way(code, taken, label.strip(), target, call.start, call.end, "(click-goto:)")
        elif name in _LINK_HOOK_MACROS and hook:
            _hook_link(text, code, taken, calls, call, args)
        elif name in ("goto", "redirect") and not link_hooks.covers(call.start):
            target = args[0] if args else None
            construct = f"({_NAMES.get(name, name)}:)"
            add_way(code, taken, target, target, call.start, call.end, construct, automatic=True)


def _hook_link(text, code, taken, calls, call: MacroCall, args) -> None:
    inside = calls_within(calls, call.hook[0], call.hook[1])
    goto = next((inner for inner in inside if inner.name in ("goto", "redirect")), None)
    label = args[0] if args and args[0] is not None else call.arguments.split(",")[0].strip()
    macro = "click" if call.name == "click" else _NAMES.get(call.name, call.name)
    if goto is not None:
        targets = quoted_strings(goto.arguments)
        target = targets[0] if targets else None
        setters = _hook_setters(calls, call.hook)
        add_way(
            code, taken, label, target, call.start, call.hook[1], f"({macro}:)[(go-to:)]", setters
        )
    elif RESTART.search(text, call.hook[0], call.hook[1]):
        construct = f"({macro}:)[(restart:)]"
        add_way(code, taken, label, "", call.start, call.hook[1], construct, restart=True)


def _hook_setters(calls: list[MacroCall], hook) -> tuple[str, ...]:
    if hook is None:
        return ()
    return tuple(
        inner.arguments for inner in calls_within(calls, hook[0], hook[1]) if inner.name == "set"
    )
