"""Every block's learner view and trainer view on a 360x740 phone, with the demo SPOC's data.

axe finds nothing, the page does not scroll sideways (tables and diagrams scroll inside their own
focusable, labelled region), every control is at least 24x24 CSS px (WCAG 2.2 target size) and text
is at least 12 px. SVG charts shrink to fit: their figures are also in the table that follows each
of them, as text.
"""

from pathlib import Path

from .conftest import assert_accessible
from .demo_views import DEMO_VIEWS, block_of, open_demo_view, seed_demo

PHONE = (360, 740)
MOBILE_CHECKS = (Path(__file__).parent / "mobile_checks.js").read_text()


def test_every_view_fits_a_phone_with_demo_data(open_page):
    seed_demo()
    problems = []
    for view in DEMO_VIEWS:
        page = open_demo_view(open_page, view, *PHONE)
        problems += [
            f"{view.name}: {problem}" for problem in block_of(page).evaluate(MOBILE_CHECKS)
        ]
        try:
            assert_accessible(page)
        except AssertionError as failure:
            problems.append(f"{view.name}: {failure}")
        problems += [f"{view.name}: JavaScript error {error}" for error in page.js_errors]
        page.context.close()
    assert problems == [], "\n".join(problems)
