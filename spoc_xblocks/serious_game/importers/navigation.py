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

import html
import re
from dataclasses import dataclass, field, replace

from spoc_xblocks.serious_game.importers.links import find_links

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
    opaque: bool = False  # a branch of a condition the importer cannot read


@dataclass
class PassageCode:
    """What the navigation reader found: ways on, condition scopes, and the spans of code that
    hold them (removed from what learners see)."""

    navigations: list[Navigation] = field(default_factory=list)
    scopes: list[Scope] = field(default_factory=list)


def normal_macro_name(name: str) -> str:
    return name.lower().replace("-", "").replace("_", "")


_HARLOWE_MACRO = re.compile(r"\(([A-Za-z][\w-]*):")
_SUGARCUBE_TAG = re.compile(r"<<(/?)\s*([A-Za-z][\w-]*)(.*?)>>", re.DOTALL)
_CHAPBOOK_INSERT = re.compile(r"\{(link to|back link|restart link)\s*(?::\s*|,|\})")
_CHAPBOOK_MODIFIER = re.compile(r"^\[(if|unless|else|continue|cont'd|cont|continued)\b(.*)\]\s*$")
_SNOWMAN_CODE = re.compile(r"<%(?![=-])(.*?)%>", re.DOTALL)
_HTML_PASSAGE = re.compile(
    r"<(a|button|area)\b([^>]*\bdata-passage\s*=\s*(\"[^\"]*\"|'[^']*')[^>]*)>(.*?)</\1\s*>",
    re.IGNORECASE | re.DOTALL,
)
_STRING = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'((?:[^'\\]|\\.)*)'")
_LINK_HOOK_MACROS = ("link", "linkreveal", "linkrepeat", "linkrerun", "click")
_IF_MACROS = ("if", "unless", "elseif", "else")
_RESTART = re.compile(
    r"\((?:restart|reload):\)|Engine\.restart\(\)|UI\.restart\(\)|<<restart>>", re.IGNORECASE
)


def read_passage(text: str, story_format: str = "") -> PassageCode:
    """Every way on in the passage text, with the condition scopes around them; Chapbook's
    modifier lines are read only in Chapbook stories (elsewhere `[...]` is text or a hook)."""
    code = PassageCode()
    taken: list[tuple[int, int]] = []
    _harlowe(text, code, taken)
    _sugarcube(text, code, taken)
    _chapbook(text, code, taken, story_format.strip().lower() == "chapbook")
    _snowman_scopes(text, code)
    _html_links(text, code, taken)
    for link in find_links(text):
        if _inside(link.start, taken):
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
    code.navigations = [
        replace(found, conditions=tuple(_scopes_around(found.start, code.scopes)))
        for found in code.navigations
    ]
    return code


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _scopes_around(position: int, scopes: list[Scope]) -> list[Scope]:
    around = [scope for scope in scopes if scope.start <= position < scope.end]
    return sorted(around, key=lambda scope: scope.start)


# ---- Harlowe -------------------------------------------------------------------------------------


def harlowe_calls(text: str):
    """Each Harlowe macro call: (normal name, argument source, start, end of call, hook span or
    None)."""
    for match in _HARLOWE_MACRO.finditer(text):
        close = _closing(text, match.end(), "(", ")")
        if close is None:
            continue
        hook = None
        after = close + 1
        spaces = re.match(r"[ \t]*", text[after:]).end()
        opening = text[after + spaces : after + spaces + 3]
        # `[[x]]` right after a macro is a link; `[[[x]]]` a hook holding one
        if opening.startswith("[") and (not opening.startswith("[[") or opening == "[[["):
            hook_close = _closing(text, after + spaces + 1, "[", "]")
            if hook_close is not None:
                hook = (after + spaces, hook_close + 1)
        yield (
            normal_macro_name(match.group(1)),
            text[match.end() : close],
            match.start(),
            close + 1,
            hook,
        )


def _closing(text: str, position: int, opening: str, closing: str) -> int | None:
    """The index of the bracket closing the one just before `position`, skipping quoted text."""
    depth, quote = 1, None
    while position < len(text):
        char = text[position]
        if quote:
            if char == "\\":
                position += 1
            elif char == quote:
                quote = None
        elif char in "\"'" and opening == "(":
            quote = char
        elif char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return position
        position += 1
    return None


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


def _harlowe(text: str, code: PassageCode, taken: list[tuple[int, int]]) -> None:
    calls = list(harlowe_calls(text))
    link_hooks = [
        (start, hook[1])
        for name, _args, start, _end, hook in calls
        if hook and name in _LINK_HOOK_MACROS
    ]
    previous: list[str | None] | None = None  # the conditions of the current else chain
    last_hook_end = -1
    for name, arguments, start, end, hook in calls:
        if _inside(start, taken):
            continue
        if name in _IF_MACROS and hook:
            if (
                name in ("elseif", "else")
                and previous is not None
                and _only_space(text[last_hook_end:start])
            ):
                chain = previous
            else:
                chain = []
            source = None if name == "else" else arguments.strip()
            if name == "unless":
                source = f"not ({source})"
            code.scopes.append(_chain_scope(hook, f"({name}:)", source, chain))
            previous = chain + [source] if name != "else" else None
            last_hook_end = hook[1]
            continue
        args = _strings(arguments)
        if name in ("linkgoto", "linkrevealgoto"):
            label = args[0] if args else None
            target = args[1] if len(args) > 1 else label
            span_end = hook[1] if hook and name == "linkrevealgoto" else end
            setters = _hook_setters(text, hook) if name == "linkrevealgoto" else ()
            _add(code, taken, label, target, start, span_end, f"({name_of(name)}:)", setters)
        elif name == "clickgoto":
            label = args[0] if args and args[0] is not None else arguments.split(",")[0].strip()
            target = args[1] if len(args) > 1 else None
            _add(code, taken, label, target, start, end, "(click-goto:)")
        elif name in _LINK_HOOK_MACROS and hook:
            _hook_link(text, code, taken, name, args, arguments, start, hook)
        elif name in ("goto", "redirect") and not _inside(start, link_hooks):
            target = args[0] if args else None
            _add(code, taken, target, target, start, end, f"({name_of(name)}:)", automatic=True)


def name_of(normal_name: str) -> str:
    return {
        "linkgoto": "link-goto",
        "linkrevealgoto": "link-reveal-goto",
        "goto": "go-to",
        "redirect": "redirect",
        "linkreveal": "link-reveal",
        "linkrepeat": "link-repeat",
        "linkrerun": "link-rerun",
        "click": "click",
    }.get(normal_name, normal_name)


def _only_space(text: str) -> bool:
    return not text.strip()


def _chain_scope(hook, construct: str, source: str | None, chain: list[str | None]) -> Scope:
    opaque = source is None and construct != "(else:)" or any(item is None for item in chain)
    return Scope(
        hook[0],
        hook[1],
        construct,
        source,
        tuple(item for item in chain if item is not None),
        opaque,
    )


def _hook_link(text, code, taken, name, args, arguments, start, hook) -> None:
    inner = text[hook[0] + 1 : hook[1] - 1]
    goto = next((call for call in harlowe_calls(inner) if call[0] in ("goto", "redirect")), None)
    label = args[0] if args else arguments.split(",")[0].strip()
    construct = "(click:)[(go-to:)]" if name == "click" else f"({name_of(name)}:)[(go-to:)]"
    if name == "link":
        construct = "(link:)[(go-to:)]"
    if goto is not None:
        targets = _strings(goto[1])
        target = targets[0] if targets else None
        _add(code, taken, label, target, start, hook[1], construct, _hook_setters(text, hook))
    elif _RESTART.search(inner):
        _add(
            code,
            taken,
            label,
            "",
            start,
            hook[1],
            construct.replace("go-to", "restart"),
            restart=True,
        )


def _hook_setters(text: str, hook) -> tuple[str, ...]:
    if hook is None:
        return ()
    inner = text[hook[0] + 1 : hook[1] - 1]
    return tuple(arguments for name, arguments, *_rest in harlowe_calls(inner) if name == "set")


def _add(
    code, taken, label, target, start, end, construct, setters=(), automatic=False, restart=False
) -> None:
    taken.append((start, end))
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


def _sugarcube(text: str, code: PassageCode, taken: list[tuple[int, int]]) -> None:
    tags = list(_SUGARCUBE_TAG.finditer(text))
    _sugarcube_conditions(text, tags, code)
    for index, tag in enumerate(tags):
        closing, name, arguments = tag.group(1), tag.group(2).lower(), tag.group(3).strip()
        if closing or _inside(tag.start(), taken):
            continue
        if name in ("link", "button"):
            end_tag = _matching_close(tags, index, name)
            body_end = end_tag.start() if end_tag else tag.end()
            span_end = end_tag.end() if end_tag else tag.end()
            body = text[tag.end() : body_end]
            label, target = _sugarcube_link_arguments(arguments)
            construct = f"<<{name}>>"
            setters = tuple(
                inner.group(3).strip()
                for inner in _SUGARCUBE_TAG.finditer(body)
                if inner.group(2).lower() == "set"
            )
            if target is None:
                goto = next(
                    (
                        inner
                        for inner in _SUGARCUBE_TAG.finditer(body)
                        if inner.group(2).lower() == "goto"
                    ),
                    None,
                )
                if goto is not None:
                    target = _sugarcube_link_arguments(goto.group(3).strip())[1] or (
                        _strings(goto.group(3))[0] if _strings(goto.group(3)) else None
                    )
                    construct = f"<<{name}>><<goto>>"
                elif _RESTART.search(body):
                    _add(code, taken, label, "", tag.start(), span_end, construct, restart=True)
                    continue
                else:
                    continue
            _add(code, taken, label, target, tag.start(), span_end, construct, setters)
        elif name == "goto":
            label, target = _sugarcube_link_arguments(arguments)
            target = target or label
            _add(code, taken, target, target, tag.start(), tag.end(), "<<goto>>", automatic=True)
        elif name in ("actions", "choice"):
            _sugarcube_choices(code, taken, tag, name, arguments)


def _matching_close(tags: list[re.Match], index: int, name: str) -> re.Match | None:
    depth = 0
    for tag in tags[index + 1 :]:
        if tag.group(2).lower() != name:
            continue
        if tag.group(1):
            if depth == 0:
                return tag
            depth -= 1
        else:
            depth += 1
    return None


def _sugarcube_link_arguments(arguments: str) -> tuple[str | None, str | None]:
    """(label, target) of `"Label" "Target"`, `[[Label|Target]]` or `"Label"` (no target)."""
    links = find_links(arguments)
    if links:
        return links[0].text, links[0].target
    values = [_unescape_string(match) for match in _STRING.finditer(arguments)]
    if not values:
        return None, None
    return values[0], values[1] if len(values) > 1 else None


def _sugarcube_choices(code, taken, tag, name, arguments) -> None:
    links = find_links(arguments)
    offset = tag.start(3)
    if links:
        for link in links:
            setters = (link.setter,) if link.setter else ()
            _add(
                code,
                [],
                link.text,
                link.target,
                offset + link.start,
                offset + link.end,
                f"<<{name}>>",
                setters,
            )
    else:
        values = [_unescape_string(match) for match in _STRING.finditer(arguments)]
        if name == "choice" and values:
            label = values[1] if len(values) > 1 else values[0]
            _add(code, [], label, values[0], tag.start(), tag.end(), "<<choice>>")
        for value in values if name == "actions" else ():
            _add(code, [], value, value, tag.start(), tag.end(), "<<actions>>")
    taken.append((tag.start(), tag.end()))


def _sugarcube_conditions(text: str, tags: list[re.Match], code: PassageCode) -> None:
    stack: list[dict] = []
    for tag in tags:
        closing, name, arguments = tag.group(1), tag.group(2).lower(), tag.group(3).strip()
        if name == "if" and not closing:
            stack.append({"chain": [], "source": arguments, "start": tag.end(), "kind": "<<if>>"})
        elif name in ("elseif", "else") and not closing and stack:
            _close_branch(stack[-1], tag.start(), code)
            branch = stack[-1]
            branch["chain"].append(branch["source"])
            branch.update(
                source=arguments if name == "elseif" else None,
                start=tag.end(),
                kind=f"<<{name}>>",
            )
        elif name == "if" and closing and stack:
            _close_branch(stack.pop(), tag.start(), code)


def _close_branch(branch: dict, end: int, code: PassageCode) -> None:
    source, chain = branch["source"], branch["chain"]
    code.scopes.append(
        Scope(branch["start"], end, branch["kind"], source, tuple(chain), opaque=False)
    )


# ---- Chapbook ------------------------------------------------------------------------------------


def _chapbook(text: str, code: PassageCode, taken: list[tuple[int, int]], modifiers: bool) -> None:
    for match in _CHAPBOOK_INSERT.finditer(text):
        close = text.find("}", match.start())
        newline = text.find("\n", match.start())
        if close < 0 or (0 <= newline < close):
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
            _add(
                code,
                taken,
                label or "Restart",
                "",
                match.start(),
                close + 1,
                "{restart link}",
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
    for match in _SNOWMAN_CODE.finditer(text):
        statement = match.group(1).strip()
        opening = re.match(r"^(\}\s*else\s+)?if\s*\((.*)\)\s*\{$", statement, re.DOTALL)
        if opening and not opening.group(1):
            stack.append(
                {"chain": [], "source": opening.group(2), "start": match.end(), "kind": "<% if %>"}
            )
        elif stack and (opening or re.match(r"^\}\s*else\s*\{$", statement)):
            branch = stack[-1]
            _close_branch(branch, match.start(), code)
            branch["chain"].append(branch["source"])
            branch.update(
                source=opening.group(2) if opening else None,
                start=match.end(),
                kind="<% else if %>" if opening else "<% else %>",
            )
        elif stack and statement == "}":
            _close_branch(stack.pop(), match.start(), code)


def _html_links(text: str, code: PassageCode, taken: list[tuple[int, int]]) -> None:
    for match in _HTML_PASSAGE.finditer(text):
        if _inside(match.start(), taken):
            continue
        target = html.unescape(match.group(3)[1:-1])
        setter = re.search(r"\bdata-setter\s*=\s*(\"[^\"]*\"|'[^']*')", match.group(2))
        label = re.sub(r"<[^>]*>", "", match.group(4)).strip()
        setters = (html.unescape(setter.group(1)[1:-1]),) if setter else ()
        construct = f"<{match.group(1).lower()} data-passage>"
        _add(code, taken, label or target, target, match.start(), match.end(), construct, setters)
