"""Web addresses a learner types for their work: http(s) kept, a bare host given https://."""

from __future__ import annotations

import re

URL = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
# `www.example.com/guide`, `example.org:8080?q=1`: labels of letters and digits, a dot, no scheme.
BARE_HOST = re.compile(
    r"^(?:[^\W_](?:[^\W_]|-)*\.)+[^\W\d_]{2,}(?::\d{1,5})?(?:[/?#][^\s<>\"']*)?$"
)


def web_address(typed: str) -> tuple[str | None, bool]:
    """The address to store and whether https:// was added to it; (None, False) when it is not a
    web address."""
    url = typed.strip()
    if URL.match(url):
        return url, False
    if BARE_HOST.match(url):
        return "https://" + url, True
    return None, False
