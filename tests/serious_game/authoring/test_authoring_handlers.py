"""The editor's handlers: live check, import of Twee and H5P files, export to Twee; all for the
course team only."""

import base64
import io
import json
import zipfile

import pytest

from spoc_xblocks.serious_game.importers.report import MAX_IMPORT_BYTES
from spoc_xblocks.serious_game.logic.editor_model import model_of
from spoc_xblocks.serious_game.olx import scenario_from_xml
from tests.platform.site import COURSE_KEY

from .conftest import DANGLING_SCENARIO, EN, LEARNER, SMALL_SCENARIO, TRAINER, stored_block

SMALL_TWEE = """:: StoryTitle
Printer trouble

:: StoryData
{"ifid": "D674C58C-DEFA-4F70-B7A2-27742230C0FC", "start": "Desk"}

:: Desk
The printer is jammed.
[[Open the tray->Tray]]
[[Kick it->Broken]]

:: Tray
<<set $fixed to true>>Fixed.

:: Broken
It is broken now.
"""

SMALL_H5P = {
    "branchingScenario": {
        "title": "Parcel",
        "startScreen": {"startScreenTitle": "<p>A lost parcel</p>"},
        "endScreens": [{"endScreenTitle": "The end", "endScreenScore": 0, "contentId": -1}],
        "content": [
            {
                "type": {
                    "library": "H5P.BranchingQuestion 1.0",
                    "params": {
                        "branchingQuestion": {
                            "question": "<p>The parcel is late. What do you do?</p>",
                            "alternatives": [
                                {
                                    "text": "Track it",
                                    "nextContentId": -1,
                                    "feedback": {"title": "Found it", "endScreenScore": 10},
                                },
                                {
                                    "text": "Wait",
                                    "nextContentId": -1,
                                    "feedback": {"title": "Still waiting", "endScreenScore": 2},
                                },
                            ],
                        }
                    },
                },
            }
        ],
        "scoringOptionGroup": {"scoringOption": "static-end-score"},
    }
}


def _h5p_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "h5p.json", json.dumps({"title": "Parcel", "mainLibrary": "H5P.BranchingScenario"})
        )
        archive.writestr("content/content.json", json.dumps(SMALL_H5P))
    return buffer.getvalue()


def _import(workbench, filename, content, encoding="text", student=TRAINER):
    return workbench.post(
        EN,
        "import_scenario",
        student,
        {"filename": filename, "content": content, "encoding": encoding},
    )


# ---- live check ----------------------------------------------------------------------------------


def test_validate_scenario_returns_problems_with_node_ids_and_the_marked_map(workbench):
    response = workbench.post(EN, "validate_scenario", TRAINER, {"scenario_xml": DANGLING_SCENARIO})
    assert response.status_code == 200
    data = response.json()
    assert data["valid"] is False
    assert {
        "level": "error",
        "code": "choice_target_missing",
        "node_id": "intro",
        "choice_id": "bad",
        "text": "Choice 2 (“Bad”) of node 'intro' points to 'nowhere', which does not exist.",
    } in data["errors"]
    assert data["summary"].startswith("1 error")
    shown = data["sections"]
    assert shown["check-summary"] == data["summary"]
    assert shown["check-map"].startswith("<svg") and 'role="img"' in shown["check-map"]
    assert (
        'data-spoc-node="intro"' in shown["check-map"] and 'stroke="#a4262c"' in shown["check-map"]
    )
    assert "points to &#x27;nowhere&#x27;" in shown["check-problems"]


def test_validate_scenario_on_a_valid_scenario_lists_information_only(workbench):
    data = workbench.post(EN, "validate_scenario", TRAINER, {"scenario_xml": SMALL_SCENARIO}).json()
    assert data["valid"] is True and data["errors"] == [] and data["warnings"] == []
    assert [info["code"] for info in data["infos"]] == ["score_range"]
    assert data["summary"] == "No errors or warnings."


def test_validate_scenario_reports_unreadable_xml_with_its_line_and_no_map(workbench):
    data = workbench.post(
        EN, "validate_scenario", TRAINER, {"scenario_xml": "<scenario>\n<node>"}
    ).json()
    assert data["valid"] is False and data["sections"]["check-map"] == ""
    [error] = data["errors"]
    assert error["code"] == "olx" and error["line"] == 2 and "cannot be read" in error["text"]


def test_validate_scenario_saves_nothing(workbench):
    from .conftest import stored_block

    before = stored_block(workbench).scenario_xml
    workbench.post(EN, "validate_scenario", TRAINER, {"scenario_xml": SMALL_SCENARIO})
    assert stored_block(workbench).scenario_xml == before


# ---- import --------------------------------------------------------------------------------------


def test_import_of_a_small_twee_file_returns_scenario_xml_and_its_report(workbench):
    response = _import(workbench, "printer.twee", SMALL_TWEE)
    assert response.status_code == 200, response.content
    data = response.json()
    scenario = scenario_from_xml(data["scenario_xml"])
    assert scenario.title == "Printer trouble" and scenario.start == "Desk"
    assert {node.id for node in scenario.nodes} == {"Desk", "Tray", "Broken"}
    assert data["summary"][0].startswith("Passages: 3, which became nodes: 3 (3 reachable")
    assert any(line.startswith("Dropped: ") and "<<set>> × 1" in line for line in data["summary"])
    assert data["grading_mode"] is None


def test_twee_saved_as_a_txt_file_is_imported(workbench):
    response = _import(workbench, "printer.txt", SMALL_TWEE)
    assert response.status_code == 200, response.content
    assert scenario_from_xml(response.json()["scenario_xml"]).start == "Desk"


def test_the_import_report_groups_repeated_notes_into_one_line(workbench):
    endings = "".join(f":: End {n} [ending]\nDone.\n[[Again->Desk]]\n\n" for n in range(30))
    links = "".join(f"[[End {n}]]\n" for n in range(30))
    data = _import(workbench, "many.twee", f":: Desk\nPick.\n{links}\n{endings}").json()
    replay = [note for note in data["notes"] if "play-again" in note]
    assert len(replay) == 1 and "(29 more like this, in: 'End 1', " in replay[0]
    assert any("replay link on an ending × 30" in line for line in data["summary"])


def test_import_of_h5p_content_json_suggests_grading_by_ending(workbench):
    data = _import(workbench, "content.json", json.dumps(SMALL_H5P)).json()
    scenario = scenario_from_xml(data["scenario_xml"])
    assert scenario.title == "A lost parcel"
    assert data["grading_mode"] == "ending"
    assert any("outcome" in note for note in data["notes"])


def test_import_of_an_h5p_package_sent_as_base64(workbench):
    content = base64.b64encode(_h5p_package()).decode()
    data = _import(workbench, "parcel.h5p", content, "base64").json()
    assert scenario_from_xml(data["scenario_xml"]).start == "0"


@pytest.mark.parametrize(
    "filename, content, encoding, fragment",
    [
        (
            "story.docx",
            "whatever",
            "text",
            "Choose a .html, .htm, .tw, .twee, .txt, .json or .h5p file.",
        ),
        ("parcel.h5p", "not base64!", "base64", "did not arrive whole"),
        ("story.twee", "no passage here", "text", "no Twee passage"),
        ("content.json", '{"foo": 1}', "text", "not an H5P Branching Scenario"),
    ],
)
def test_import_of_a_bad_file_answers_400_with_a_reason(
    workbench, filename, content, encoding, fragment
):
    response = _import(workbench, filename, content, encoding)
    assert response.status_code == 400
    assert fragment in response.json()["error"]
    assert response.json()["field"] == "filename"  # shown next to the editor's file control


def test_import_refuses_a_file_over_the_limit(workbench):
    from spoc_xblocks.common.handlers import HandlerError
    from spoc_xblocks.serious_game.authoring import import_file

    with pytest.raises(HandlerError) as refused:
        import_file("huge.twee", ":: Start\n" + "x" * MAX_IMPORT_BYTES, "text")
    assert (
        refused.value.params["limit"].value == MAX_IMPORT_BYTES
        and refused.value.field == "filename"
    )
    assert "the limit is 2,097,152 bytes" in str(refused.value)


# ---- export --------------------------------------------------------------------------------------


def test_export_twee_downloads_the_saved_scenario_as_text(workbench):
    response = workbench.get(EN, "export_twee", TRAINER)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="customer-complaint-call.twee"'
    text = response.content.decode()
    assert text.startswith(":: StoryTitle\nCustomer complaint call") and ":: intro" in text


def test_the_exported_twee_imports_back_with_the_same_nodes(workbench):
    text = workbench.get(EN, "export_twee", TRAINER).content.decode()
    data = _import(workbench, "export.twee", text).json()
    reimported = scenario_from_xml(data["scenario_xml"])
    exported_ids = [line[3:].split(" {")[0] for line in text.splitlines() if line.startswith(":: ")]
    assert sorted(node.id for node in reimported.nodes) == sorted(
        set(exported_ids) - {"StoryTitle", "StoryData"}
    )


SIMULATION = "spoc_serious_game.3"


def test_a_simulation_exports_as_a_text_scenario_that_imports_back_and_plays_to_its_end(
    workbench,
):
    text = workbench.get(SIMULATION, "export_twee", TRAINER).content.decode()
    home = text.split(":: home ")[1].split("\n:: ")[0]
    assert "Screen: HelpDesk, your ticket queue: a search field" in home
    assert "A click anywhere else: Nothing happens there." in home
    assert "Hint: The search field is at the top of the screen." in home
    assert "[[Search customers->account]]" in home and "[[New ticket->home]]" in home
    account = text.split(":: account ")[1].split("\n:: ")[0]
    assert "Field to type into: Customer account number" in account
    assert "Typing “1042”: Account numbers start with AC-: type it in full." in account
    assert "[[Type “AC-1042”->customer]]" in account
    assert "[[Type 42.50, give or take 0.001->done]]" in text

    imported = _import(workbench, "export.twee", text).json()
    reimported = scenario_from_xml(imported["scenario_xml"])
    assert not any(node.is_simulation for node in reimported.nodes)
    workbench.set_fields(EN, scenario_xml=imported["scenario_xml"], grading_mode="ungraded")
    route = [
        "Search customers",
        "Type “AC-1042”",
        "Invoice INV-0815, March, paid twice",
        "Issue refund",
        "Type 42.50, give or take 0.001",
    ]
    assert workbench.post(EN, "start", LEARNER, {}).status_code == 200
    for position, label in enumerate(route):
        node_id = next(
            node.id for node in reimported.nodes if label in (c.text for c in node.choices)
        )
        choice = next(c for c in reimported.node(node_id).choices if c.text == label)
        answer = workbench.post(
            EN, "choose", LEARNER, {"choice_id": choice.id, "position": position}
        )
        assert answer.status_code == 200, (label, answer.content)
    assert "HelpDesk confirms: €42.50 refunded" in answer.json()["html"]
    assert "spoc-sg__panel--ending" in answer.json()["html"]


def test_the_editor_says_what_the_twee_export_approximates_and_leaves_out(workbench):
    page = workbench.page(SIMULATION, TRAINER, view="studio_view").content.decode()
    assert "The export approximates: accepted answer, as a link saying what to type × 2" in page
    assert "screen, as its description × 3" in page
    assert "It leaves out: choice feedback × 5, choice points × 10" in page
    assert "miss penalty × 5" in page


# ---- the scenario editor's model -----------------------------------------------------------------


def test_the_editor_model_reads_the_scenario_xml_as_its_form_shows_it_and_saves_nothing(workbench):
    before = stored_block(workbench).scenario_xml
    answer = workbench.post(EN, "editor_model", TRAINER, {"xml": DANGLING_SCENARIO})
    assert answer.status_code == 200, answer.content
    model = answer.json()["model"]
    assert (model["start"], model["title"], model["variables"]) == ("intro", "Small", [])
    assert [(node["id"], node["kind"]) for node in model["nodes"]] == [
        ("intro", "decision"),
        ("win", "ending"),
        ("lose", "ending"),
    ]
    assert model["nodes"][1]["score"] == "100" and model["nodes"][2]["outcome"] == "failure"
    # a dangling target is the live check's error, not a reason to refuse the form
    assert [choice["target"] for choice in model["nodes"][0]["choices"]] == ["win", "nowhere"]
    assert answer.json()["problems"] == []
    assert stored_block(workbench).scenario_xml == before


def test_a_scenario_the_form_cannot_write_back_whole_has_no_model(workbench, monkeypatch):
    """A node kind the form does not know yet would be lost by a form edit: the form is left out
    and says so; the XML tab still edits it."""
    from spoc_xblocks.serious_game import authoring

    def forgetful(scenario):  # a model that drops what it does not know, as a new kind would be
        model = model_of(scenario)
        model["nodes"][0]["title"] = ""
        return model

    monkeypatch.setattr(authoring, "model_of", forgetful)
    answer = workbench.post(EN, "editor_model", TRAINER, {"xml": SMALL_SCENARIO}).json()
    assert answer == {
        "model": None,
        "problems": [
            "This scenario holds parts the form cannot edit yet: edit it in the Advanced (XML) tab."
        ],
    }


def test_the_form_holds_a_simulation_whole_so_a_form_save_keeps_its_screens(workbench):
    """The form's model carries screens, hotspots, inputs and misses: the demo simulation has one,
    which reads back to the same scenario."""
    from pathlib import Path

    import spoc_xblocks.serious_game.demo as demo
    from spoc_xblocks.serious_game.logic.editor_model import scenario_of
    from spoc_xblocks.serious_game.olx import scenario_from_xml

    xml = (Path(demo.__file__).parent / "refund_simulation.en.xml").read_text()
    answer = workbench.post(EN, "editor_model", TRAINER, {"xml": xml}).json()
    assert answer["problems"] == []
    model = answer["model"]
    assert model["simulation"] == scenario_from_xml(xml).simulation
    assert any(node["screen"] and node["screen_src"] for node in model["nodes"])
    assert any(choice["hotspot"] for node in model["nodes"] for choice in node["choices"])
    assert any(node["input"] and node["answers"] for node in model["nodes"])
    assert scenario_of(model) == scenario_from_xml(xml)


@pytest.mark.parametrize(
    ("xml", "says", "line"),
    [
        ("<scenario start='a'>\n<node id='a' kind='maze'/></scenario>", "kind 'maze'", 2),
        ("<scenario start='a'>\n<node", "not well formed", 2),
    ],
)
def test_the_editor_model_refuses_unreadable_xml_naming_its_line(workbench, xml, says, line):
    answer = workbench.post(EN, "editor_model", TRAINER, {"xml": xml})
    assert answer.status_code == 400
    refusal = answer.json()
    assert (
        refusal["error"].startswith("The scenario XML cannot be read:") and says in refusal["error"]
    )
    assert (refusal["field"], refusal["line"]) == ("scenario_xml", line)


# ---- who may call them ---------------------------------------------------------------------------

POST_HANDLERS = {
    "validate_scenario": {"scenario_xml": SMALL_SCENARIO},
    "editor_model": {"xml": SMALL_SCENARIO},
    "import_scenario": {"filename": "a.twee", "content": SMALL_TWEE},
    "studio_submit": {"scenario_xml": SMALL_SCENARIO},
}


AUTHORS_ONLY = {"error": "Only the course's authors can change this block, in Studio."}


@pytest.mark.parametrize("handler", sorted(POST_HANDLERS))
def test_learners_get_403_on_every_authoring_handler(workbench, handler):
    response = workbench.post(EN, handler, LEARNER, POST_HANDLERS[handler])
    assert response.status_code == 403 and response.json() == AUTHORS_ONLY


# in a real Open edX these handlers are Studio's, where nobody masquerades
@pytest.mark.workbench_only
@pytest.mark.parametrize("handler", sorted(POST_HANDLERS))
def test_a_trainer_viewing_as_a_learner_gets_403_on_every_authoring_handler(workbench, handler):
    response = workbench.post(EN, handler, "trainer~alice", POST_HANDLERS[handler])
    assert response.status_code == 403 and response.json() == AUTHORS_ONLY


@pytest.mark.platform_only
def test_in_the_lms_even_the_trainer_cannot_edit_the_block(workbench):
    """The LMS holds the course's content read-only: authoring handlers reached there (not through
    Studio) refuse everyone, the trainer included, with a sentence instead of the platform's 500."""
    url = workbench.handler_url(EN, "studio_submit").replace(
        f"/cms/xblock/{workbench.usage_id(EN)}",
        f"/courses/{COURSE_KEY}/xblock/{workbench.usage_id(EN)}",
    )
    response = workbench.client.post(
        url, data="{}", content_type="application/json", HTTP_X_STANDIN_USER=TRAINER
    )
    assert response.status_code == 403 and response.json() == AUTHORS_ONLY


def test_learners_get_403_on_the_twee_export(workbench):
    response = workbench.get(EN, "export_twee", LEARNER)
    assert response.status_code == 403 and "Customer" not in response.content.decode()


def test_authoring_handlers_answer_only_post(workbench):
    response = workbench.get(EN, "validate_scenario", TRAINER)
    assert response.status_code == 405
