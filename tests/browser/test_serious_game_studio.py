"""The Studio editor in Chromium: the scenario is checked as it is typed, a file is imported,
saving refuses errors, each refusal shown next to the control at fault."""

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


def save(page):
    page.get_by_role("button", name="Save").click()


def error_of(page, control):
    """The sentence shown next to a control: the last element its aria-describedby names."""
    return page.locator(f"#{control.get_attribute('aria-describedby').split()[-1]}")


def test_the_editor_checks_the_scenario_as_it_is_typed_and_refuses_to_save_errors(open_page):
    page = open_page(EDITOR, TRAINER)
    assert_accessible(page)
    page.get_by_role("tab", name="Advanced (XML)").click()
    scenario = page.locator('textarea[name="scenario_xml"]')
    scenario.fill(scenario.input_value().replace('target="opening"', 'target="nowhere"'))
    summary = page.locator('[data-spoc-region="check-summary"]')
    expect(summary).to_have_text(
        "2 errors: the scenario cannot be saved until they are fixed. 15 warnings."
    )
    expect(page.locator('[data-spoc-region="check-problems"]')).to_contain_text(
        "points to 'nowhere', which does not exist."
    )
    map_ = page.locator('[data-spoc-region="check-map"]')
    expect(map_.locator('g[data-spoc-node="intro"] circle')).to_have_count(1)
    save(page)
    expect(scenario).to_be_focused()
    expect(scenario).to_have_attribute("aria-invalid", "true")
    alert = error_of(page, scenario)
    expect(alert).to_be_visible()
    expect(alert).to_contain_text("Nothing was saved: the scenario has errors.")
    assert 'target="opening"' in _stored().scenario_xml
    assert_accessible(page)
    assert page.js_errors == []


def test_a_bad_setting_is_refused_by_its_label_next_to_its_field(open_page):
    page = open_page(EDITOR, TRAINER)
    weight = page.locator('input[name="weight"]')
    weight.fill("-3")
    save(page)
    expect(weight).to_be_focused()
    expect(weight).to_have_attribute("aria-invalid", "true")
    expect(error_of(page, weight)).to_have_text("'Weight' must be from 0 to 1,000.")
    assert _stored().weight == 1.0
    assert_accessible(page)
    weight.fill("2")
    save(page)
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
    expect(weight).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator('[data-spoc-error-for="weight"]')).to_be_hidden()
    assert _stored().weight == 2.0


def test_a_file_the_editor_cannot_import_is_refused_next_to_the_file_control(open_page, tmp_path):
    page = open_page(EDITOR, TRAINER)
    chooser = page.locator('input[name="filename"]')
    page.locator("[data-spoc-import]").click()
    expect(chooser).to_be_focused()
    expect(error_of(page, chooser)).to_have_text("Choose a file to import first.")
    notes = tmp_path / "notes.txt"  # a .txt file is read as Twee
    notes.write_text("Not a story.")
    chooser.set_input_files(str(notes))
    page.locator("[data-spoc-import]").click()
    expect(error_of(page, chooser)).to_have_text(
        "This file holds no Twee passage (no line starts with '::')."
    )
    letter = tmp_path / "letter.docx"
    letter.write_text("Not a story either.")
    chooser.set_input_files(str(letter))
    page.locator("[data-spoc-import]").click()
    expect(error_of(page, chooser)).to_have_text(
        "Choose a .html, .htm, .tw, .twee, .txt, .json or .h5p file."
    )
    expect(chooser).to_have_attribute("aria-invalid", "true")
    expect(page.locator("[data-spoc-import-report]")).to_be_hidden()
    assert_accessible(page)
    assert page.js_errors == []


def test_an_imported_twee_file_fills_the_editor_and_is_saved_with_save(open_page):
    page = open_page(EDITOR, TRAINER)
    page.locator('input[name="filename"]').set_input_files(str(TWEE))
    page.locator("[data-spoc-import]").click()
    report = page.locator("[data-spoc-import-report]")
    expect(report).to_be_focused()
    expect(report).to_contain_text("The file was imported into the editor: select Save to keep it.")
    expect(report.locator("li")).not_to_have_count(0)
    expect(report).to_contain_text(
        "Passages: 5, which became nodes: 5 (4 reachable from the start)"
    )
    expect(report).to_contain_text("Dropped: <<set>> × 1")
    expect(page.locator('textarea[name="scenario_xml"]')).to_have_value(
        re.compile(r'^<scenario start="Help_desk_main" title="The Broken Printer">')
    )
    assert "Customer complaint call" in _stored().scenario_xml
    page.locator('input[name="display_name"]').fill("The broken printer")
    save(page)
    expect(page.locator("[data-spoc-status]")).to_have_text("Saved.")
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
