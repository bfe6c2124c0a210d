"""The templates, scripts and stylesheets keep the house rule: lines of at most 100 characters.

Python is held to it by ruff. Generated catalogs (translations/) and vendored third-party files
are not ours to wrap. A line holding nothing but one {% trans "…" %} tag may run longer: a msgid
cannot be split without changing it.
"""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "spoc_xblocks"
LIMIT = 100
SUFFIXES = {".html", ".js", ".css"}
UNSPLITTABLE = re.compile(r"""\{% trans ("[^"]*"|'[^']*')( as \w+)? %\}""")


def _ours(path: Path) -> bool:
    parts = path.relative_to(PACKAGE).parts
    return not {"translations", "vendor"} & set(parts) and ".min." not in path.name


def test_no_line_is_longer_than_100_characters():
    files = [p for p in sorted(PACKAGE.rglob("*")) if p.suffix in SUFFIXES and _ours(p)]
    assert files, "no template, script or stylesheet found"
    too_long = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {len(line)} characters"
        for path in files
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > LIMIT and not UNSPLITTABLE.fullmatch(line.strip())
    ]
    assert not too_long, "lines over 100 characters:\n" + "\n".join(too_long)
