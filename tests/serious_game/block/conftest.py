"""Helpers for playing the demo scenario through the real handler URLs."""

import json

import pytest
from lxml import html as lxml_html

EN = "spoc_serious_game.0"
FR = "spoc_serious_game.1"
STRICT = "spoc_serious_game.2"
SUCCESS_PATH = [
    "continue",
    "apologise",
    "verify_first",
    "ask_postcode",
    "other_factor",
    "continue",
    "refund",
    "summarise",
]
FAILURE_PATH = ["continue", "deny", "insist"]


def choice_payloads(html: str) -> list[dict]:
    """What each enabled choice of a rendered screen sends: its choice id and the run's position."""
    buttons = lxml_html.fromstring(html).xpath('//button[@data-spoc-handler="choose"]')
    return [json.loads(button.get("data-spoc-payload")) for button in buttons]


class Player:
    def __init__(self, workbench, scenario_id, student):
        self.workbench, self.scenario_id, self.student = workbench, scenario_id, student
        self.position = 0

    def post(self, handler, payload=None, **kwargs):
        return self.workbench.post(self.scenario_id, handler, self.student, payload, **kwargs)

    def start(self):
        response = self.post("start", {})
        assert response.status_code == 200, response.content
        self.position = 0
        return response.json()

    def choose(self, choice_id, position=None):
        response = self.post(
            "choose",
            {"choice_id": choice_id, "position": self.position if position is None else position},
        )
        if response.status_code == 200 and position is None:
            self.position += 1
        return response

    def play(self, choices):
        answer = None
        for choice_id in choices:
            response = self.choose(choice_id)
            assert response.status_code == 200, (choice_id, response.content)
            answer = response.json()
        return answer


@pytest.fixture
def player(workbench):
    def make(student="alice", scenario_id=EN):
        return Player(workbench, scenario_id, student)

    return make
