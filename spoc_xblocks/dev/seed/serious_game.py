"""Demo data for the serious game: the roster plays the workbench scenarios, some to an ending, some
halfway; on a simulation's input step they type an answer it accepts."""

from __future__ import annotations

import json
import random

from lxml import html as lxml_html

from spoc_xblocks.common.olx import parse_xml
from spoc_xblocks.serious_game.models import Run
from spoc_xblocks.serious_game.olx import scenario_from_xml

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


def typed_answers(block_xml: str) -> dict[str, str]:
    """A text each input step of the block's scenario accepts, by the step's title."""
    scenario = scenario_from_xml(parse_xml(block_xml).find("scenario"))
    return {
        node.title: answer.value
        for node in scenario.nodes
        if node.text_input
        for answer in reversed(node.text_input.answers)
        if answer.choice and answer.match != "pattern"
    }


def heading(html: str) -> str:
    headings = lxml_html.fromstring(html).xpath("//h3")
    return headings[0].text_content().strip() if headings else ""


def play(demo, usage_id: str, learner: str, progress, seed: str, answers=None) -> int:
    """Play one learner's run through the handlers; return the number of steps taken."""
    rng = random.Random(seed)
    answer = demo.post(usage_id, "start", learner)
    steps = 0
    while answer and steps < MAX_STEPS and (progress == "finish" or steps < progress):
        choices = enabled_choices(answer["html"])
        typed = (answers or {}).get(heading(answer["html"]))
        if choices:
            handler, payload = "choose", {"choice_id": rng.choice(choices)}
        elif typed is not None:
            handler, payload = "answer", {"text": typed}
        else:
            break
        answer = demo.post(usage_id, handler, learner, {**payload, "position": steps})
        steps += 1
    return steps


def seed(demo, scenarios: dict) -> str:
    games = [
        scenario for name, scenario in scenarios.items() if name.startswith("spoc_serious_game.")
    ]
    usage_ids = [game.usage_id for game in games]
    if Run.objects.filter(usage_key__in=usage_ids).exists():
        return "serious games: already seeded"
    choices = sum(
        play(demo, game.usage_id, learner, progress, f"{game.usage_id}:{learner}", answers)
        for game in games
        for answers in (typed_answers(game.xml),)
        for learner, progress in PROGRESS.items()
    )
    return (
        f"serious games: {choices} steps taken by {len(PROGRESS)} learners "
        f"in {len(usage_ids)} scenarios"
    )


def reset(scenarios: dict) -> None:
    usage_ids = [
        scenario.usage_id
        for name, scenario in scenarios.items()
        if name.startswith("spoc_serious_game.")
    ]
    Run.objects.filter(usage_key__in=usage_ids).delete()
