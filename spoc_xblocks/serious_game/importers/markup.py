"""A passage's text as the body learners see: its ways on replaced by their labels, story-format
code removed (and counted), the format's markup turned into HTML, then sanitised.

Formatting read, by story format (import-formats.md §3): Harlowe `''b''`, `//i//`, `**strong**`,
`*em*`, `~~strike~~`, `^^sup^^`, `#` headings, a line of 3+ hyphens; SugarCube `''strong''`,
`//em//`, `__u__`, `==strike==`, `^^sup^^`, `~~sub~~`, `!` headings, `----`; Chapbook and Snowman
Markdown `**`/`__` strong, `*`/`_` em, `` `code` ``, `#` headings, and `***` (Chapbook) or Markdown
rules. Headings start at `<h2>` (the page holds the `<h1>`). A variable shown in the text (`$gold`,
Chapbook `{gold}`, Snowman `<%= s.gold %>`) becomes `{{gold}}` when the scenario has that variable.
"""

from __future__ import annotations

import re

from spoc_xblocks.common.sanitize import sanitize_html
from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.navigation import (
    PassageCode,
    harlowe_calls,
    normal_macro_name,
)
from spoc_xblocks.serious_game.importers.report import ImportTally

SHOWN_ALWAYS = _("text shown whatever the condition")
_LINK_OPEN, _LINK_CLOSE = "\x01", "\x02"
_MARKED_LINK = re.compile("\x01([^\x02]*)\x02")
_CONDITION_MACROS = ("if", "unless", "elseif", "else")
_CODE_BLOCKS = (
    (re.compile(r"<<script>>.*?<</script>>", re.DOTALL), "<<script>>"),
    (re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL), "<script>"),
    (re.compile(r"<style\b.*?</style\s*>", re.IGNORECASE | re.DOTALL), "<style>"),
    (re.compile(r"<!--.*?-->", re.DOTALL), None),
)
_NAVIGATION_MACROS = ("actions", "choice", "link", "button", "goto")
_SUGARCUBE_COMMENT = re.compile(r"/\*.*?\*/|/%.*?%/", re.DOTALL)
_SUGARCUBE_TAG = re.compile(r"<<(/?)\s*([A-Za-z][\w-]*)(.*?)>>", re.DOTALL)
_SNOWMAN_PRINT = re.compile(r"<%[=-]\s*(?:s|window\.story\.state|story\.state)\.(\w+)\s*%>")
_SNOWMAN_CODE = re.compile(r"<%.*?%>", re.DOTALL)
_SNOWMAN_CONDITION = re.compile(
    r"<%\s*(?:\}\s*)?(?:else\b\s*)?(?:if\s*\(.*\))?\s*\{?\s*%>$", re.DOTALL
)
_NAKED_VARIABLE = re.compile(r"\$([A-Za-z_]\w*)")
_CHAPBOOK_VARS = re.compile(r"\A(?:[ \t]*[A-Za-z_$][\w.$]*(?:\s*\([^\n]*\))?[ \t]*:[^\n]*\n)+--\n")
_CHAPBOOK_MODIFIER = re.compile(r"^[ \t]*\[([A-Za-z][^\[\]\n]*)\][ \t]*$", re.MULTILINE)
_CHAPBOOK_INSERT = re.compile(r"\{([^{}\n]*)\}")
_HARLOWE_HOOK_NAME = re.compile(r"\|[A-Za-z_]\w*>|<[A-Za-z_]\w*\|")

_INLINE = {
    "harlowe": (
        (r"''(.+?)''", "b"),
        (r"(?<![:/])//(.+?)(?<![:/])//", "i"),
        (r"\*\*(.+?)\*\*", "strong"),
        (r"(?<![*\w])\*(?!\s)([^*\n]+?)\*(?!\w)", "em"),
        (r"~~(.+?)~~", "s"),
        (r"\^\^(.+?)\^\^", "sup"),
    ),
    "sugarcube": (
        (r"''(.+?)''", "strong"),
        (r"(?<![:/])//(.+?)(?<![:/])//", "em"),
        (r"__(.+?)__", "u"),
        (r"==(.+?)==", "s"),
        (r"\^\^(.+?)\^\^", "sup"),
        (r"~~(.+?)~~", "sub"),
    ),
    "chapbook": (
        (r"\*\*(.+?)\*\*|__(.+?)__", "strong"),
        (r"(?<![*\w])\*(?!\s)([^*\n]+?)\*(?!\w)|(?<!\w)_(?!\s)([^_\n]+?)_(?!\w)", "em"),
        (r"`([^`\n]+)`", "code"),
    ),
    "snowman": (
        (r"\*\*(.+?)\*\*|__(.+?)__", "strong"),
        (r"(?<![*\w])\*(?!\s)([^*\n]+?)\*(?!\w)|(?<!\w)_(?!\s)([^_\n]+?)_(?!\w)", "em"),
        (r"~~(.+?)~~", "s"),
        (r"`([^`\n]+)`", "code"),
    ),
}
_HEADING = {
    "harlowe": re.compile(r"^(#{1,6})\s*(.+)$"),
    "sugarcube": re.compile(r"^(!{1,6})\s*(.+)$"),
    "chapbook": re.compile(r"^(#{1,6})\s+(.+)$"),
    "snowman": re.compile(r"^(#{1,6})\s+(.+)$"),
}
_RULE = {
    "harlowe": re.compile(r"^\s*-{3,}\s*$"),
    "sugarcube": re.compile(r"^\s*-{4,}\s*$"),
    "chapbook": re.compile(r"^\s*\*{3}\s*$"),
    "snowman": re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$"),
}
_LINE_BREAKS = ("harlowe", "sugarcube")  # every newline is a <br>; Markdown formats join lines


def markup_format(story_format: str) -> str:
    """The markup rules to read a passage with: the story's format, Harlowe (Twine's default)
    when it names none or one this importer does not know."""
    name = (story_format or "").strip().lower()
    return name if name in _INLINE else "harlowe"


def passage_body(
    text: str, code: PassageCode, story_format: str, variables: set[str], tally: ImportTally
) -> str:
    """The passage as sanitised body HTML."""
    rules = markup_format(story_format)
    marked = _mark_ways_on(text, code)
    marked = _remove_code(marked, rules, variables, tally)
    return sanitize_html(_blocks(_drop_link_only_lines(marked), rules))


def _mark_ways_on(text: str, code: PassageCode) -> str:
    """Each way on replaced by its label between markers (no label for automatic moves and
    restarts)."""
    pieces, cursor = [], 0
    for way in code.navigations:
        if way.start < cursor:
            continue
        label = "" if way.automatic or way.restart else way.label.replace("\x02", "")
        pieces += [text[cursor : way.start], _LINK_OPEN, label, _LINK_CLOSE]
        cursor = way.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _drop_link_only_lines(text: str) -> str:
    """A line holding only ways on is dropped (they are the choices); inline ones keep their
    label."""
    kept = []
    for line in text.split("\n"):
        if _LINK_OPEN in line and not _MARKED_LINK.sub("", line).strip():
            continue
        kept.append(_MARKED_LINK.sub(r"\1", line))
    return "\n".join(kept)


def _count(tally: ImportTally, kind: str | None, how_many: int = 1) -> None:
    if kind and how_many:
        tally.dropped[kind] += how_many


def _remove_code(text: str, rules: str, variables: set[str], tally: ImportTally) -> str:
    for pattern, kind in _CODE_BLOCKS:
        text, removed = pattern.subn("", text)
        _count(tally, kind, removed)
    if rules == "sugarcube":
        text = _SUGARCUBE_COMMENT.sub("", text)
    text = _SUGARCUBE_TAG.sub(lambda match: _drop_macro_tag(match, tally), text)
    text = _SNOWMAN_PRINT.sub(lambda match: _variable(match.group(1), variables, tally), text)
    text = _SNOWMAN_CODE.sub(lambda match: _drop_snowman_code(match, tally), text)
    text = _remove_harlowe_macros(text, tally)
    text = _HARLOWE_HOOK_NAME.sub("", text)
    if rules == "chapbook":
        text = _chapbook(text, variables, tally)
    else:
        text = _NAKED_VARIABLE.sub(lambda match: _variable(match.group(1), variables, tally), text)
    return text


def _drop_macro_tag(match: re.Match, tally: ImportTally) -> str:
    name = match.group(2).lower()
    if not match.group(1):
        kind = f"<<{name}>>"
        if name in ("if", "elseif", "else"):
            tally.approximated[SHOWN_ALWAYS] += 1
        elif name not in _NAVIGATION_MACROS:  # counted with the ways on they hold
            tally.dropped[kind] += 1
    return ""


def _drop_snowman_code(match: re.Match, tally: ImportTally) -> str:
    if not _SNOWMAN_CONDITION.match(match.group()):  # conditions are counted with their links
        tally.dropped["<% %>"] += 1
    return ""


def _variable(name: str, variables: set[str], tally: ImportTally) -> str:
    if name in variables:
        tally.converted[_("variable shown in the text")] += 1
        return "{{" + name + "}}"
    tally.dropped[_("variable shown in the text")] += 1
    return ""


def _remove_harlowe_macros(text: str, tally: ImportTally) -> str:
    """Macro calls removed; a hook attached to one keeps its text (shown whatever a condition
    says)."""
    calls = list(harlowe_calls(text))
    if not calls:
        return text
    pieces, cursor = [], 0
    for name, _arguments, start, end, hook in calls:
        if start < cursor:
            continue
        pieces.append(text[cursor:start])
        kind = f"({name}:)"
        if hook is not None:
            inner = _remove_harlowe_macros(text[hook[0] + 1 : hook[1] - 1], tally)
            pieces.append(inner)
            cursor = hook[1]
            if normal_macro_name(name) in _CONDITION_MACROS:
                if _MARKED_LINK.sub("", inner).strip():
                    tally.approximated[SHOWN_ALWAYS] += 1
                continue
        else:
            cursor = end
        tally.dropped[kind] += 1
    pieces.append(text[cursor:])
    return "".join(pieces)


def _chapbook(text: str, variables: set[str], tally: ImportTally) -> str:
    text, removed = _CHAPBOOK_VARS.subn("", text)
    _count(tally, _("vars section"), removed)

    def modifier(match: re.Match) -> str:
        word = match.group(1).split()[0].rstrip(";").lower()
        if word in ("if", "unless", "else"):
            tally.approximated[SHOWN_ALWAYS] += 1
        elif word not in ("continue", "cont'd", "cont", "continued"):
            tally.dropped[f"[{word}]"] += 1
        return ""

    def insert(match: re.Match) -> str:
        inside = match.group(1).strip()
        if re.fullmatch(r"[A-Za-z_]\w*", inside):
            return _variable(inside, variables, tally)
        tally.dropped["{" + re.split(r"[:,]", inside)[0].strip() + "}"] += 1
        return ""

    text = _CHAPBOOK_MODIFIER.sub(modifier, text)
    return _CHAPBOOK_INSERT.sub(insert, text)


def _inline(line: str, rules: str) -> str:
    for pattern, tag in _INLINE[rules]:
        line = re.sub(
            pattern,
            lambda match, tag=tag: f"<{tag}>{next(g for g in match.groups() if g)}</{tag}>",
            line,
        )
    return line


def _blocks(text: str, rules: str) -> str:
    """Paragraphs split by blank lines; headings and rules are blocks of their own."""
    blocks, paragraph = [], []
    joiner = "<br>" if rules in _LINE_BREAKS else " "

    def close() -> None:
        if paragraph:
            blocks.append("<p>" + joiner.join(paragraph) + "</p>")
            paragraph.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = re.sub(r"[ \t]+", " ", raw).strip()
        heading = _HEADING[rules].match(line)
        if not line:
            close()
        elif _RULE[rules].match(line):
            close()
            blocks.append("<hr>")
        elif heading:
            close()
            level = min(len(heading.group(1)) + 1, 6)
            blocks.append(f"<h{level}>{_inline(heading.group(2), rules)}</h{level}>")
        else:
            paragraph.append(_inline(line, rules))
    close()
    return "".join(blocks)
