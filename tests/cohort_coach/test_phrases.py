"""The coach's phrases write their percentages as the viewer's language does: "20%" in English,
"20 %" (narrow no-break space) in French."""

import gettext as gettext_module
from pathlib import Path

from spoc_xblocks.cohort_coach.logic.phrases import reason_text

TRANSLATIONS = Path(__file__).parents[2] / "spoc_xblocks" / "translations"


def english(text):
    return text


def test_a_reason_with_percentages_reads_as_english_writes_them():
    text = reason_text("behind_cohort", {"value": 20, "median": 60}, english, None)
    assert text == "progress 20% while the cohort's median is 60%"


def test_a_reason_with_percentages_reads_as_french_writes_them():
    french = gettext_module.translation("text", str(TRANSLATIONS), ["fr"])
    text = reason_text("low_score", {"value": 10, "floor": 25}, french.gettext, french.ngettext)
    assert text == "score moyen de 10\u202f%, inférieur ou égal à 25\u202f%"
