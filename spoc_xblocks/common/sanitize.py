"""Author HTML made safe: nh3 keeps formatting, links and media, and drops scripts, handlers and
styles. Learner HTML keeps formatting and links only: no image, so no address a reader's browser
fetches by itself (a tracking pixel on reviewers and the trainer)."""

from __future__ import annotations

import html as html_module
import re

import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"lang", "dir"},
}
LEARNER_TAGS = ALLOWED_TAGS - {"img"}
LEARNER_ATTRIBUTES = {tag: names for tag, names in ALLOWED_ATTRIBUTES.items() if tag != "img"}
URL_SCHEMES = {"http", "https", "mailto"}
ADDRESS_SCHEMES = {"http", "https"}
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def sanitize_html(html: str, *, learner: bool = False) -> str:
    """Clean author HTML (or, with `learner`, a learner's text: no images); the result is safe to
    insert in a page."""
    return nh3.clean(
        html or "",
        tags=LEARNER_TAGS if learner else ALLOWED_TAGS,
        attributes=LEARNER_ATTRIBUTES if learner else ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )


def safe_html(html: str, *, learner: bool = False) -> SafeString:
    """Sanitised author (or learner) HTML, marked safe for a Django template."""
    return mark_safe(sanitize_html(html, learner=learner))  # safe: sanitised just above


def plain_text(html: str) -> str:
    """The text of some HTML with every tag removed (for titles, CSV cells and SVG labels)."""
    return html_module.unescape(nh3.clean(html or "", tags=set()))


def visible_length(html: str) -> int:
    """How many characters a reader sees in some HTML (what a length limit on written text
    counts)."""
    return len(plain_text(html))


def safe_address(url: str) -> str:
    """An address an author typed, for an href or a src: http(s) or relative, else "" (javascript:,
    data:...).

    Read as a browser reads it: tabs and line breaks removed, leading and trailing blanks and
    controls ignored.
    """
    cleaned = re.sub(r"[\t\n\r]", "", url or "").strip("".join(map(chr, range(33))))
    scheme = SCHEME.match(cleaned)
    return "" if scheme and scheme.group(1).lower() not in ADDRESS_SCHEMES else cleaned
