"""French pages weigh about what English ones do: the JavaScript catalog each fragment carries
holds the scripts' own strings only (the server renders the rest), so a unit with several of our
blocks does not carry the whole French catalog once per block."""

import pytest

LEARNER_VIEWS = [
    "spoc_serious_game.0",
    "spoc_peer_workshop.0",
    "spoc_cohort_coach.0",
    "spoc_pulse.0",
    "spoc_skills_check.0",
]


@pytest.mark.parametrize("scenario", LEARNER_VIEWS)
def test_a_learner_page_in_french_weighs_at_most_a_fifth_more_than_in_english(workbench, scenario):
    english = workbench.page(scenario, "alice", language="en")
    french = workbench.page(scenario, "alice", language="fr")
    assert english.status_code == french.status_code == 200
    assert "Une erreur s'est produite" in french.content.decode()  # the scripts' French is there
    assert len(french.content) <= 1.2 * len(english.content)
