"""The Studio editor in Chromium: the scenario is checked as it is typed, a file is imported, saving refuses errors."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .conftest import assert_accessible

EN = "spoc_serious_game.0"
TRAINER = "trainer"
EDITOR = f"/scenario/{EN}/studio_view/"
TWEE = Path(__file__).parents[1] / "serious_game" / "formats" / "fixtures" / "broken_printer.twee"


def _stored(scenario_id: str = EN):
    from workbench.runtime import WorkbenchRuntime
    from workbench.scenarios import get_scenarios

    return WorkbenchRuntime(TRAINER).get_block(get_scenarios()[scenario_id].usage_id)


def test_the_editor_checks_the_scenario_as_it_is_typed_and_refuses_to_save_errors(open_page):
    page = open_page(EDITOR, TRAINER)
    assert_accessible(page)
    scenario = page.locator("[data-spoc-scenario]")
    scenario.fill(scenario.input_value().replace('target="opening"', 'target="nowhere"'))
    summary = page.locator("[data-spoc-check-summary]")
    expect(summary).to_have_text(
        "2 errors: the scenario cannot be saved until they are fixed. 15 warnings."
    )
    expect(page.locator("[data-spoc-problems]")).to_contain_text(
        "points to 'nowhere', which does not exist."
    )
    expect(page.locator('[data-spoc-map] g[data-node-id="intro"] circle')).to_have_count(1)
    page.locator("[data-spoc-save]").click()
    alert = page.locator("[data-spoc-form-error]")
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Nothing was saved: the scenario has errors.")
    assert 'target="opening"' in _stored().scenario_xml
    assert_accessible(page)
    assert page.js_errors == []


def test_a_bad_setting_is_explained_next_to_its_field_before_anything_is_sent(open_page):
    page = open_page(EDITOR, TRAINER)
    weight = page.locator('input[name="weight"]')
    weight.fill("-3")
    page.locator("[data-spoc-save]").click()
    expect(weight).to_be_focused()
    expect(weight).to_have_attribute("aria-invalid", "true")
    error_id = weight.get_attribute("aria-describedby").split()[-1]
    expect(page.locator(f"#{error_id}")).to_have_text("Enter a number from 0 to 1000.")
    assert_accessible(page)


def test_an_imported_twee_file_fills_the_editor_and_is_saved_with_save(open_page):
    page = open_page(EDITOR, TRAINER)
    page.locator("[data-spoc-import-file]").set_input_files(str(TWEE))
    page.locator("[data-spoc-import]").click()
    report = page.locator("[data-spoc-import-report]")
    expect(report).to_be_focused()
    expect(report).to_contain_text("The file was imported into the editor: select Save to keep it.")
    expect(report.locator("li")).not_to_have_count(0)
    expect(page.locator("[data-spoc-scenario]")).to_have_value(
        re.compile(r'^<scenario start="Help_desk_main" title="The Broken Printer">')
    )
    assert "Customer complaint call" in _stored().scenario_xml
    page.locator('input[name="display_name"]').fill("The broken printer")
    page.locator("[data-spoc-save]").click()
    expect(page.locator("[data-spoc-live]")).to_have_text("Saved.")
    block = _stored()
    assert (
        block.display_name == "The broken printer"
        and 'title="The Broken Printer"' in block.scenario_xml
    )
    assert_accessible(page)
    assert page.js_errors == []


def test_the_author_view_is_accessible(open_page):
    page = open_page(f"/scenario/{EN}/author_view/", TRAINER)
    page.locator(".spoc-sg-edit__paths summary").click()
    assert_accessible(page)
