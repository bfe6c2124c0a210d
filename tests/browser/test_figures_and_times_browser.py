"""Dates and figures in the viewer's language: a moment names its time zone, and French writes
"1 234" and "70 %" with the narrow no-break space."""

import re

from playwright.sync_api import expect

CLOSED_PULSE = "/scenario/spoc_pulse.2/"
WORKSHOP = "/scenario/spoc_peer_workshop.1/"
NARROW = "\u202f"


def test_a_moment_is_shown_with_its_time_zone(open_page):
    page = open_page(CLOSED_PULSE, "alice")
    moment = page.locator('time[data-spoc-local="datetime"]').first
    expect(moment).to_have_text(re.compile(r"\d{1,2}:\d{2}.*\b(UTC|GMT)([+-]\d+)?$"))


def test_french_figures_take_the_narrow_no_break_space(open_page):
    page = open_page(WORKSHOP, "alice", locale="fr-FR")
    figures = page.evaluate(
        "[SpocXBlocks.formatNumber(1234), SpocXBlocks.formatNumber(70, {percent: true})]"
    )
    assert figures == [f"1{NARROW}234", f"70{NARROW}%"]
    english = open_page(WORKSHOP, "alice").evaluate(
        "[SpocXBlocks.formatNumber(1234), SpocXBlocks.formatNumber(70, {percent: true})]"
    )
    assert english == ["1,234", "70%"]
