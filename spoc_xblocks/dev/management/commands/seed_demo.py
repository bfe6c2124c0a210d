"""Seed the demo SPOC: the roster plays the workbench scenarios through the real handler URLs, as people would."""
from __future__ import annotations

import json
import random

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client

from spoc_xblocks.serious_game.models import Run

# How far each demo learner goes: "finish" plays to an ending, a number stops after that many choices.
DEMO_PROGRESS = {
    "alice": "finish", "bruno": "finish", "chloe": "finish", "david": 3, "emma": "finish",
    "farid": 1, "giulia": "finish", "hugo": 5, "ines": "finish",
}
MAX_STEPS = 60


class Command(BaseCommand):
    help = "Seed the demo SPOC: a trainer and ten learners with varied progress (idempotent; --reset replays)."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Forget the demo runs and play them again.")

    def handle(self, *args, **options):
        from workbench.scenarios import get_scenarios, init_scenarios

        init_scenarios()
        scenario_ids = [name for name in get_scenarios() if name.startswith("spoc_serious_game.")]
        usage_ids = [get_scenarios()[name].usage_id for name in scenario_ids]
        if options["reset"]:
            Run.objects.filter(usage_key__in=usage_ids).delete()
        if Run.objects.filter(usage_key__in=usage_ids).exists():
            self.stdout.write("The demo SPOC is already seeded (use --reset to play it again).")
            return
        client = Client()
        played = 0
        for scenario_id in scenario_ids:
            for index, (learner, progress) in enumerate(DEMO_PROGRESS.items()):
                played += self._play(client, get_scenarios()[scenario_id].usage_id, learner, progress, index)
        learners = len(settings.SPOC_DEV_ROSTER)
        self.stdout.write(self.style.SUCCESS(
            f"Demo SPOC seeded: 1 trainer, {learners} learners, {played} choices made across "
            f"{len(scenario_ids)} serious-game scenarios."
        ))

    def _play(self, client: Client, usage_id: str, learner: str, progress, seed: int) -> int:
        """Play one learner's run through the handlers; return the number of choices made."""
        rng = random.Random(f"{usage_id}:{learner}:{seed}")
        answer = self._post(client, usage_id, "start", learner, {})
        steps = 0
        while answer and steps < MAX_STEPS and (progress == "finish" or steps < progress):
            choices = _enabled_choices(answer["html"])
            if not choices:
                break
            answer = self._post(client, usage_id, "choose", learner,
                                {"choice_id": rng.choice(choices), "position": steps})
            steps += 1
        return steps

    def _post(self, client: Client, usage_id: str, handler: str, learner: str, payload: dict):
        response = client.post(f"/handler/{usage_id}/{handler}/?student={learner}", json.dumps(payload),
                               content_type="application/json")
        if response.status_code != 200:
            self.stderr.write(f"{learner}: {handler} answered {response.status_code}: {response.content[:200]!r}")
            return None
        return response.json()


def _enabled_choices(html: str) -> list[str]:
    """The ids of the enabled choice buttons in a rendered screen."""
    from lxml import html as lxml_html

    if "data-choice" not in html:
        return []
    tree = lxml_html.fromstring(html)
    return [button.get("data-choice") for button in tree.xpath('//button[@data-action="choose"]')]
