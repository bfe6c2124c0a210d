"""Every bad request gets a clear 400 (or 403) with a JSON error, and changes nothing."""

import pytest
from django.core.cache import cache

from spoc_xblocks.serious_game.models import Run, ScenarioVersion, Step

from .conftest import EN, FAILURE_PATH, SUCCESS_PATH


def _snapshot():
    return (
        list(Run.objects.values_list("id", "status", "step_count", "node_id")),
        list(Step.objects.values_list("id", "position", "choice_id")),
    )


def assert_refused(response, fragment, before, status=400):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert fragment in response.json()["error"]
    assert _snapshot() == before


def test_a_forged_choice_id_is_refused(player):
    alice = player()
    alice.start()
    before = _snapshot()
    assert_refused(alice.choose("not-a-choice"), "has no choice", before)


def test_a_choice_whose_condition_is_false_is_refused(player):
    alice = player()
    alice.start()
    alice.play(["continue", "account_number", "skip_check"])
    before = _snapshot()
    assert_refused(alice.choose("refund"), "not available now", before)


def test_a_step_after_an_ending_is_refused(player):
    alice = player()
    alice.start()
    alice.play(FAILURE_PATH)
    before = _snapshot()
    assert_refused(alice.choose("continue", position=3), "no scenario in progress", before)


def test_the_choice_that_ended_the_run_sent_again_is_answered_without_a_new_step(player):
    alice = player()
    alice.start()
    alice.play(FAILURE_PATH)
    before = _snapshot()
    again = alice.choose(
        FAILURE_PATH[-1], position=len(FAILURE_PATH) - 1
    )  # a network retry of the last click
    assert again.status_code == 200, again.content
    assert _snapshot() == before


def test_a_step_before_starting_is_refused(player):
    assert_refused(player().choose("continue"), "no scenario in progress", _snapshot())


def test_a_stale_position_is_refused_and_a_double_click_is_harmless(player):
    alice = player()
    alice.start()
    alice.play(["continue"])
    twice = alice.choose("continue", position=0)
    assert twice.status_code == 200  # the same click again: answered with the current screen
    assert Step.objects.count() == 1
    before = _snapshot()
    assert_refused(alice.choose("apologise", position=5), "out of date", before)


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"not json", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b'{"choice_id": 3, "position": 0}', "must be text"),
        (b'{"choice_id": "x", "position": -1}', "must be from 0 to"),
        (b'{"choice_id": "x", "position": 0, "evil": 1}', "Unexpected field"),
        (b'{"choice_id": "' + b"x" * 300 + b'", "position": 0}', "longer than"),
    ],
)
def test_malformed_payloads_are_refused(player, raw, fragment):
    alice = player()
    alice.start()
    before = _snapshot()
    assert_refused(alice.post("choose", raw=raw), fragment, before)


def test_get_is_refused_on_json_handlers(workbench):
    response = workbench.get(EN, "choose", "alice")
    assert response.status_code == 405 and "POST" in response.json()["error"]


def test_an_author_edit_does_not_strand_a_learner_mid_run(player, workbench, scenarios):
    alice = player()
    alice.start()
    alice.play(SUCCESS_PATH[:3])
    block = workbench.stored_block(EN)
    block.scenario_xml = block.scenario_xml.replace(
        'id="verify" kind="decision"', 'id="check" kind="decision"'
    ).replace('target="verify"', 'target="check"')
    block.save()
    assert alice.play(SUCCESS_PATH[3:])["html"].count("Resolved") >= 1
    assert Run.objects.get().status == Run.FINISHED
    assert ScenarioVersion.objects.count() == 1  # the run finished on the version it started with


def alice_mid_run_on_a_snapshot_that_no_longer_replays(player):
    """Alice two choices into a run whose stored snapshot lost one of the choices she made."""
    alice = player()
    alice.start()
    alice.play(SUCCESS_PATH[:2])
    version = ScenarioVersion.objects.get()
    version.scenario_xml = version.scenario_xml.replace('id="apologise"', 'id="apologise_v2"')
    version.save()
    # snapshots are cached as immutable: this one is corrupted behind the cache's back
    cache.clear()
    return alice


def test_a_run_whose_version_cannot_replay_restarts_with_a_message(player):
    alice = alice_mid_run_on_a_snapshot_that_no_longer_replays(player)
    response = alice.choose(SUCCESS_PATH[2])
    assert response.status_code == 200
    assert "changed this scenario" in response.json()["html"]
    assert Run.objects.get().status == Run.ABANDONED


def test_the_page_of_a_run_that_cannot_replay_offers_a_fresh_start(player, workbench):
    alice_mid_run_on_a_snapshot_that_no_longer_replays(player)
    html = workbench.page(EN, "alice").content.decode()
    assert "changed this scenario" in html and 'data-spoc-handler="start"' in html
    assert Run.objects.get().status == Run.ABANDONED
