"""Learners play the demo scenario through the real handlers: state on the server, grades, events,
resume."""

import csv
import io

import pytest
from lxml import html as lxml_html

from spoc_xblocks.common.models import ActivityRecord
from spoc_xblocks.serious_game.models import Run, Step
from tests.downloads import csv_text

from .conftest import EN, FAILURE_PATH, FR, STRICT, SUCCESS_PATH, choice_payloads


def test_the_page_offers_to_start_before_any_run(workbench):
    html = workbench.page(EN, "alice").content.decode()
    assert 'data-spoc-handler="start"' in html and "Customer complaint call" in html


def test_playing_to_a_success_ending_publishes_grade_completion_and_events(
    player, published_events
):
    alice = player()
    alice.start()
    answer = alice.play(SUCCESS_PATH)
    assert "Resolved" in answer["html"] and "Outcome: success" in answer["html"]
    grades = [data for kind, data in published_events if kind == "grade"]
    assert grades == [{"value": pytest.approx(grades[0]["value"]), "max_value": 1}]
    assert 0 < grades[0]["value"] <= 1
    assert ("completion", {"completion": 1.0}) in published_events
    kinds = [kind for kind, _data in published_events]
    assert kinds.count("spoc.serious_game.choice_made") == len(SUCCESS_PATH)
    assert "spoc.serious_game.ending_reached" in kinds and "spoc.serious_game.run_started" in kinds
    run = Run.objects.get()
    assert (
        run.status == Run.FINISHED and run.ending_id == "end_resolved" and run.outcome == "success"
    )
    assert Step.objects.filter(run=run).count() == len(SUCCESS_PATH)
    assert ActivityRecord.objects.filter(verb="ending_reached").count() == 1


def test_the_ending_shows_the_debrief_scores_and_the_choices_made(player, workbench):
    alice = player()
    alice.start()
    alice.play(SUCCESS_PATH)
    html = workbench.page(EN, "alice").content.decode()
    assert "Your choices" in html and "Points per competency" in html and "Empathy" in html
    assert "Your score:" in html


def test_events_carry_no_personal_text(player, published_events):
    alice = player()
    alice.start()
    alice.play(FAILURE_PATH)
    for kind, data in published_events:
        if kind.startswith("spoc."):
            assert "alice" not in repr(data)
            assert all(
                isinstance(value, (int, float, str, dict, type(None))) for value in data.values()
            )


def test_a_failure_ending_grades_zero_by_ending(player, published_events):
    bob = player("bruno", STRICT)
    bob.start()
    bob.play(FAILURE_PATH)
    assert [data for kind, data in published_events if kind == "grade"] == [
        {"value": 0.0, "max_value": 1}
    ]


def test_leaving_and_coming_back_resumes_the_run_where_it_stood(player, workbench):
    alice = player()
    alice.start()
    alice.play(SUCCESS_PATH[:3])
    html = workbench.page(EN, "alice").content.decode()
    assert "Security check" in html
    assert {payload["position"] for payload in choice_payloads(html)} == {3}


def test_variables_are_shown_escaped_and_conditions_disable_choices(player, workbench):
    alice = player()
    alice.start()
    answer = alice.play(["continue", "account_number", "skip_check"])
    assert "Not available yet" in answer["html"]


def test_undo_reverts_the_last_choice_and_its_points(player, published_events):
    alice = player()
    alice.start()
    alice.play(["continue", "apologise"])
    response = alice.post("back", {"position": 2})
    assert response.status_code == 200
    assert "An angry caller" in response.json()["html"]
    run = Run.objects.get()
    assert (
        run.step_count == 1
        and run.node_id == "opening"
        and Step.objects.filter(run=run).count() == 1
    )


def test_replay_counts_attempts_and_refuses_past_the_limit(player):
    hugo = player("hugo", STRICT)
    hugo.start()
    hugo.play(FAILURE_PATH)
    hugo.start()
    hugo.play(FAILURE_PATH)
    response = hugo.post("start", {})
    assert response.status_code == 400
    assert "all 2 attempts" in response.json()["error"]
    assert Run.objects.filter(learner_id__isnull=False).count() == 2


@pytest.mark.platform_only
def test_the_courses_maximum_attempts_for_problems_does_not_limit_the_scenario(player, workbench):
    """Courses often set "Maximum Attempts" (max_attempts) for their problems, and the platform
    gives that value to every block field of that name that has none of its own: the game's own
    limit (none here) holds."""
    workbench.content.inherit(max_attempts=1)
    alice = player()
    for _attempt in range(2):
        alice.start()
        alice.play(FAILURE_PATH)
    assert Run.objects.count() == 2


def test_the_grade_kept_follows_the_replay_policy(player, published_events):
    ines = player("ines", STRICT)  # policy: last
    ines.start()
    ines.play(SUCCESS_PATH)
    ines.start()
    ines.play(FAILURE_PATH)
    grades = [data["value"] for kind, data in published_events if kind == "grade"]
    assert grades == [1.0, 0.0]


def test_the_french_scenario_is_played_in_french(workbench):
    html = workbench.page(FR, "alice", language="fr").content.decode()
    assert "Commencer" in html


def _grade_kept(html: str) -> str:
    sentences = lxml_html.fromstring(html).xpath('//*[contains(@class, "spoc-sg__grade-kept")]')
    return " ".join(" ".join(sentence.text_content().split()) for sentence in sentences)


def test_before_playing_again_the_ending_says_the_last_attempt_replaces_the_grade(player):
    """Graded by the last attempt, "Play again" may lower the grade: the learner reads so, with
    the grade at stake, next to the button."""
    hugo = player("hugo", STRICT)
    hugo.start()
    answer = hugo.play(["continue", "deny", "transfer"])
    sentence = _grade_kept(answer["html"])
    assert "Your grade is your last attempt: playing again replaces your 50%" in sentence
    assert "even if it is lower" in sentence


def test_before_playing_again_the_ending_says_the_best_attempt_counts(player):
    alice = player()
    alice.start()
    answer = alice.play(SUCCESS_PATH)
    assert "Your best attempt counts: your grade stays at" in _grade_kept(answer["html"])


def test_no_sentence_about_the_grade_when_no_replay_is_left(player):
    hugo = player("hugo", STRICT)
    for _attempt in range(2):
        hugo.start()
        answer = hugo.play(FAILURE_PATH)
    assert _grade_kept(answer["html"]) == ""


PASSED_ON_PATH = ["continue", "deny", "transfer"]


def test_by_path_a_partial_ending_scores_its_minimum_and_says_how(player, published_events):
    """The demo's "Passed on" ending earns no points on the way: graded by path it used to score
    0 %; it is worth the 50 % its author gave it, and the page says how that was computed."""
    alice = player()
    alice.start()
    answer = alice.play(PASSED_ON_PATH)
    assert [data for kind, data in published_events if kind == "grade"] == [
        {"value": 0.5, "max_value": 1}
    ]
    text = " ".join(answer["html"].split())
    assert "Your score: 50%" in text
    assert "Graded by path: you earned 0 of the" in text
    assert "This ending is worth at least 50%, so that is your score." in text


def test_the_debrief_says_how_scores_are_computed(player, workbench):
    alice = player()
    alice.start()
    alice.play(PASSED_ON_PATH)
    text = " ".join(workbench.page(EN, "trainer").content.decode().split())
    assert "Graded by path: each finished run scores the points it earned divided by" in text
    assert "Passed on (50%)" in text
    assert "50%</span> average score" in text


def test_someone_signed_out_is_asked_to_sign_in_and_sees_no_scenario(workbench):
    html = workbench.page(EN, "none").content.decode()
    assert "Sign in to play this scenario." in html
    assert "data-spoc-handler" not in html and "Customer complaint call" not in html


def test_the_csv_export_gives_a_partial_ending_the_score_the_learner_was_given(player, workbench):
    alice = player()
    alice.start()
    alice.play(PASSED_ON_PATH)
    rows = list(csv.DictReader(io.StringIO(csv_text(workbench.get(EN, "export_runs", "trainer")))))
    assert [(row["ending"], row["score"]) for row in rows] == [("end_ticket", "0.5")]
    assert rows[0]["points_empathy"] == "0" and rows[0]["points_compliance"] == "0"


START_IS_ENDING = """<scenario start="over" title="Already over">
  <node id="over" kind="ending" title="Nothing to decide" outcome="partial" score="40">
    <body><![CDATA[<p>The call was taken by a colleague.</p>]]></body>
  </node>
</scenario>"""


def test_a_start_node_that_is_an_ending_finishes_the_run_with_completion_and_grade(
    workbench, player, published_events
):
    workbench.set_fields(STRICT, scenario_xml=START_IS_ENDING)
    alice = player(scenario_id=STRICT)
    answer = alice.start()
    assert "Nothing to decide" in answer["html"] and "Outcome: partial" in answer["html"]
    run = Run.objects.get()
    assert (run.status, run.ending_id, run.score) == (Run.FINISHED, "over", 0.4)
    assert ("completion", {"completion": 1.0}) in published_events
    assert [data for kind, data in published_events if kind == "grade"] == [
        {"value": 0.4, "max_value": 1}
    ]
    assert 'data-spoc-handler="start"' in workbench.page(STRICT, "alice").content.decode()


def test_a_run_left_waiting_on_a_starting_ending_is_finished_when_the_page_is_next_shown(
    workbench, published_events
):
    """Runs opened before the handler finished them stood on the ending with no button, playing."""
    from spoc_xblocks.serious_game import api

    workbench.set_fields(STRICT, scenario_xml=START_IS_ENDING)
    block = workbench.stored_block(STRICT)
    version = api.ensure_version(block.usage_key, START_IS_ENDING)
    api.start_run(
        block.course_key, block.usage_key, workbench.anonymous_id("alice"), version, "over"
    )
    html = workbench.page(STRICT, "alice").content.decode()
    assert "Nothing to decide" in html and 'data-spoc-handler="start"' in html
    assert Run.objects.get().status == Run.FINISHED
    assert ("completion", {"completion": 1.0}) in published_events
