"""Percentages in templates go through the figures helper (`{% percent %}`), which writes them as
the viewer's language does ("70%", "70 %"), never as a value followed by a hand-written sign."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "spoc_xblocks"
HAND_WRITTEN = re.compile(r"\}\}\s?%(?!\})")


def hand_written_signs(path: Path):
    """Lines with a value then a percent sign, outside a sentence to translate (whose translation
    places the sign: `{% blocktrans %}Your score: {{ score }}%{% endblocktrans %}`)."""
    in_sentence = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        in_sentence = in_sentence or "{% blocktrans" in line
        if HAND_WRITTEN.search(line) and not in_sentence:
            yield f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}"
        if "{% endblocktrans" in line:
            in_sentence = "{% blocktrans" in line.rsplit("{% endblocktrans", 1)[1]


def test_no_template_writes_a_percent_sign_after_a_value():
    found = [line for path in sorted(PACKAGE.rglob("*.html")) for line in hand_written_signs(path)]
    assert found == []
