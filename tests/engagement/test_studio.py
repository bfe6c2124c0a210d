"""The Studio editor of both widgets: settings and content XML saved whole, or nothing with a clear
reason."""

import pytest
from xblock.validation import ValidationMessage

from spoc_xblocks.common.olx import OlxError
from tests.olx import export_block

from .conftest import AFTER, BEFORE, CLOSED, PULSE, TRAINER, stored_block

NEW_QUESTIONS = """<question id="mood" kind="stars">
  <text>How do you feel this week?</text>
</question>"""
COMPETENCY = (
    '<competency id="x" label="X">'
    + "".join(f'<level value="{value}">L{value}</level>' for value in range(1, 6))
    + "</competency>"
)
FOLLOWUP = {"followup_days": 90, "followup_date": ""}  # the skills check's follow-up settings

PULSE_SETTINGS = {
    "display_name": "Week 2 pulse",
    "anonymous": False,
    "learner_results": False,
    "opens": "2026-03-02T09:00",
    "closes": "",
}


def authored(workbench, scenario_id=PULSE) -> dict:
    """The block's stored settings and content."""
    block = stored_block(workbench, scenario_id)
    return {name: getattr(block, name) for name in (*block.editable_fields, block.CONTENT_FIELD)}


def submit(workbench, student=TRAINER, scenario_id=PULSE, **overrides):
    payload = {**PULSE_SETTINGS, "body": NEW_QUESTIONS, **overrides}
    return workbench.post(scenario_id, "studio_submit", student, payload)


def test_the_editor_shows_the_settings_and_the_content_as_xml(workbench):
    html = workbench.page(PULSE, TRAINER, view="studio_view").content.decode()
    assert 'type="checkbox"' in html and 'name="anonymous"' in html and "checked" in html
    assert 'type="datetime-local"' in html and 'name="opens"' in html
    assert "&lt;question id=&quot;pace&quot; kind=&quot;likert&quot;&gt;" in html
    assert ">Opens</label>" in html and ">UTC</span>" in html and "An example" in html


def test_saving_stores_the_settings_and_questions_read_as_olx_would_be(workbench):
    response = submit(workbench)
    assert response.status_code == 200 and response.json()["message"] == "Saved."
    block = stored_block(workbench, PULSE)
    definition = block.authored
    assert (
        block.display_name == "Week 2 pulse"
        and not definition.anonymous
        and not definition.learner_results
    )
    assert [question.id for question in definition.questions] == ["mood"]
    assert definition.opens.isoformat() == "2026-03-02T09:00:00+00:00" and definition.closes is None


def test_a_saved_pulse_round_trips_through_olx(workbench, olx_block):
    submit(workbench)
    exported = export_block(stored_block(workbench, PULSE))
    assert 'opens="2026-03-02T09:00:00Z"' in exported
    again = olx_block(exported)
    assert {
        name: getattr(again, name) for name in (*again.editable_fields, again.CONTENT_FIELD)
    } == authored(workbench)


def test_bad_xml_saves_nothing_and_names_the_line(workbench):
    before = authored(workbench)
    response = submit(
        workbench, body=NEW_QUESTIONS + '\n<question id="x" kind="poll"><text>X</text></question>'
    )
    assert response.status_code == 400
    assert "Nothing was saved" in response.json()["error"] and "line 4" in response.json()["error"]
    assert response.json()["field"] == "body"
    assert authored(workbench) == before


def test_every_bad_question_is_named_at_once_with_its_line(workbench):
    bad = '<question id="x" kind="poll"><text>X</text></question>'
    response = submit(workbench, body=f"{NEW_QUESTIONS}\n{bad}\n{bad.replace('x', 'y', 1)}")

    error = response.json()["error"]
    assert response.status_code == 400 and response.json()["field"] == "body"
    assert response.json()["line"] == 4
    assert "Question 'x'" in error and "line 4" in error
    assert "Question 'y'" in error and "line 5" in error


def test_closing_before_opening_or_an_empty_name_saves_nothing(workbench):
    before = authored(workbench)
    response = submit(workbench, closes="2026-03-01T09:00")
    assert response.status_code == 400 and "closes before it opens" in response.json()["error"]
    assert response.json()["field"] == "closes"
    response = submit(workbench, display_name="  ")
    assert (
        response.status_code == 400 and "display name cannot be empty" in response.json()["error"]
    )
    assert response.json()["field"] == "display_name"
    assert authored(workbench) == before


def test_learners_cannot_save(workbench):
    response = submit(workbench, student="alice")
    assert response.status_code == 403


def test_the_skills_editor_saves_the_pair_id_and_phase(workbench):
    html = workbench.page(AFTER, TRAINER, view="studio_view").content.decode()
    assert '<option value="after" selected>After the course</option>' in html
    settings = {"display_name": "Start", "check_id": "sales-2026", "phase": "after", **FOLLOWUP}
    response = workbench.post(BEFORE, "studio_submit", TRAINER, {**settings, "body": COMPETENCY})
    assert response.status_code == 200, response.content
    definition = stored_block(workbench, BEFORE).authored
    assert (definition.check_id, definition.phase, len(definition.competencies)) == (
        "sales-2026",
        "after",
        1,
    )
    saved = authored(workbench, BEFORE)
    refused = workbench.post(
        BEFORE, "studio_submit", TRAINER, {**settings, "check_id": "bad id", "body": COMPETENCY}
    )
    assert refused.status_code == 400 and "check id 'bad id'" in refused.json()["error"]
    assert refused.json()["field"] == "check_id"
    assert authored(workbench, BEFORE) == saved


def test_studio_warns_about_a_pulse_that_has_already_closed(workbench):
    messages = stored_block(workbench, CLOSED).validate().messages
    assert [message.type for message in messages] == [ValidationMessage.WARNING]
    assert "learners can no longer answer it" in messages[0].text
    assert stored_block(workbench, PULSE).validate().messages == []


@pytest.mark.parametrize(
    "scenario_id, name, value, attribute",
    [
        (PULSE, "display_name", " ", 'display_name=" "'),
        (PULSE, "anonymous", "maybe", 'anonymous="maybe"'),
        (PULSE, "opens", "soon", 'opens="soon"'),
        (
            PULSE,
            "closes",
            "2026-03-01T09:00",
            'opens="2026-03-02T09:00:00Z" closes="2026-03-01T09:00:00Z"',
        ),
        (BEFORE, "check_id", "bad id", 'check_id="bad id"'),
        (BEFORE, "phase", "during", 'phase="during"'),
        (BEFORE, "followup_date", "in May", 'followup_date="in May"'),
        (BEFORE, "followup_days", 0, 'followup_days="0"'),
    ],
)
def test_the_olx_import_refuses_what_the_editor_refuses(
    workbench, olx_block, scenario_id, name, value, attribute
):
    saved = {
        PULSE: {**PULSE_SETTINGS, "body": NEW_QUESTIONS},
        BEFORE: {
            "display_name": "Start",
            "check_id": "a",
            "phase": "after",
            **FOLLOWUP,
            "body": COMPETENCY,
        },
    }[scenario_id]
    refused = workbench.post(scenario_id, "studio_submit", TRAINER, {**saved, name: value})
    assert refused.status_code == 400 and refused.json()["field"] == name, refused.content
    tag = stored_block(workbench, scenario_id).scope_ids.block_type
    with pytest.raises(OlxError):
        olx_block(f"<{tag} {attribute}>{saved['body']}</{tag}>")


@pytest.mark.parametrize(
    ("scenario_id", "body", "key", "first"),
    [
        (PULSE, NEW_QUESTIONS, "questions", {"id": "mood", "kind": "stars", "options": []}),
        (BEFORE, COMPETENCY, "competencies", {"id": "x", "levels": ["L1", "L2", "L3", "L4", "L5"]}),
    ],
)
def test_the_editor_model_reads_the_content_xml_and_saves_nothing(
    workbench, scenario_id, body, key, first
):
    before = authored(workbench, scenario_id)
    answer = workbench.post(scenario_id, "editor_model", TRAINER, {"xml": body})
    assert answer.status_code == 200, answer.content
    model = answer.json()["model"]
    assert model["intro"] == "" and len(model[key]) == 1
    assert first.items() <= model[key][0].items()
    assert answer.json()["problems"] == []
    assert authored(workbench, scenario_id) == before


@pytest.mark.parametrize(
    ("payload", "says"),
    [
        ({"xml": '<question id="x" kind="poll"><text>X</text></question>'}, "kind 'poll'"),
        ({"xml": "<question"}, "not well formed"),
        ({"xml": ["<question/>"]}, ""),
        ({}, ""),
    ],
)
def test_the_editor_model_refuses_unreadable_content_with_400(workbench, payload, says):
    before = authored(workbench)
    answer = workbench.post(PULSE, "editor_model", TRAINER, payload)
    assert answer.status_code == 400 and says in answer.json()["error"]
    if says:
        assert answer.json()["field"] == "body" and answer.json()["line"] == 1
    assert authored(workbench) == before


def test_a_learner_cannot_call_the_editor_model(workbench):
    answer = workbench.post(PULSE, "editor_model", "alice", {"xml": NEW_QUESTIONS})
    assert answer.status_code == 403 and "authors" in answer.json()["error"]
