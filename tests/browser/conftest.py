"""Browser fixtures: Debian's Chromium driven by Playwright against the workbench on a live test
server."""

from __future__ import annotations

import os

import pytest

from .chromium import CHROMIUM, CHROMIUM_ARGS

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make here are
# still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def live_workbench(live_server, transactional_db):
    """The workbench served on a live server, its scenarios parsed into this test's database."""
    from workbench.scenarios import init_scenarios

    init_scenarios()
    return live_server.url


@pytest.fixture
def open_page(browser, live_workbench):
    """Open a workbench view as a given student, in a given language and width; closes everything
    after."""
    contexts = []

    def open_(path: str, student: str, locale: str = "en-US", width: int = 1280, before=None):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        if before:  # given the page before it loads, to route its requests
            before(page)
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.js_errors = errors
        separator = "&" if "?" in path else "?"
        page.goto(f"{live_workbench}{path}{separator}student={student}")
        return page

    yield open_
    for context in contexts:
        context.close()


def assert_accessible(page, selector: str = ".spoc-block"):
    """axe-core finds no WCAG 2.x A/AA violation inside our block."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        context={"include": [[selector]]},
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
            }
        },
    )
    assert results.violations_count == 0, results.generate_report()
