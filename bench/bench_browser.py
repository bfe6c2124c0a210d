"""The serious-game pair of bench_anchors as the learner waits for it, in Chromium.

Our page draws the scenario's screen on the server, so that it reads without script;
branching-xblock's sends an empty element and the scenario as JSON, which its 376 kB script bundle
then draws in the browser. Server time (bench_anchors) charges ours for the drawing and theirs for
none of it. Here each page is loaded in Debian's Chromium from a live workbench server and timed
from the start of navigation to its largest contentful paint, the browser's own measure of when
the main content shows, read once the scenario's text is on screen.

Static files and block resources are served with a year's caching, as the LMS serves its collected
static files: branching-xblock's bundle comes from the browser's cache after the first load (each
side has a browser context of its own). The Paragon stylesheets it links from a CDN fail at once
here, with no network; in a real LMS they are fetched before its first paint.
"""

from __future__ import annotations

import importlib.util
import os
from functools import partial
from pathlib import Path

from .bench_anchors import (
    BRANCHING,
    GAME,
    Pair,
    WorkbenchTarget,
    compare,
    make_first_choices,
    row,
)
from .workbench import workbench_usage_ids

LEARNER = "browserplayer"
LOADS = 40  # per side and run: a load's time swings by a fifth
PATH = "serious game, learner page (one choice made), until its largest paint"
# The element that holds the scenario's text on each page.
SCENARIO_TEXT = {GAME: ".spoc-sg__body", BRANCHING: ".node-content"}
LARGEST_PAINT = """
window.spocLargestPaint = null;
new PerformanceObserver(function (list) {
  window.spocLargestPaint = list.getEntries().pop().startTime;
}).observe({type: 'largest-contentful-paint', buffered: true});
"""
# Two animation frames after a paint was reported, any larger one still to come has been too.
SETTLED_PAINT = """() => new Promise(function (done) {
  requestAnimationFrame(function () {
    requestAnimationFrame(function () { done(window.spocLargestPaint); });
  });
})"""
YEAR = "public, max-age=31536000, immutable"


def _cached_static_handler():
    from django.contrib.staticfiles.handlers import StaticFilesHandler

    class CachedStaticFiles(StaticFilesHandler):
        """Static files and block resources with a year's caching, as the LMS's collected ones."""

        def __call__(self, environ, start_response):
            cached = environ.get("PATH_INFO", "").startswith(("/static/", "/resource/"))

            def start(status, headers, exc_info=None):
                if cached:
                    headers = [*headers, ("Cache-Control", YEAR)]
                return start_response(status, headers, exc_info)

            return super().__call__(environ, start)

    return CachedStaticFiles


def _serve():
    from django.test.testcases import LiveServerThread

    server = LiveServerThread("127.0.0.1", _cached_static_handler(), port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return server


def _largest_paint(page, url: str, scenario_text: str) -> tuple[float, int]:
    """Load the page; the milliseconds from navigation to its largest contentful paint (and no
    SQL count, which `compare` also takes: the browser makes none)."""
    page.goto(url, wait_until="load")
    page.locator(scenario_text).first.wait_for(state="visible")
    page.wait_for_function("window.spocLargestPaint !== null")
    return page.evaluate(SETTLED_PAINT), 0


def _skipped(reason: str) -> list[tuple[str, str, str]]:
    return [(f"anchors, in Chromium: {PATH}", "skipped", reason)]


def collect() -> list[tuple[str, str, str]]:
    from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS

    if importlib.util.find_spec("branching_xblock") is None:
        return _skipped("branching-xblock not installed (make bench installs it)")
    if not Path(CHROMIUM).exists():
        return _skipped(f"no Chromium at {CHROMIUM} (make system-packages installs it)")
    workbench_usage_ids()
    target = WorkbenchTarget()
    make_first_choices(target, LEARNER)
    server = _serve()
    # Playwright's sync API runs an event loop in this thread; nothing here touches the ORM.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            loads = {}
            for scenario_id, scenario_text in SCENARIO_TEXT.items():
                context = browser.new_context()
                context.add_init_script(LARGEST_PAINT)
                url = f"http://127.0.0.1:{server.port}/view/{scenario_id}/?student={LEARNER}"
                loads[scenario_id] = partial(_largest_paint, context.new_page(), url, scenario_text)
            pair = Pair(
                PATH,
                BRANCHING,
                "branching-xblock page",
                0.8,
                lambda: loads[GAME],
                lambda: loads[BRANCHING],
                warm_up=3,
            )
            figures = compare(pair, timed=lambda load: load(), requests=LOADS)
            browser.close()
    finally:
        server.terminate()
    measured = (
        f"ours {figures['ours_ms']:.0f} ms, anchor {figures['anchor_ms']:.0f} ms from navigation "
        "to the largest contentful paint"
    )
    return [row("anchors, in Chromium", pair, figures, measured)]


if __name__ == "__main__":
    for line in collect():
        print(*line, sep="  ")
