"""Importing an H5P Branching Scenario from content.json or a .h5p package, with its fidelity
report."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from spoc_xblocks.serious_game.importers import ScenarioImportError, import_h5p
from spoc_xblocks.serious_game.importers.report import MAX_IMPORT_BYTES
from spoc_xblocks.serious_game.logic.engine import replay
from spoc_xblocks.serious_game.logic.scoring import best_totals
from spoc_xblocks.serious_game.logic.validate import validate

FIXTURE = Path(__file__).parent / "fixtures" / "broken_product.content.json"


def _content(**scoring) -> dict:
    content = json.loads(FIXTURE.read_text(encoding="utf-8"))
    content["branchingScenario"]["scoringOptionGroup"].update(scoring)
    return content


def _package(content_json: bytes, manifest: dict | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "h5p.json",
            json.dumps(
                manifest or {"title": "From the package", "mainLibrary": "H5P.BranchingScenario"}
            ),
        )
        archive.writestr("content/content.json", content_json)
        archive.writestr("content/images/file-5f2b.png", b"\x89PNG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def result():
    return import_h5p(FIXTURE.read_text(encoding="utf-8"))


def test_nodes_are_indexed_and_endings_are_added(result):
    scenario = result.scenario
    assert scenario.start == "0"
    assert scenario.title == "Broken on arrival"
    assert [(node.id, node.kind) for node in scenario.nodes] == [
        ("0", "content"),
        ("1", "decision"),
        ("2", "content"),
        ("3", "content"),
        ("4", "content"),
        ("5", "content"),
        ("end_1_3", "ending"),
        ("end", "ending"),
    ]


def test_branching_question_alternatives_become_choices_with_feedback(result):
    question = result.scenario.node("1")
    assert question.title == "First reaction"
    assert question.body == "<p>The product arrived broken. What do you do?</p>"
    assert [(choice.text, choice.target) for choice in question.choices] == [
        ("Apologise and offer a replacement", "2"),
        ("Ask for a photo first", "3"),
        ("Say it is the courier's fault", "end_1_3"),
    ]
    assert question.choices[0].feedback == "Good choice\n\nOwning the problem builds trust."


def test_a_loop_back_keeps_its_target(result):
    assert [choice.target for choice in result.scenario.node("4").choices] == ["1"]


def test_feedback_on_an_ending_alternative_makes_a_custom_ending(result):
    ending = result.scenario.node("end_1_3")
    assert ending.title == "The customer leaves"
    assert (ending.body, ending.score) == ("<p>Blaming others loses customers.</p>", 0)


def test_the_default_end_screen_becomes_the_shared_ending(result):
    assert result.scenario.node("5").choices[0].target == "end"
    ending = result.scenario.node("end")
    assert (ending.title, ending.body) == ("Well done", "<p>You handled the complaint.</p>")


def test_text_image_and_video_content(result):
    scenario = result.scenario
    assert scenario.node("2").body == "<p>You send a replacement the same day.</p>"
    assert (scenario.node("4").image_url, scenario.node("4").image_alt) == (
        "/static/file-5f2b.png",
        "A cracked mug in its box",
    )
    assert scenario.node("5").video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    assert all(len(node.choices) == 1 for node in scenario.nodes if node.kind == "content")


def test_the_start_screen_subtitle_opens_the_first_node(result):
    assert result.scenario.node("0").body == (
        "<p>A customer calls about a damaged product.</p>"
        "<p>The phone rings. The customer sounds upset.</p>"
    )


def test_package_pictures_are_listed_as_course_assets_to_upload(result):
    by_code = {note.code: note.params for note in result.notes}
    assert by_code["assets_to_upload"] == {"names": "file-5f2b.png"}
    assert "Files & Uploads" in next(
        note.text() for note in result.notes if note.code == "assets_to_upload"
    )


def test_an_unknown_content_type_is_reported():
    content = _content()
    content["branchingScenario"]["content"][3]["type"]["library"] = "H5P.Timeline 1.1"
    found = import_h5p(json.dumps(content))
    assert {note.code: note.params for note in found.notes}["unsupported_content"] == {
        "index": 3,
        "title": "Inspect the photo",
        "library": "H5P.Timeline",
    }
    assert found.scenario.node("3").body == ""


def test_static_scoring_grades_by_ending_rescaled_to_100(result):
    assert result.grading_mode == "ending"
    assert (result.scenario.node("end").score, result.scenario.node("end_1_3").score) == (100, 0)
    assert "scores_rescaled" in [note.code for note in result.notes]


def test_dynamic_scoring_grades_by_path_with_a_single_score_competency():
    result = import_h5p(json.dumps(_content(scoringOption="dynamic-score")))
    assert result.grading_mode == "path"
    assert [competency.id for competency in result.scenario.competencies] == ["score"]
    assert [choice.points for choice in result.scenario.node("1").choices] == [
        (("score", 5),),
        (),
        (),
    ]
    assert all(node.score == 0 for node in result.scenario.nodes if node.is_ending)


def test_no_score_is_ungraded():
    result = import_h5p(json.dumps(_content(scoringOption="no-score")))
    assert result.grading_mode == "ungraded"
    assert result.scenario.competencies == ()


def test_a_package_is_read_from_memory_with_its_title():
    content = json.loads(FIXTURE.read_text(encoding="utf-8"))
    content["branchingScenario"]["startScreen"]["startScreenTitle"] = ""
    result = import_h5p(_package(json.dumps(content).encode()))
    assert result.scenario.title == "From the package"
    assert len(result.scenario.nodes) == 8


def test_a_package_of_another_content_type_is_refused():
    with pytest.raises(
        ScenarioImportError, match="H5P.CoursePresentation, not a Branching Scenario"
    ):
        import_h5p(_package(b"{}", {"mainLibrary": "H5P.CoursePresentation"}))


def test_an_oversized_content_json_inside_a_package_is_refused():
    bomb = b"{" + b" " * (MAX_IMPORT_BYTES + 10) + b"}"  # compresses to a few kilobytes
    package = _package(bomb)
    assert len(package) < 100_000
    with pytest.raises(ScenarioImportError, match="the limit is"):
        import_h5p(package)


def test_a_broken_package_is_refused():
    with pytest.raises(ScenarioImportError, match="cannot be read"):
        import_h5p(b"PK\x03\x04" + b"\x00" * 40)


@pytest.mark.parametrize(
    "text, message",
    [
        ("{not json", "content.json is not valid JSON"),
        ('{"branchingScenario": {"content": []}}', "not an H5P Branching Scenario"),
        ("[1, 2]", "not an H5P Branching Scenario"),
        ("[" * 100_000, "nested too deeply"),
        ('{"title": "\\ud800"}', "not valid Unicode"),
    ],
)
def test_bad_content_json_is_refused(text, message):
    with pytest.raises(ScenarioImportError, match=message):
        import_h5p(text)


def test_missing_next_content_id_ends_on_the_default_screen_and_out_of_range_targets_are_reported():
    content = {
        "branchingScenario": {
            "content": [
                {
                    "type": {"library": "H5P.AdvancedText 1.1", "params": {"text": "<p>a</p>"}},
                    "nextContentId": 7,
                },
                {"type": {"library": "H5P.AdvancedText 1.1", "params": {"text": "<p>b</p>"}}},
            ]
        }
    }
    result = import_h5p(json.dumps(content))
    assert [node.choices[0].target for node in result.scenario.nodes[:2]] == ["7", "end"]
    assert [note.code for note in result.notes] == ["dangling_target"]


def _text(text: str, next_id: int, **fields) -> dict:
    return {
        "type": {"library": "H5P.AdvancedText 1.1", "params": {"text": f"<p>{text}</p>"}},
        "nextContentId": next_id,
        **fields,
    }


def _question(question: str, *alternatives: tuple[str, int, dict]) -> dict:
    return {
        "type": {
            "library": "H5P.BranchingQuestion 1.0",
            "params": {
                "branchingQuestion": {
                    "question": f"<p>{question}</p>",
                    "alternatives": [
                        {"text": text, "nextContentId": next_id, "feedback": feedback}
                        for text, next_id, feedback in alternatives
                    ],
                }
            },
        }
    }


def _small_package(scoring: str, *content: dict, default_end_score: int = 0) -> bytes:
    """A .h5p package holding only the given items, scored as `scoring`."""
    params = {
        "content": list(content),
        "endScreens": [
            {"endScreenTitle": "The end", "endScreenScore": default_end_score, "contentId": -1}
        ],
        "scoringOptionGroup": {"scoringOption": scoring, "includeInteractionsScores": False},
    }
    return _package(json.dumps({"branchingScenario": params}).encode())


def test_a_static_end_score_is_divided_by_h5ps_maximum_where_the_default_stands_in():
    """H5P's maximum counts the default end's score (8) for an end without a score of its own,
    even when no way leads to the default end."""
    result = import_h5p(
        _small_package(
            "static-end-score",
            _question(
                "How did it go?",
                ("Well", -1, {"title": "Half way", "endScreenScore": 4}),
                ("Badly", -1, {"title": "Unscored end"}),
            ),
            default_end_score=8,
        )
    )
    scenario = result.scenario
    assert result.grading_mode == "ending" and scenario.scoring == "every-time"
    assert [(node.id, node.score) for node in scenario.nodes if node.is_ending] == [
        ("end_0_1", 50),
        ("end_0_2", 0),
    ]
    assert all(not choice.points for node in scenario.nodes for choice in node.choices)


def test_a_dynamic_score_replaces_a_revisited_nodes_score_and_skips_links_to_the_first_node():
    result = import_h5p(
        _small_package(
            "dynamic-score",
            _text("Intro", 1, feedback={"endScreenScore": 3}),
            _question(
                "What do you do?",
                ("Listen", 2, {"endScreenScore": 2}),
                ("Interrupt", 2, {"endScreenScore": 0}),
                ("Hang up", -1, {"title": "Lost", "endScreenScore": 9}),
            ),
            _question("Try again?", ("Yes", 1, {}), ("From the top", 3, {}), ("No", -1, {})),
            _text("Back to the intro", 0, feedback={"endScreenScore": 7}),
        )
    )
    scenario = result.scenario
    assert result.grading_mode == "path" and scenario.scoring == "last-per-node"
    assert [[choice.points for choice in node.choices] for node in scenario.nodes[:4]] == [
        [(("score", 3),)],
        [(("score", 2),), (), ()],
        [(), (), ()],
        [()],
    ]
    assert not [problem for problem in validate(scenario) if problem.level == "error"]
    assert best_totals(scenario).total == 5
    retried = replay(scenario, 1, ["continue", "alternative_1", "alternative_1", "alternative_2"])
    assert retried.points_by_competency == {"score": 3}
    assert "dynamic_maximum" in result.note_codes()


def test_no_score_imports_ungraded_without_points():
    result = import_h5p(
        _small_package(
            "no-score",
            _question(
                "Ready?",
                ("Yes", -1, {"title": "Done", "endScreenScore": 5}),
                ("No", 1, {"endScreenScore": 2}),
            ),
            _text("Then read this", -1),
            default_end_score=10,
        )
    )
    scenario = result.scenario
    assert result.grading_mode == "ungraded" and scenario.competencies == ()
    assert all(not choice.points for node in scenario.nodes for choice in node.choices)
    assert all(node.score == 0 for node in scenario.nodes if node.is_ending)


def _item(library: str, params: dict, next_id: int) -> dict:
    return {"type": {"library": library, "params": params}, "nextContentId": next_id}


def _action(library: str, **params) -> dict:
    return {"library": library, "params": params}


def media_params() -> dict:
    """Every content type a Branching Scenario holds, with pictures and videos of the package."""
    presentation = {
        "presentation": {
            "slides": [
                {
                    "keywords": [{"main": "Welcome"}],
                    "elements": [
                        {
                            "action": _action(
                                "H5P.AdvancedText 1.1", text="<p>Hello</p><script>x</script>"
                            )
                        },
                        {
                            "action": _action(
                                "H5P.Image 1.1", file={"path": "images/chart.png"}, alt="Chart"
                            )
                        },
                        {
                            "action": _action(
                                "H5P.MultiChoice 1.16",
                                question="<p>Which?</p>",
                                answers=[{"text": "<div>A</div>", "correct": True}, {"text": "B"}],
                            )
                        },
                    ],
                },
                {
                    "elements": [
                        {
                            "action": _action(
                                "H5P.Blanks 1.14",
                                text="<p>Fill in</p>",
                                questions=["<p>The sky is *blue*.</p>"],
                            )
                        },
                        {"action": _action("H5P.Audio 1.5", files=[{"path": "audios/a.mp3"}])},
                        {
                            "action": _action(
                                "H5P.Video 1.6", sources=[{"path": "https://example.org/v.mp4"}]
                            )
                        },
                    ]
                },
            ]
        }
    }
    hotspots = {
        "image": {"path": "images/map.jpg"},
        "backgroundImageAltText": "Office map",
        "hotspots": [
            {
                "header": "Desk",
                "content": [
                    _action("H5P.Text 1.1", text="<p>Your desk</p>"),
                    _action("H5P.Audio 1.5", files=[]),
                ],
            }
        ],
    }
    interactive_video = {
        "interactiveVideo": {
            "video": {
                "files": [{"path": "videos/intro.mp4"}],
                "textTracks": {"videoTrack": [{"label": "English", "track": {"path": "a.vtt"}}]},
            },
            "assets": {
                "interactions": [
                    {
                        "duration": {"from": 75},
                        "action": _action("H5P.Text 1.1", text="<p>Note this</p>"),
                    },
                    {
                        "duration": {"from": 5},
                        "action": _action("H5P.TrueFalse 1.8", question="<p>True?</p>"),
                    },
                ]
            },
            "summary": {"task": {"params": {"summaries": [{"summary": ["a", "b"]}]}}},
        }
    }
    video = {"sources": [{"path": "videos/clip.mp4"}], "a11y": {"videoTrack": [{"label": "Fr"}]}}
    params = {
        "startScreen": {
            "startScreenTitle": "Media tour",
            "startScreenImage": {"path": "images/start.png"},
            "startScreenAltText": "Shop front",
        },
        "content": [
            _item("H5P.CoursePresentation 1.27", presentation, 1),
            _item("H5P.ImageHotspots 1.10", hotspots, 2),
            _item("H5P.InteractiveVideo 1.28", interactive_video, 3),
            _item("H5P.Video 1.6", video, 4),
            _question(
                "Done?",
                ("Again", 0, {"title": "Once more", "image": {"path": "images/retry.png"}}),
                ("Yes", -1, {"title": "Bye", "image": {"path": "images/bye.png"}}),
            ),
        ],
        "endScreens": [{"endScreenTitle": "The end", "contentId": -1}],
        "scoringOptionGroup": {"scoringOption": "no-score"},
    }
    return params


@pytest.fixture(scope="module")
def media():
    return import_h5p(_package(json.dumps({"branchingScenario": media_params()}).encode()))


def _notes(result, code: str) -> list[dict]:
    return [note.params for note in result.notes if note.code == code]


def test_presentation_slides_come_over_as_sanitised_text_pictures_and_questions(media):
    node = media.scenario.node("0")
    assert node.body == (
        '<p><img src="/static/start.png" alt="Shop front"></p>'
        "<h3>Welcome</h3><p>Hello</p>"
        '<p><img src="/static/chart.png" alt="Chart"></p>'
        "<p>Which?</p><ul><li><div>A</div></li><li>B</li></ul>"
        "<hr><p>Fill in</p><p>The sky is _____.</p>"
    )
    assert node.video_url == "https://example.org/v.mp4"
    assert {"node": "0", "library": "H5P.Audio", "count": 1} in _notes(media, "content_left_out")
    assert {"node": "0", "count": 2} in _notes(media, "questions_as_text")


def test_hotspots_give_the_picture_and_each_hotspots_text(media):
    node = media.scenario.node("1")
    assert (node.image_url, node.image_alt) == ("/static/map.jpg", "Office map")
    assert node.body == "<h3>Desk</h3><p>Your desk</p>"
    assert {"node": "1", "library": "H5P.Audio", "count": 1} in _notes(media, "content_left_out")


def test_an_interactive_video_gives_its_video_and_its_interactions_by_time(media):
    node = media.scenario.node("2")
    assert node.video_url == "/static/intro.mp4"
    assert node.body == "<h3>1:15</h3><p>Note this</p><h3>0:05</h3><p>True?</p>"
    assert {"node": "2", "library": "H5P.Summary", "count": 1} in _notes(media, "content_left_out")
    assert {"node": "2", "count": 1} in _notes(media, "captions_left_out")


def test_a_package_video_is_a_course_asset_and_its_captions_are_noted(media):
    assert media.scenario.node("3").video_url == "/static/clip.mp4"
    assert {"node": "3", "count": 1} in _notes(media, "captions_left_out")


def test_end_screen_pictures_go_in_the_debrief_and_feedback_pictures_are_noted(media):
    assert media.scenario.node("end_4_2").body == '<p><img src="/static/bye.png" alt=""></p>'
    assert _notes(media, "feedback_image_left_out") == [{"item": 4, "path": "images/retry.png"}]


def test_every_package_file_used_is_listed_once_to_upload(media):
    assert _notes(media, "assets_to_upload") == [
        {
            "names": "start.png, chart.png, map.jpg, intro.mp4, clip.mp4, bye.png",
        }
    ]
