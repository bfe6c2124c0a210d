"""The cohort coach's fragments: the shared CSS and JS, the block's stylesheet, its helpers, one script per view."""

from __future__ import annotations

from xblock.utils.resources import ResourceLoader

from spoc_xblocks.common.rendering import build_fragment, html_id

CSS = "static/css/cohort_coach.css"
LOADER = ResourceLoader(__name__)


def coach_fragment(block, html: str, js: str | None = None, init_fn: str | None = None):
    """The view's fragment; with a script, the helpers it shares with the other views come along."""
    fragment = build_fragment(
        block, html, css=CSS, js=js, init_fn=init_fn, init_args={"blockId": html_id(block)}
    )
    if js:
        fragment.add_javascript(LOADER.load_unicode("static/js/cohort_coach_shared.js"))
    return fragment
