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
from spoc_xblocks.serious_game.importers.harlowe import harlowe_calls, harlowe_label
from spoc_xblocks.serious_game.importers.report import ImportTally
from spoc_xblocks.serious_game.importers.scanning import paired
from spoc_xblocks.serious_game.importers.sugarcube import sugarcube_tags
from spoc_xblocks.serious_game.importers.ways import PassageCode

SHOWN_ALWAYS = _("text shown whatever the condition")
_LINK_OPEN, _LINK_CLOSE = "\x01", "\x02"
_MARKED_LINK = re.compile("\x01([^\x02]*)\x02")
_CONDITION_MACROS = ("if", "unless", "elseif", "else")
_CODE_BLOCKS = (  # (opener, closer, how the report names it), removed in this order
    (r"<<script>>", r"<</script>>", "<<script>>"),
    (r"<script\b", r"</script\s*>", "<script>"),
    (r"<style\b", r"</style\s*>", "<style>"),
    (r"<!--", r"-->", None),
)
_SUGARCUBE_COMMENTS = ((r"/\*", r"\*/", None), (r"/%", r"%/", None))
_SNOWMAN_OPEN, _SNOWMAN_CLOSE = re.compile(r"<%"), re.compile(r"%>")
_SNOWMAN_PRINT = re.compile(r"^[=-]\s*(?:s|window\.story\.state|story\.state)\.(\w+)\s*$")
_SNOWMAN_CONDITION = re.compile(
    r"^\s*(?:\}\s*)?(?:else\b\s*)?(?:if\s*\(.*\))?\s*\{?\s*$", re.DOTALL
)
_NAKED_VARIABLE = re.compile(r"\$([A-Za-z_]\w*)")
_CHAPBOOK_VAR_LINE = re.compile(r"^[ \t]*[A-Za-z_$][\w.$]*(?:[ \t]*\([^\n]*\))?[ \t]*:")
_CHAPBOOK_MODIFIER = re.compile(r"^[ \t]*\[([A-Za-z][^\[\]\n]*)\][ \t]*$", re.MULTILINE)
_CHAPBOOK_INSERT = re.compile(r"\{([^{}\n]*)\}")
_HARLOWE_HOOK_NAME = re.compile(r"\|[A-Za-z_]\w*>|<[A-Za-z_]\w*\|")

# A piece of formatting spans at most 500 characters: a hostile line full of openers stays linear.
_INLINE = {
    "harlowe": (
        (r"''(.{1,500}?)''", "b"),
        (r"(?<![:/])//(.{1,500}?)(?<![:/])//", "i"),
        (r"\*\*(.{1,500}?)\*\*", "strong"),
        (r"(?<![*\w])\*(?!\s)([^*\n]{1,500}?)\*(?!\w)", "em"),
        (r"~~(.{1,500}?)~~", "s"),
        (r"\^\^(.{1,500}?)\^\^", "sup"),
    ),
    "sugarcube": (
        (r"''(.{1,500}?)''", "strong"),
        (r"(?<![:/])//(.{1,500}?)(?<![:/])//", "em"),
        (r"__(.{1,500}?)__", "u"),
        (r"==(.{1,500}?)==", "s"),
        (r"\^\^(.{1,500}?)\^\^", "sup"),
        (r"~~(.{1,500}?)~~", "sub"),
    ),
    "chapbook": (
        (r"\*\*(.{1,500}?)\*\*|__(.{1,500}?)__", "strong"),
        (r"(?<![*\w])\*(?!\s)([^*\n]{1,500}?)\*(?!\w)|(?<!\w)_(?!\s)([^_\n]{1,500}?)_(?!\w)", "em"),
        (r"`([^`\n]+)`", "code"),
    ),
    "snowman": (
        (r"\*\*(.{1,500}?)\*\*|__(.{1,500}?)__", "strong"),
        (r"(?<![*\w])\*(?!\s)([^*\n]{1,500}?)\*(?!\w)|(?<!\w)_(?!\s)([^_\n]{1,500}?)_(?!\w)", "em"),
        (r"~~(.{1,500}?)~~", "s"),
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
    blocks = _CODE_BLOCKS + (_SUGARCUBE_COMMENTS if rules == "sugarcube" else ())
    for opener, closer, kind in blocks:
        text = _without_blocks(text, opener, closer, kind, tally)
    text = _without_macro_tags(text, tally)
    text = _without_snowman_code(text, variables, tally)
    text = _remove_harlowe_macros(text, tally)
    text = _HARLOWE_HOOK_NAME.sub("", text)
    if rules == "chapbook":
        text = _chapbook(text, variables, tally)
    else:
        text = _NAKED_VARIABLE.sub(lambda match: _variable(match.group(1), variables, tally), text)
    return text


def _spliced(text: str, cuts: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end, replacement) cut applied; cuts are in order and apart."""
    pieces, cursor = [], 0
    for start, end, replacement in cuts:
        pieces += [text[cursor:start], replacement]
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _without_blocks(text, opener, closer, kind, tally: ImportTally) -> str:
    flags = re.IGNORECASE | re.DOTALL
    cuts = [
        (match.start(), close_end, "")
        for match, _close, close_end in paired(
            text, re.compile(opener, flags), re.compile(closer, flags)
        )
    ]
    _count(tally, kind, len(cuts))
    return _spliced(text, cuts)


def _without_macro_tags(text: str, tally: ImportTally) -> str:
    tags = sugarcube_tags(text)
    for index, tag in enumerate(tags):
        if tag.closing:
            continue
        if tag.name in ("if", "elseif", "else"):
            following = tags[index + 1].start if index + 1 < len(tags) else len(text)
            if _MARKED_LINK.sub("", text[tag.end : following]).strip():  # more than links
                tally.approximated[SHOWN_ALWAYS] += 1
        else:  # ways on were replaced by their labels before: a <<link>> left here is no way on
            tally.dropped[f"<<{tag.name}>>"] += 1
    return _spliced(text, [(tag.start, tag.end, "") for tag in tags])


def _without_snowman_code(text: str, variables: set[str], tally: ImportTally) -> str:
    cuts = []
    for match, close, close_end in paired(text, _SNOWMAN_OPEN, _SNOWMAN_CLOSE):
        code = text[match.end() : close]
        printed = _SNOWMAN_PRINT.match(code)
        if printed:
            cuts.append((match.start(), close_end, _variable(printed.group(1), variables, tally)))
            continue
        if not _SNOWMAN_CONDITION.match(code):  # conditions are counted with their links
            tally.dropped["<% %>"] += 1
        cuts.append((match.start(), close_end, ""))
    return _spliced(text, cuts)


def _variable(name: str, variables: set[str], tally: ImportTally) -> str:
    if name in variables:
        tally.converted[_("variable shown in the text")] += 1
        return "{{" + name + "}}"
    tally.dropped[_("variable shown in the text")] += 1
    return ""


def _remove_harlowe_macros(text: str, tally: ImportTally) -> str:
    """Macro calls removed; a hook attached to one keeps its text (shown whatever a condition
    says). One pass: a call inside another's arguments goes with it."""
    cuts: list[tuple[int, int]] = []
    covered_until = 0
    for call in harlowe_calls(text):
        if call.start < covered_until:
            continue
        if call.hook is None:
            cuts.append((call.start, call.end))
            covered_until = call.end
        else:
            cuts += [(call.start, call.hook[0] + 1), (call.hook[1] - 1, call.hook[1])]
            covered_until = call.hook[0] + 1
        if call.name in _CONDITION_MACROS and call.hook is not None:
            inner = text[call.hook[0] + 1 : call.hook[1] - 1]
            if _MARKED_LINK.sub("", inner).strip():
                tally.approximated[SHOWN_ALWAYS] += 1
        else:
            tally.dropped[harlowe_label(call.name)] += 1
    return _spliced(text, [(start, end, "") for start, end in sorted(cuts)])


def _chapbook(text: str, variables: set[str], tally: ImportTally) -> str:
    lines = text.split("\n")
    if "--" in lines:
        top = lines[: lines.index("--")]
        if top and all(_CHAPBOOK_VAR_LINE.match(line) for line in top):
            text = "\n".join(lines[len(top) + 1 :])
            _count(tally, _("vars section"))

    def modifier(match: re.Match) -> str:
        word = match.group(1).split()[0].rstrip(";").lower()
        if word in ("if", "unless", "else"):
            following = _CHAPBOOK_MODIFIER.search(text, match.end())
            governed = text[match.end() : following.start() if following else len(text)]
            if _MARKED_LINK.sub("", governed).strip():  # more than the links it conditions
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
