"""Every way a Twine 2 passage moves the reader on, in the four story formats, with the conditions
around it and the setters it runs.

- All formats: `[[links]]` (with SugarCube setters `[[text|P][$x to 1]]`) and HTML
  `<a data-passage="P">` or `<button data-passage="P">` (SugarCube also reads `data-setter`).
- Harlowe 3: `(link-goto:)`, `(link-reveal-goto:)`, `(click-goto:)`, `(go-to:)`/`(redirect:)`
  (automatic), and `(link:)`, `(link-reveal:)`, `(link-repeat:)`, `(link-rerun:)` or `(click:)`
  hooks holding `(go-to:)` or `(restart:)` and `(set:)`; conditions `(if:)`, `(unless:)`,
  `(else-if:)`, `(else:)`.
- SugarCube 2: `<<link>>` and `<<button>>` (argument or `[[...]]` form, body with `<<goto>>`,
  `<<set>>` or `Engine.restart()`), `<<goto>>` (automatic), `<<actions>>`, `<<choice>>`;
  conditions `<<if>>`, `<<elseif>>`, `<<else>>`.
- Chapbook: `{link to: 'P', label: 'text'}`, `{back link}` (to the one passage linking here),
  `{restart link}`; conditions `[if ...]`, `[unless ...]`, `[else]`, ended by `[continue]`.
- Snowman 2: conditions `<% if (...) { %>`, `<% } else if (...) { %>`, `<% } else { %>`.

Macro names ignore case, `-` and `_`, as in Harlowe. A target that is not a quoted string (a
variable, an expression) cannot be followed and is reported by the caller. Harlowe and SugarCube
are read by their own modules; Chapbook, Snowman and HTML links here.
"""

from __future__ import annotations

import heapq
import html
import re
from dataclasses import replace

from spoc_xblocks.serious_game.importers.harlowe import read_harlowe
from spoc_xblocks.serious_game.importers.links import find_links
from spoc_xblocks.serious_game.importers.scanning import Spans, paired
from spoc_xblocks.serious_game.importers.sugarcube import read_sugarcube
from spoc_xblocks.serious_game.importers.ways import (
    BACK,
    STRING,
    Navigation,
    PassageCode,
    Scope,
    add_way,
    close_branch,
    unescape_string,
)

_CHAPBOOK_INSERT = re.compile(r"\{(link to|back link|restart link)(?=\s*[:,}])")
_CLOSING_BRACE = re.compile(r"\}")
_CHAPBOOK_MODIFIER = re.compile(r"^\[(if|unless|else|continue|cont'd|cont|continued)\b(.*)\]\s*$")
_SNOWMAN_OPEN = re.compile(r"<%(?![=-])")
_SNOWMAN_CLOSE = re.compile(r"%>")
_HTML_OPEN = {
    name: re.compile(rf"<{name}\b([^<>]{{0,2000}})>", re.IGNORECASE)
    for name in ("a", "button", "area")
}
_HTML_CLOSE = {
    name: re.compile(rf"</{name}\s*>", re.IGNORECASE) for name in ("a", "button", "area")
}
_DATA_PASSAGE = re.compile(r"\bdata-passage\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
_DATA_SETTER = re.compile(r"\bdata-setter\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)


def read_passage(text: str, story_format: str = "") -> PassageCode:
    """Every way on in the passage text, with the condition scopes around them; Chapbook's
    modifier lines are read only in Chapbook stories (elsewhere `[...]` is text or a hook)."""
    code = PassageCode()
    taken = Spans()
    read_harlowe(text, code, taken)
    taken.new_pass()
    read_sugarcube(text, code, taken)
    taken.new_pass()
    _chapbook(text, code, taken, story_format.strip().lower() == "chapbook")
    _snowman_scopes(text, code)
    taken.new_pass()
    _html_links(text, code, taken)
    taken.new_pass()
    for link in find_links(text):
        if taken.covers(link.start):
            continue
        code.navigations.append(
            Navigation(
                link.text,
                link.target,
                link.start,
                link.end,
                "[[link]]",
                setters=(link.setter,) if link.setter else (),
            )
        )
    code.navigations.sort(key=lambda found: found.start)
    code.navigations = _with_conditions(code.navigations, code.scopes)
    return code


def _with_conditions(ways: list[Navigation], scopes: list[Scope]) -> list[Navigation]:
    """Each way on with the scopes around it (innermost last), in one sweep over the text."""
    by_start = sorted(scopes, key=lambda scope: (scope.start, -scope.end))
    open_scopes: list[tuple[int, int, Scope]] = []  # (end, order, scope)
    found, next_scope = [], 0
    for way in ways:
        while next_scope < len(by_start) and by_start[next_scope].start <= way.start:
            scope = by_start[next_scope]
            heapq.heappush(open_scopes, (scope.end, next_scope, scope))
            next_scope += 1
        while open_scopes and open_scopes[0][0] <= way.start:
            heapq.heappop(open_scopes)
        around = sorted(open_scopes, key=lambda item: item[1])
        found.append(replace(way, conditions=tuple(item[2] for item in around)))
    return found


# ---- Chapbook ------------------------------------------------------------------------------------


def _chapbook(text: str, code: PassageCode, taken: Spans, modifiers: bool) -> None:
    for match, close, _close_end in paired(text, _CHAPBOOK_INSERT, _CLOSING_BRACE, True):
        if taken.covers(match.start()):
            continue
        body = text[match.start() + 1 : close]
        kind = match.group(1)
        label = _chapbook_parameter(body, "label")
        if kind == "link to":
            target = _chapbook_parameter(body, "link to")
            add_way(code, taken, label or target, target, match.start(), close + 1, "{link to}")
        elif kind == "back link":
            add_way(code, taken, label or "Back", BACK, match.start(), close + 1, "{back link}")
        else:
            construct = "{restart link}"
            add_way(
                code,
                taken,
                label or "Restart",
                "",
                match.start(),
                close + 1,
                construct,
                restart=True,
            )
    if modifiers:
        _chapbook_scopes(text, code)


def _chapbook_parameter(body: str, name: str) -> str | None:
    match = re.search(rf"(?:^|,)\s*{name}\s*:\s*(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*')", body)
    return unescape_string(STRING.fullmatch(match.group(1))) if match else None


def _chapbook_scopes(text: str, code: PassageCode) -> None:
    """`[if x]` governs the text up to the next modifier line; `[else]` follows an `[if]`."""
    open_scope, chain, position = None, [], 0
    for line in text.split("\n"):
        match = _CHAPBOOK_MODIFIER.match(line.strip())
        if match:
            if open_scope is not None:
                code.scopes.append(replace(open_scope, end=position))
                open_scope = None
            word, rest = match.group(1), match.group(2).split(";")[0].strip()
            body_start = position + len(line) + 1
            if word == "if":
                chain = [rest]
                open_scope = Scope(body_start, body_start, "[if]", rest)
            elif word == "unless":
                chain = [f"not ({rest})"]
                open_scope = Scope(body_start, body_start, "[unless]", chain[0])
            elif word == "else" and chain:
                open_scope = Scope(body_start, body_start, "[else]", None, tuple(chain))
                chain = []
            else:
                chain = []
        position += len(line) + 1
    if open_scope is not None:
        code.scopes.append(replace(open_scope, end=len(text)))


# ---- Snowman and HTML ----------------------------------------------------------------------------


def _snowman_scopes(text: str, code: PassageCode) -> None:
    stack: list[dict] = []
    for match, close, close_end in paired(text, _SNOWMAN_OPEN, _SNOWMAN_CLOSE):
        statement = text[match.end() : close].strip()
        opening = re.match(r"^(\}\s*else\s+)?if\s*\((.*)\)\s*\{$", statement, re.DOTALL)
        if opening and not opening.group(1):
            branch = {"chain": [], "source": opening.group(2), "start": close_end}
            stack.append({**branch, "kind": "<% if %>"})
        elif stack and (opening or re.match(r"^\}\s*else\s*\{$", statement)):
            branch = stack[-1]
            close_branch(branch, match.start(), code)
            if branch["source"] is not None:
                branch["chain"].append(branch["source"])
            branch.update(
                source=opening.group(2) if opening else None,
                start=close_end,
                kind="<% else if %>" if opening else "<% else %>",
            )
        elif stack and statement == "}":
            close_branch(stack.pop(), match.start(), code)


def _html_links(text: str, code: PassageCode, taken: Spans) -> None:
    found = []
    for name, opener in _HTML_OPEN.items():
        for match, close, close_end in paired(text, opener, _HTML_CLOSE[name]):
            passage = _DATA_PASSAGE.search(match.group(1))
            if passage is not None:
                found.append((match.start(), close_end, name, match, passage, close))
    for start, end, name, match, passage, close in sorted(found, key=lambda item: item[0]):
        if taken.covers(start):
            continue
        target = html.unescape(passage.group(1)[1:-1])
        setter = _DATA_SETTER.search(match.group(1))
        label = re.sub(r"<[^>]*>", "", text[match.end() : close]).strip()
        setters = (html.unescape(setter.group(1)[1:-1]),) if setter else ()
        construct = f"<{name} data-passage>"
        add_way(code, taken, label or target, target, start, end, construct, setters)
