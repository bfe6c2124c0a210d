"""The README's screenshots: each block as a learner and as the trainer, taken from the demo SPOC so
they stay true.

With SPOC_UPDATE_SCREENSHOTS=1 (`make screenshots`) they are written to
docs/screenshots/<block>-<role>.png. Otherwise they are taken into a temporary folder, and the test
checks that each has its committed file and that the README shows it.
"""

import os
from pathlib import Path

import pytest

from .demo_views import DEMO_VIEWS, block_of, open_demo_view, seed_demo

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "docs" / "screenshots"
WINDOW = (1280, 900)
MAX_HEIGHT = 780  # the top of a long dashboard says what it is; the files stay small


def test_every_block_has_a_learner_and_a_trainer_screenshot_in_the_readme(open_page, tmp_path):
    updating = os.environ.get("SPOC_UPDATE_SCREENSHOTS") == "1"
    folder = SCREENSHOTS if updating else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    seed_demo()
    taken = []
    for view in DEMO_VIEWS:
        page = open_demo_view(open_page, view, *WINDOW)
        box = block_of(page).bounding_box()
        clip = {
            "x": box["x"],
            "y": box["y"],
            "width": box["width"],
            "height": min(box["height"], MAX_HEIGHT),
        }
        path = folder / f"{view.name}.png"
        page.screenshot(
            path=path, clip=clip, full_page=True, animations="disabled", caret="hide", scale="css"
        )
        assert page.js_errors == [], f"{view.name}: {page.js_errors}"
        taken.append(path.name)
        page.context.close()
    if updating:
        return
    committed = {path.name for path in SCREENSHOTS.glob("*.png")}
    assert [name for name in taken if name not in committed] == [], (
        "run make screenshots and commit the files"
    )
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in taken if f"docs/screenshots/{name}" not in readme] == [], (
        "show them in the README"
    )
