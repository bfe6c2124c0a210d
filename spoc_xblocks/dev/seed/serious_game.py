"""Demo data for the serious game: the roster plays the workbench scenarios, some to an ending, some
halfway."""

from __future__ import annotations

import json
import random

from lxml import html as lxml_html

from spoc_xblocks.serious_game.models import Run

# How far each demo learner goes: "finish" plays to an ending, a number stops after that many
# choices.
PROGRESS = {
    "alice": "finish",
    "bruno": "finish",
    "chloe": "finish",
    "david": 3,
    "emma": "finish",
    "farid": 1,
    "giulia": "finish",
    "hugo": 5,
    "ines": "finish",
}
MAX_STEPS = 60


def enabled_choices(html: str) -> list[str]:
    """The ids of the enabled choice buttons in a rendered screen."""
    if "data-spoc-payload" not in html:
        return []
    return [
        json.loads(button.get("data-spoc-payload"))["choice_id"]
        for button in lxml_html.fromstring(html).xpath('//button[@data-spoc-handler="choose"]')
    ]


def play(demo, usage_id: str, learner: str, progress, seed: str) -> int:
    """Play one learner's run through the handlers; return the number of choices made."""
    rng = random.Random(seed)
    answer = demo.post(usage_id, "start", learner)
    steps = 0
    while answer and steps < MAX_STEPS and (progress == "finish" or steps < progress):
        choices = enabled_choices(answer["html"])
        if not choices:
            break
        answer = demo.post(
            usage_id, "choose", learner, {"choice_id": rng.choice(choices), "position": steps}
        )
        steps += 1
    return steps


def seed(demo, scenarios: dict) -> str:
    usage_ids = [
        scenario.usage_id
        for name, scenario in scenarios.items()
        if name.startswith("spoc_serious_game.")
    ]
    if Run.objects.filter(usage_key__in=usage_ids).exists():
        return "serious games: already seeded"
    choices = sum(
        play(demo, usage_id, learner, progress, f"{usage_id}:{learner}")
        for usage_id in usage_ids
        for learner, progress in PROGRESS.items()
    )
    return (
        f"serious games: {choices} choices made by {len(PROGRESS)} learners "
        f"in {len(usage_ids)} scenarios"
    )


def reset(scenarios: dict) -> None:
    usage_ids = [
        scenario.usage_id
        for name, scenario in scenarios.items()
        if name.startswith("spoc_serious_game.")
    ]
    Run.objects.filter(usage_key__in=usage_ids).delete()
