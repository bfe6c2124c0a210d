"""SugarCube 2 ways on: `<<link>>` and `<<button>>` (argument or `[[...]]` form, body with
`<<goto>>`, `<<set>>` or `Engine.restart()`), automatic `<<goto>>`, `<<actions>>`, `<<choice>>`,
`<<return>>` (to the one passage leading here, or the passage it names);
conditions `<<if>>`, `<<elseif>>`, `<<else>>`."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spoc_xblocks.serious_game.importers.links import find_links
from spoc_xblocks.serious_game.importers.scanning import Spans, paired
from spoc_xblocks.serious_game.importers.ways import (
    BACK,
    RESTART,
    STRING,
    PassageCode,
    add_way,
    close_branch,
    unescape_string,
)

_SUGARCUBE_OPEN = re.compile(r"<<(/?)\s*([A-Za-z][\w-]*)")
_SUGARCUBE_CLOSE = re.compile(r">>")


@dataclass(frozen=True)
class Tag:
    """A SugarCube macro tag `<<name args>>` or `<</name>>`."""

    closing: bool
    name: str
    arguments: str
    start: int
    end: int


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


def read_sugarcube(text: str, code: PassageCode, taken: Spans) -> None:
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
            add_way(code, taken, target, target, tag.start, tag.end, "<<goto>>", automatic=True)
        elif tag.name == "return":
            # a new step to the previous passage, like Chapbook's back link (<<back>> undoes)
            label, target = _sugarcube_link_arguments(tag.arguments)
            if target is None:
                label, target = label or "Return", BACK
            add_way(code, taken, label, target, tag.start, tag.end, "<<return>>")
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
        elif RESTART.search(text, tag.end, body_end):
            add_way(code, taken, label, "", tag.start, span_end, construct, restart=True)
            return
        else:
            return
    add_way(code, taken, label, target, tag.start, span_end, construct, setters)


def _sugarcube_link_arguments(arguments: str) -> tuple[str | None, str | None]:
    """(label, target) of `"Label" "Target"`, `[[Label|Target]]` or `"Label"` (no target)."""
    links = find_links(arguments)
    if links:
        return links[0].text, links[0].target
    values = [unescape_string(match) for match in STRING.finditer(arguments)]
    if not values:
        return None, None
    return values[0], values[1] if len(values) > 1 else None


def _sugarcube_choices(code, taken: Spans, tag: Tag) -> None:
    links = find_links(tag.arguments)
    construct = f"<<{tag.name}>>"
    for link in links:
        setters = (link.setter,) if link.setter else ()
        add_way(code, None, link.text, link.target, tag.start, tag.end, construct, setters)
    if not links:
        values = [unescape_string(match) for match in STRING.finditer(tag.arguments)]
        if tag.name == "choice" and values:
            label = values[1] if len(values) > 1 else values[0]
            add_way(code, None, label, values[0], tag.start, tag.end, construct)
        for value in values if tag.name == "actions" else ():
            add_way(code, None, value, value, tag.start, tag.end, construct)
    taken.add(tag.start, tag.end)


def _sugarcube_conditions(tags: list[Tag], code: PassageCode) -> None:
    stack: list[dict] = []
    for tag in tags:
        if tag.name == "if" and not tag.closing:
            stack.append({"chain": [], "source": tag.arguments, "start": tag.end, "kind": "<<if>>"})
        elif tag.name in ("elseif", "else") and not tag.closing and stack:
            branch = stack[-1]
            close_branch(branch, tag.start, code)
            if branch["source"] is not None:
                branch["chain"].append(branch["source"])
            branch.update(
                source=tag.arguments if tag.name == "elseif" else None,
                start=tag.end,
                kind=f"<<{tag.name}>>",
            )
        elif tag.name == "if" and tag.closing and stack:
            close_branch(stack.pop(), tag.start, code)
