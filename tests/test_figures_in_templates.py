"""Percentages in templates go through the figures helper (`{% percent %}`), which writes them as
the viewer's language does ("70%", "70 %"), never as a value followed by a hand-written sign."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "spoc_xblocks"
HAND_WRITTEN = re.compile(r"\}\}\s?%(?!\})")
# A sentence whose translation places the sign (`{% blocktrans %}Your score: {{ score }}%`).
IN_A_SENTENCE = "{% blocktrans"


def test_no_template_writes_a_percent_sign_after_a_value():
    found = [
        f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        for path in sorted(PACKAGE.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HAND_WRITTEN.search(line) and IN_A_SENTENCE not in line
    ]
    assert found == []
