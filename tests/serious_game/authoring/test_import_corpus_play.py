"""Each story of the Twine import corpus, imported and saved through the editor's handlers, is
played by a learner from the start to an ending through the real learner handlers."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.serious_game.block.conftest import Player, choice_payloads

from .conftest import EN, TRAINER

CORPUS = Path(__file__).parents[1] / "formats" / "fixtures" / "corpus"
MAX_STEPS = 30


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.twee")), ids=lambda path: path.stem)
def test_an_imported_corpus_story_plays_from_start_to_an_ending(workbench, submit, path):
    imported = workbench.post(
        EN,
        "import_scenario",
        TRAINER,
        {"filename": f"{path.stem}.txt", "content": path.read_text(encoding="utf-8")},
    )
    assert imported.status_code == 200, imported.content
    saved = submit(imported.json()["scenario_xml"], allow_back=True, allow_replay=True)
    assert saved.status_code == 200, saved.content
    learner = Player(workbench, EN, "alice")
    html = learner.start()["html"]
    assert "<h2>" in html and "<strong>" in html and "&lt;" not in html  # formatted, not tags
    for _step in range(MAX_STEPS):
        payloads = choice_payloads(html)
        if not payloads:
            break
        response = learner.choose(payloads[0]["choice_id"])
        assert response.status_code == 200, response.content
        html = response.json()["html"]
    assert not choice_payloads(html) and "Outcome:" in html
