"""WCAG 2.2 target size (2.5.8): the workshop's in-page links are at least 24 by 24 CSS pixels on a
360 px phone, for the learner and the trainer."""

import pytest

WORKSHOP = "/scenario/spoc_peer_workshop.1/"
SMALL_TARGETS = """() => Array.from(document.querySelectorAll('.spoc-block a[href^="#"]'))
  .filter(link => link.offsetParent !== null)
  .map(link => [link.textContent.trim(), link.getBoundingClientRect()])
  .filter(([, box]) => box.width < 24 || box.height < 24)
  .map(([text, box]) => `${text}: ${Math.round(box.width)}x${Math.round(box.height)}`)"""


@pytest.mark.parametrize("student", ["alice", "trainer"])
def test_the_workshops_in_page_links_are_24_px_targets_on_a_phone(open_page, student):
    page = open_page(WORKSHOP, student, width=360)
    page.locator(".spoc-block").first.wait_for()

    links = page.evaluate("""() => document.querySelectorAll('.spoc-block a[href^="#"]').length""")
    assert student == "alice" or links >= 5
    assert page.evaluate(SMALL_TARGETS) == []
