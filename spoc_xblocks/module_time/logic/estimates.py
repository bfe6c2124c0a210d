"""The author's design estimates: minutes per module, written `module id = minutes`, one per line
or comma-separated (the module id is the last part of its usage key, Studio's "location id")."""

from __future__ import annotations

import re

ENTRY = re.compile(r"^\s*([A-Za-z0-9_.:-]+)\s*=\s*(\d{1,4})\s*$")


def split_entries(text: str) -> list[str]:
    return [entry.strip() for entry in re.split(r"[,\n]", text or "") if entry.strip()]


def bad_entry(text: str) -> str:
    """The first entry that is not `module id = minutes` (1 to 9999), or "" when all are."""
    for entry in split_entries(text):
        match = ENTRY.match(entry)
        if not match or int(match.group(2)) == 0:
            return entry
    return ""


def estimates_in_seconds(text: str) -> dict[str, float]:
    """Module id -> seconds, for the well-formed entries (the last one wins)."""
    found = {}
    for entry in split_entries(text):
        match = ENTRY.match(entry)
        if match and int(match.group(2)):
            found[match.group(1)] = int(match.group(2)) * 60.0
    return found
