"""The Studio editor's page, the author view (map, problems, paths, score range) and Studio's
validation messages."""

import re

from xblock.validation import ValidationMessage

from .conftest import DANGLING_SCENARIO, EN, GRADED, SMALL_SCENARIO, TRAINER


def _block_olx(scenario_xml: str, attributes: str = "") -> str:
    return f"<spoc_serious_game {attributes}>{scenario_xml}</spoc_serious_game>"


def binary_scenario(depth: int) -> str:
    """Decisions in a chain, each with two choices to the next: 2**depth paths to the one ending."""
    nodes = [
        f'<node id="d{level}" kind="decision"><choice id="a" target="{nxt}"/><choice id="b" '
        f'target="{nxt}"/></node>'
        for level, nxt in (
            (level, f"d{level + 1}" if level + 1 < depth else "end") for level in range(depth)
        )
    ]
    return (
        f'<scenario start="d0">{"".join(nodes)}<node id="end" kind="ending" score="50"/></scenario>'
    )


# ---- the editor ----------------------------------------------------------------------------------


def test_the_editor_has_a_labelled_control_for_every_setting_and_the_scenario(workbench):
    html = workbench.page(EN, TRAINER, "studio_view").content.decode()
    for name in (
        "display_name",
        "weight",
        "grading_mode",
        "allow_back",
        "allow_replay",
        "attempt_limit",
        "replay_policy",
        "show_feedback",
        "scenario_xml",
    ):
        control = re.search(rf'<(input|select|textarea)[^>]*\bname="{name}"[^>]*>', html)
        assert control, name
        control_id = re.search(r'\bid="([^"]+)"', control.group(0)).group(1)
        assert f'<label for="{control_id}">' in html, name
        assert "aria-describedby=" in control.group(0), name
    assert 'value="Customer complaint call"' in html and 'value="ending"' in html
    assert "Take the call" in html  # the scenario XML, escaped in the textarea
    assert 'role="status"' in html and "data-spoc-live" in html
    assert 'accept=".html,.htm,.tw,.twee,.txt,.json,.h5p"' in html
    assert "export_twee" in html and "SeriousGameStudio" in html


def test_the_editor_shows_the_scenario_as_a_form_and_as_xml_in_two_tabs(workbench):
    html = workbench.page(EN, TRAINER, "studio_view").content.decode()
    assert "data-spoc-form-editor" in html and 'role="tablist"' in html
    assert html.index(">Form<") < html.index(">Advanced (XML)<") < html.index('name="scenario_xml"')
    # the shared form editor, the simulation's fields, then the scenario's description of the
    # form, then the editor's script
    assert (
        html.index("SpocXBlocks.formEditor =")
        < html.index("SpocXBlocks.simulationEditor =")
        < html.index("SpocXBlocks.scenarioEditorSpec =")
        < html.index("function SeriousGameStudio(")
    )


def test_a_problem_of_a_node_has_a_button_to_edit_it_in_the_editor_only(workbench):
    answer = workbench.post(EN, "validate_scenario", TRAINER, {"scenario_xml": DANGLING_SCENARIO})
    problems = answer.json()["sections"]["check-problems"]
    button = re.search(r"<button[^>]*data-spoc-goto-node=\"intro\"[^>]*>([^<]*)</button>", problems)
    assert button and " ".join(button.group(1).split()) == "Edit node intro"
    assert 'data-spoc-goto-choice="bad"' in button.group(0)
    assert 'data-spoc-goto-code="choice_target_missing"' in button.group(0)
    author = workbench.page(EN, TRAINER, "author_view").content.decode()
    assert "data-spoc-goto-node" not in author


def test_the_editor_shows_the_saved_settings_of_a_stricter_variant(workbench):
    html = workbench.page(GRADED, TRAINER, "studio_view").content.decode()
    assert re.search(r'<option value="ending" selected>', html)
    assert re.search(r'<option value="last" selected>', html)
    assert re.search(r'name="attempt_limit"\s+value="2"', html)
    assert not re.search(r'name="allow_back"[^>]*checked', html)


def test_the_editor_escapes_the_scenario_it_shows(workbench, submit):
    hostile = SMALL_SCENARIO.replace(
        'title="Pick one"', 'title="&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt;"'
    )
    assert submit(hostile).status_code == 200
    html = workbench.page(EN, TRAINER, "studio_view").content.decode()
    assert "<script>x()" not in html and "</textarea><script>" not in html


# ---- the author view -----------------------------------------------------------------------------


def test_the_author_view_shows_the_map_the_path_table_and_the_score_range(workbench):
    html = workbench.page(EN, TRAINER, "author_view").content.decode()
    assert re.search(r'<svg[^>]*role="img"', html) and "<title id=" in html and "<desc id=" in html
    assert "No errors or warnings." in html
    assert "82 paths from the start to an ending" in html
    assert "intro → opening → ask_details" in html
    assert re.search(r'<th scope="col" class="spoc-num">\s*Empathy \(points\)\s*</th>', html)
    # the first path earns 4 of the 5 empathy points
    assert re.search(r'4\s+<span class="spoc-muted">\(80%\)</span>', html)
    assert "Score range of finished runs" in html and "Score (by path)" in html


def test_the_author_view_is_plain_html_with_no_javascript(olx_block):
    fragment = olx_block(_block_olx(SMALL_SCENARIO)).author_view({})
    assert fragment.js_init_fn is None
    assert {resource.mimetype for resource in fragment.resources} == {"text/css"}


def test_the_author_view_lists_problems_and_marks_them_on_the_map(olx_block):
    orphan = SMALL_SCENARIO.replace("</scenario>", '<node id="orphan" kind="ending"/></scenario>')
    html = olx_block(_block_olx(orphan)).render("author_view", {}).content
    assert "Warnings (1)" in html and "No choice leads to the ending &#x27;orphan&#x27;" in html
    marked = re.search(
        r'<g class="spoc-map-node" data-spoc-node="orphan">.*?</g>', html, re.S
    ).group(0)
    assert 'stroke-dasharray="8 4"' in marked and ">!</text>" in marked
    assert "Not reachable from the start" in html


def test_the_author_view_says_when_the_path_listing_was_cut(olx_block):
    html = olx_block(_block_olx(binary_scenario(8))).render("author_view", {}).content
    assert "100 paths from the start to an ending" in html
    assert "Only the first 100 paths are listed" in html


def test_the_author_view_of_an_unreadable_scenario_explains_it(olx_block):
    block = olx_block(_block_olx(SMALL_SCENARIO))
    block.scenario_xml = "<scenario"
    html = block.render("author_view", {}).content
    assert "The scenario XML cannot be read" in html and "<svg" not in html


def test_the_score_column_follows_the_grading_mode(olx_block):
    graded = (
        olx_block(_block_olx(SMALL_SCENARIO, 'grading_mode="ending"'))
        .render("author_view", {})
        .content
    )
    ungraded = (
        olx_block(_block_olx(SMALL_SCENARIO, 'grading_mode="ungraded"'))
        .render("author_view", {})
        .content
    )
    assert "Score (by ending)" in graded and ">100%</td>" in graded
    assert (
        ">Score</th>" not in ungraded
        and "This scenario is not graded and has no competencies." in ungraded
    )


# ---- Studio validation ---------------------------------------------------------------------------


def test_validate_puts_the_scenario_errors_and_warnings_in_studio(olx_block):
    broken = DANGLING_SCENARIO.replace(
        "</scenario>", '<node id="orphan" kind="ending"/></scenario>'
    )
    messages = olx_block(_block_olx(broken)).validate().to_json()["messages"]
    assert {
        "type": ValidationMessage.ERROR,
        "text": "Choice 2 (“Bad”) of node 'intro' points to 'nowhere', which does not exist.",
    } in messages
    warning = "No choice leads to the ending 'orphan' from the start."
    assert {"type": ValidationMessage.WARNING, "text": warning} in messages
    assert all(
        "score" not in message["text"] for message in messages
    )  # information stays in the author view


def test_validate_reports_an_unreadable_scenario_as_an_error(olx_block):
    block = olx_block(_block_olx(SMALL_SCENARIO))
    block.scenario_xml = "<scenario><node>"
    [message] = block.validate().to_json()["messages"]
    assert message["type"] == ValidationMessage.ERROR and "cannot be read" in message["text"]


def test_validate_is_empty_for_a_valid_scenario(olx_block):
    assert olx_block(_block_olx(SMALL_SCENARIO)).validate().to_json()["messages"] == []


def test_validate_caps_the_number_of_messages(olx_block):
    nodes = "".join(f'<node id="lost{i}" kind="ending"/>' for i in range(30))
    messages = olx_block(
        _block_olx(SMALL_SCENARIO.replace("</scenario>", nodes + "</scenario>"))
    ).validate()
    texts = [message["text"] for message in messages.to_json()["messages"]]
    assert len(texts) == 21 and texts[-1] == "10 more problems are listed in the preview."


ASSESSED_SCREEN = """<scenario start="s" simulation="assessed">
  <node id="s" kind="decision" title="Screen">
    <screen src="package:helpdesk-home-en.svg" alt="A screen"/>
    <hotspot id="go" target="e" x="0" y="0" width="0.5" height="0.5"><text>Go</text></hotspot>
  </node>
  <node id="e" kind="ending" score="100"/>
</scenario>"""


def test_validate_warns_that_an_assessed_simulation_refuses_undo(olx_block):
    messages = olx_block(_block_olx(ASSESSED_SCREEN)).validate().to_json()["messages"]
    assert [message["type"] for message in messages] == [ValidationMessage.WARNING]
    assert "nothing done on a screen or input step can be undone" in messages[0]["text"]
    no_undo = _block_olx(ASSESSED_SCREEN, 'allow_back="false"')
    assert olx_block(no_undo).validate().to_json()["messages"] == []
    guided = ASSESSED_SCREEN.replace(' simulation="assessed"', "")
    assert olx_block(_block_olx(guided)).validate().to_json()["messages"] == []
