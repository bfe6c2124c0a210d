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
variable, an expression) cannot be followed and is reported by the caller.
"""

from __future__ import annotations

import bisect
import heapq
import html
import re
from dataclasses import dataclass, field, replace

from spoc_xblocks.serious_game.importers.links import find_links
from spoc_xblocks.serious_game.importers.scanning import (
    Spans,
    bracket_pairs,
    macro_paren_pairs,
    paired,
)

BACK = "\0back"  # the target of a Chapbook back link until the passage's predecessor is known


@dataclass(frozen=True)
class Navigation:
    """One way on: its label, target passage, span in the passage text, the construct that made
    it, the setters it runs and the condition sources around it (innermost last)."""

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
    """What the navigation reader found: ways on, condition scopes, and the spans of code that
    hold them (removed from what learners see)."""

    navigations: list[Navigation] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)


def normal_macro_name(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "")


@dataclass(frozen=True)
class MacroCall:
    """A Harlowe macro call: normal name, argument source, span, and the attached hook's span."""

    name: str
    arguments: str
    start: int
    end: int
    hook: tuple[int, int] | None


@dataclass(frozen=True)
class Tag:
    """A SugarCube macro tag `<<name args>>` or `<</name>>`."""

    closing: bool
    name: str
    arguments: str
    start: int
    end: int


_HARLOWE_MACRO = re.compile(r"\(([A-Za-z][\w-]*):")
_SPACES = re.compile(r"[ \t]*")
_SUGARCUBE_OPEN = re.compile(r"<<(/?)\s*([A-Za-z][\w-]*)")
_SUGARCUBE_CLOSE = re.compile(r">>")
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
_STRING = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")
_LINK_HOOK_MACROS = ("link", "linkreveal", "linkrepeat", "linkrerun", "click")
_IF_MACROS = ("if", "unless", "elseif", "else")
_RESTART = re.compile(
    r"\((?:restart|reload):\)|Engine\.restart\(\)|UI\.restart\(\)|<<restart>>", re.IGNORECASE
)
_NAMES = {
    "linkgoto": "link-goto",
    "linkrevealgoto": "link-reveal-goto",
    "goto": "go-to",
    "linkreveal": "link-reveal",
    "linkrepeat": "link-repeat",
    "linkrerun": "link-rerun",
    "elseif": "else-if",
}


def harlowe_label(name: str) -> str:
    """How the report writes a macro of that normal name: `(else-if:)`, `(set:)`."""
    return f"({_NAMES.get(name, name)}:)"


def read_passage(text: str, story_format: str = "") -> PassageCode:
    """Every way on in the passage text, with the condition scopes around them; Chapbook's
    modifier lines are read only in Chapbook stories (elsewhere `[...]` is text or a hook)."""
    code = PassageCode()
    taken = Spans()
    _harlowe(text, code, taken)
    taken.new_pass()
    _sugarcube(text, code, taken)
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


# ---- Harlowe -------------------------------------------------------------------------------------


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


def _strings(arguments: str) -> list[str | None]:
    """Each comma-separated argument: its text when it is one quoted string, else None."""
    values = []
    for part in _split_arguments(arguments):
        match = _STRING.fullmatch(part.strip())
        values.append(_unescape_string(match) if match else None)
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


def _unescape_string(match: re.Match) -> str:
    value = match.group(1) if match.group(1) is not None else match.group(2)
    return re.sub(r"\\(.)", r"\1", value)


def _harlowe(text: str, code: PassageCode, taken: Spans) -> None:
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
        args = _strings(call.arguments)
        if name in ("linkgoto", "linkrevealgoto"):
            label = args[0] if args else None
            target = args[1] if len(args) > 1 else label
            reveal = name == "linkrevealgoto" and hook is not None
            end = hook[1] if reveal else call.end
            setters = _hook_setters(calls, hook) if reveal else ()
            _add(code, taken, label, target, call.start, end, f"({_NAMES[name]}:)", setters)
        elif name == "clickgoto":
            label = args[0] if args and args[0] is not None else call.arguments.split(",")[0]
            target = args[1] if len(args) > 1 else None
            _add(code, taken, label.strip(), target, call.start, call.end, "(click-goto:)")
        elif name in _LINK_HOOK_MACROS and hook:
            _hook_link(text, code, taken, calls, call, args)
        elif name in ("goto", "redirect") and not link_hooks.covers(call.start):
            target = args[0] if args else None
            construct = f"({_NAMES.get(name, name)}:)"
            _add(code, taken, target, target, call.start, call.end, construct, automatic=True)


def _hook_link(text, code, taken, calls, call: MacroCall, args) -> None:
    inside = calls_within(calls, call.hook[0], call.hook[1])
    goto = next((inner for inner in inside if inner.name in ("goto", "redirect")), None)
    label = args[0] if args and args[0] is not None else call.arguments.split(",")[0].strip()
    macro = "click" if call.name == "click" else _NAMES.get(call.name, call.name)
    if goto is not None:
        targets = _strings(goto.arguments)
        target = targets[0] if targets else None
        setters = _hook_setters(calls, call.hook)
        _add(code, taken, label, target, call.start, call.hook[1], f"({macro}:)[(go-to:)]", setters)
    elif _RESTART.search(text, call.hook[0], call.hook[1]):
        construct = f"({macro}:)[(restart:)]"
        _add(code, taken, label, "", call.start, call.hook[1], construct, restart=True)


def _hook_setters(calls: list[MacroCall], hook) -> tuple[str, ...]:
    if hook is None:
        return ()
    return tuple(
        inner.arguments for inner in calls_within(calls, hook[0], hook[1]) if inner.name == "set"
    )


def _add(
    code, taken, label, target, start, end, construct, setters=(), automatic=False, restart=False
) -> None:
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


# ---- SugarCube -----------------------------------------------------------------------------------


def sugarcube_tags(text: str) -> list[Tag]:
    """Every SugarCube macro tag of the text, in order."""
    return [
        Tag(
            bool(match.group(1)),
            match.group(2).lower(),
            text[match.end() : close_start].strip(),
            match.start(),
            close_end,
        )
        for match, close_start, close_end in paired(text, _SUGARCUBE_OPEN, _SUGARCUBE_CLOSE)
    ]


def _closing_tags(tags: list[Tag]) -> dict[int, int]:
    """For each container tag, the index of its closing tag, in one pass."""
    open_by_name: dict[str, list[int]] = {}
    closes = {}
    for index, tag in enumerate(tags):
        if tag.closing:
            waiting = open_by_name.get(tag.name)
            if waiting:
                closes[waiting.pop()] = index
        else:
            open_by_name.setdefault(tag.name, []).append(index)
    return closes


def _sugarcube(text: str, code: PassageCode, taken: Spans) -> None:
    tags = sugarcube_tags(text)
    closes = _closing_tags(tags)
    _sugarcube_conditions(tags, code)
    for index, tag in enumerate(tags):
        if tag.closing or taken.covers(tag.start):
            continue
        if tag.name in ("link", "button"):
            close = closes.get(index)
            body = tags[index + 1 : close] if close is not None else []
            span_end = tags[close].end if close is not None else tag.end
            body_end = tags[close].start if close is not None else tag.end
            _sugarcube_link(text, code, taken, tag, body, span_end, body_end)
        elif tag.name == "goto":
            label, target = _sugarcube_link_arguments(tag.arguments)
            target = target or label
            _add(code, taken, target, target, tag.start, tag.end, "<<goto>>", automatic=True)
        elif tag.name in ("actions", "choice"):
            _sugarcube_choices(code, taken, tag)


def _sugarcube_link(text, code, taken, tag: Tag, body: list[Tag], span_end, body_end) -> None:
    label, target = _sugarcube_link_arguments(tag.arguments)
    construct = f"<<{tag.name}>>"
    setters = tuple(inner.arguments for inner in body if inner.name == "set" and not inner.closing)
    if target is None:
        goto = next((inner for inner in body if inner.name == "goto" and not inner.closing), None)
        if goto is not None:
            goto_label, target = _sugarcube_link_arguments(goto.arguments)
            target = target or goto_label
            construct = f"<<{tag.name}>><<goto>>"
        elif _RESTART.search(text, tag.end, body_end):
            _add(code, taken, label, "", tag.start, span_end, construct, restart=True)
            return
        else:
            return
    _add(code, taken, label, target, tag.start, span_end, construct, setters)


def _sugarcube_link_arguments(arguments: str) -> tuple[str | None, str | None]:
    """(label, target) of `"Label" "Target"`, `[[Label|Target]]` or `"Label"` (no target)."""
    links = find_links(arguments)
    if links:
        return links[0].text, links[0].target
    values = [_unescape_string(match) for match in _STRING.finditer(arguments)]
    if not values:
        return None, None
    return values[0], values[1] if len(values) > 1 else None


def _sugarcube_choices(code, taken: Spans, tag: Tag) -> None:
    links = find_links(tag.arguments)
    construct = f"<<{tag.name}>>"
    for link in links:
        setters = (link.setter,) if link.setter else ()
        _add(code, None, link.text, link.target, tag.start, tag.end, construct, setters)
    if not links:
        values = [_unescape_string(match) for match in _STRING.finditer(tag.arguments)]
        if tag.name == "choice" and values:
            label = values[1] if len(values) > 1 else values[0]
            _add(code, None, label, values[0], tag.start, tag.end, construct)
        for value in values if tag.name == "actions" else ():
            _add(code, None, value, value, tag.start, tag.end, construct)
    taken.add(tag.start, tag.end)


def _sugarcube_conditions(tags: list[Tag], code: PassageCode) -> None:
    stack: list[dict] = []
    for tag in tags:
        if tag.name == "if" and not tag.closing:
            stack.append({"chain": [], "source": tag.arguments, "start": tag.end, "kind": "<<if>>"})
        elif tag.name in ("elseif", "else") and not tag.closing and stack:
            branch = stack[-1]
            _close_branch(branch, tag.start, code)
            if branch["source"] is not None:
                branch["chain"].append(branch["source"])
            branch.update(
                source=tag.arguments if tag.name == "elseif" else None,
                start=tag.end,
                kind=f"<<{tag.name}>>",
            )
        elif tag.name == "if" and tag.closing and stack:
            _close_branch(stack.pop(), tag.start, code)


def _close_branch(branch: dict, end: int, code: PassageCode) -> None:
    code.scopes.append(
        Scope(branch["start"], end, branch["kind"], branch["source"], tuple(branch["chain"]))
    )


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
            _add(code, taken, label or target, target, match.start(), close + 1, "{link to}")
        elif kind == "back link":
            _add(code, taken, label or "Back", BACK, match.start(), close + 1, "{back link}")
        else:
            construct = "{restart link}"
            _add(
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
    return _unescape_string(_STRING.fullmatch(match.group(1))) if match else None


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
            _close_branch(branch, match.start(), code)
            if branch["source"] is not None:
                branch["chain"].append(branch["source"])
            branch.update(
                source=opening.group(2) if opening else None,
                start=close_end,
                kind="<% else if %>" if opening else "<% else %>",
            )
        elif stack and statement == "}":
            _close_branch(stack.pop(), match.start(), code)


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
        _add(code, taken, label or target, target, start, end, construct, setters)
