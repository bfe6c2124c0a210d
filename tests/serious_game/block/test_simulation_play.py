"""Playing the demo software simulation through the real handler URLs: clicks hit-tested on the
server, misses with feedback and hints, typed answers, the keyboard's hotspot buttons, the assessed
mode, and the SQL a screen step costs."""

from __future__ import annotations

import json
from html import escape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from spoc_xblocks.serious_game.logic.model import MISS
from spoc_xblocks.serious_game.models import Run, Step
from tests.sites import is_field_store_query

from .conftest import EN, choice_payloads

GUIDED, GUIDED_FR, ASSESSED = "spoc_serious_game.3", "spoc_serious_game.4", "spoc_serious_game.5"
# Where to click on each screen of the demo to take its right hotspot (fractions of the picture).
RIGHT_SPOTS = {"home": (0.5, 0.19), "customer": (0.5, 0.44), "invoice": (0.85, 0.84)}


class Simulator:
    def __init__(self, workbench, scenario_id, student="alice"):
        self.workbench, self.scenario_id, self.student = workbench, scenario_id, student
        self.position = 0

    def post(self, handler, payload):
        return self.workbench.post(self.scenario_id, handler, self.student, payload)

    def start(self):
        response = self.post("start", {})
        assert response.status_code == 200, response.content
        return response.json()

    def act(self, handler, **payload):
        response = self.post(handler, {**payload, "position": self.position})
        assert response.status_code == 200, response.content
        self.position += 1
        return response.json()

    def click(self, x, y):
        return self.act("click", x=x, y=y)

    def type(self, text):
        return self.act("answer", text=text)

    def play_right(self):
        self.start()
        self.click(*RIGHT_SPOTS["home"])
        self.type("ac-1042")
        self.click(*RIGHT_SPOTS["customer"])
        self.click(*RIGHT_SPOTS["invoice"])
        return self.type("42,50")


def heading(html: str) -> str:
    return lxml_html.fromstring(html).xpath("//h3")[0].text_content().strip()


@pytest.fixture
def simulator(workbench):
    def make(scenario_id=GUIDED, student="alice"):
        return Simulator(workbench, scenario_id, student)

    return make


def test_the_screen_shows_the_screenshot_and_every_hotspot_as_a_button(simulator):
    answer = simulator().start()
    page = lxml_html.fromstring(answer["html"])
    image = page.xpath('//img[@class="spoc-sg__screenshot"]')[0]
    assert "/shipped_screen/helpdesk-home-en.svg" in image.get("src")
    assert "search field" in image.get("alt")
    assert json.loads(page.xpath("//*[@data-sg-click]")[0].get("data-sg-click")) == {"position": 0}
    assert [payload["choice_id"] for payload in choice_payloads(answer["html"])] == [
        "search_box",
        "new_ticket",
        "queue_row",
    ]
    assert page.xpath("//h3[@data-spoc-focus]")


def test_playing_the_demo_by_clicks_and_typing_reaches_the_ending_with_full_marks(
    simulator, published_events
):
    answer = simulator().play_right()
    assert heading(answer["html"]) == "Refund issued"
    made = [
        " ".join(item.text_content().split())
        for item in lxml_html.fromstring(answer["html"]).xpath('//ol[@class="spoc-sg__path"]/li')
    ]
    assert made == [
        "Find the customer: Search customers",
        "Open the invoice: Invoice INV-0815, March, paid twice",
        "Issue the refund: Issue refund",
    ]
    run = Run.objects.get()
    assert run.status == Run.FINISHED and run.points == {"accuracy": 10}
    clicks = list(Step.objects.exclude(x=None).values_list("node_id", "x", "y"))
    assert clicks == [
        ("home", 0.5, 0.19),
        ("customer", 0.5, 0.44),
        ("invoice", 0.85, 0.84),
    ]
    assert all(step.seconds is not None for step in Step.objects.all())
    assert not [event for event in published_events if event[0] == "grade"]


def test_a_click_beside_every_hotspot_is_a_miss_with_feedback_then_a_hint(simulator):
    player = simulator()
    player.start()
    missed = player.click(0.1, 0.9)
    assert "Where would you look a customer up?" in missed["html"]
    assert missed["announce"] == "Nothing happens there. Where would you look a customer up?"
    assert "The search field is at the top" not in missed["html"]
    again = player.click(0.1, 0.9)
    assert again["announce"].endswith("The search field is at the top of the screen.")
    page = lxml_html.fromstring(again["html"])
    assert "The search field is at the top of the screen." in page.text_content()
    assert len(page.xpath('//*[@class="spoc-sg__outlines"]/*[local-name()="rect"]')) == 3
    assert Run.objects.get().choices == [MISS, MISS]
    assert Run.objects.get().node_id == "home"


def test_keyboard_buttons_send_the_hotspots_choice_id(simulator):
    player = simulator()
    player.start()
    answer = player.act("choose", choice_id="search_box")
    assert heading(answer["html"]) == "Type the account number"
    page = lxml_html.fromstring(answer["html"])
    assert page.xpath('//form[@data-spoc-handler="answer"]//input[@name="text"]')
    assert page.xpath("//label[@for]")[0].text_content() == "Customer account number"
    # The choice an answer leads to has no button and cannot be taken by its id.
    assert choice_payloads(answer["html"]) == []
    refused = player.post("choose", {"choice_id": "found", "position": 1})
    assert refused.status_code == 400
    assert "typing" in refused.json()["error"]


def test_a_known_wrong_answer_says_why_and_typed_text_is_never_stored_or_echoed(simulator):
    player = simulator()
    player.start()
    player.click(*RIGHT_SPOTS["home"])
    wrong = player.type("1042")
    assert "Account numbers start with AC-" in wrong["html"]
    hostile = player.type("<script>alert(1)</script>")
    assert "<script>alert(1)" not in hostile["html"]
    assert "alert(1)" not in json.dumps(list(Run.objects.values()), default=str)
    assert "alert(1)" not in json.dumps(list(Step.objects.values()), default=str)
    right = player.type(" AC-1042 ")
    assert heading(right["html"]) == "Open the invoice"


def test_the_server_decides_the_hotspot_and_bad_clicks_are_refused(simulator):
    player = simulator()
    player.start()
    for bad in ({"x": 2, "y": 0.5}, {"x": "left", "y": 0.5}, {"y": 0.5}):
        response = player.post("click", {**bad, "position": 0})
        assert response.status_code == 400
        assert response.json()["error"]
    # A client cannot name the hotspot it says it clicked: only x and y count.
    response = player.post("click", {"x": 0.1, "y": 0.9, "choice_id": "search_box", "position": 0})
    assert response.status_code in (200, 400)
    assert Run.objects.get().node_id == "home"


def test_a_click_on_a_node_without_a_screen_is_refused(simulator):
    player = simulator()
    player.start()
    player.click(*RIGHT_SPOTS["home"])
    response = player.post("click", {"x": 0.5, "y": 0.5, "position": 1})
    assert response.status_code == 400


def test_the_french_simulation_shows_french_screens(simulator):
    answer = simulator(GUIDED_FR).start()
    assert "helpdesk-home-fr.svg" in answer["html"]
    assert heading(answer["html"]) == "Trouver la cliente"


def test_assessed_mode_gives_no_hint_and_counts_the_first_action(simulator):
    player = simulator(ASSESSED)
    player.start()
    missed = player.click(0.1, 0.9)
    assert "counts as an error" in missed["announce"]
    assert "Where would you look" not in missed["html"]
    player.click(0.1, 0.9)
    assert "The search field is at the top" not in player.click(0.1, 0.9)["html"]
    player.click(*RIGHT_SPOTS["home"])
    player.type("AC-1042")
    player.click(*RIGHT_SPOTS["customer"])
    player.click(*RIGHT_SPOTS["invoice"])
    player.type("42.5")
    run = Run.objects.get()
    # One penalty for the first miss, and no points for the search that followed it.
    assert run.points == {"accuracy": 7}
    assert run.score == pytest.approx(0.7)


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200, response.content
    return sum(not is_field_store_query(query["sql"]) for query in queries)


def test_a_screen_step_costs_no_more_sql_than_a_choice_and_does_not_grow_with_the_run(simulator):
    player = simulator()
    player.start()
    costs = []
    for _round in range(6):
        costs.append(
            count_queries(
                lambda: player.post("click", {"x": 0.1, "y": 0.9, "position": player.position})
            )
        )
        player.position += 1
    costs.append(
        count_queries(
            lambda: player.post("click", {"x": 0.5, "y": 0.19, "position": player.position})
        )
    )
    assert max(costs) <= 10, costs
    assert costs[0] == costs[-2], costs
    choices = Simulator(player.workbench, EN, "bruno")
    choices.start()
    choice_cost = count_queries(
        lambda: choices.post("choose", {"choice_id": "continue", "position": 0})
    )
    assert max(costs) <= choice_cost, (costs, choice_cost)


def test_the_debrief_shows_per_screen_the_clicks_heat_map_its_table_misses_and_time(
    simulator, workbench
):
    for student, misses in (("alice", 2), ("bruno", 0)):
        player = simulator(student=student)
        player.start()
        for _miss in range(misses):
            player.click(0.1, 0.9)
        player.click(*RIGHT_SPOTS["home"])
    keyboard = simulator(student="chloe")
    keyboard.start()
    keyboard.act("choose", choice_id="new_ticket")
    page = lxml_html.fromstring(workbench.page(GUIDED, "trainer").content.decode())
    section = page.xpath('//section[contains(@class, "spoc-sg__screen-figures")]')[0]
    text = " ".join(section.text_content().split())
    assert "Simulation step “Find the customer”" in text
    assert "5 actions, of which 2 missed (40" in text
    assert "Average time a run spent on this step" in text
    heat = section.xpath('.//*[local-name()="svg"][@role="img"]')[0]
    assert "4 clicks" in heat.get("aria-label")
    assert len(heat.xpath('./*[local-name()="rect"][@fill-opacity]')) == 2
    rows = [
        [cell.text_content().strip() for cell in row.xpath("./th|./td")]
        for row in section.xpath(".//tbody/tr")
    ]
    assert rows[0][:2] == ["Search customers", "2"]
    assert rows[1][:2] == ["New ticket", "0"]
    assert rows[-1][:2] == ["Beside every hotspot (misses)", "2"]
    # The other steps have no click yet: figures, no heat map.
    assert len(page.xpath('//section[contains(@class, "spoc-sg__screen-figures")]')) == 5


def test_the_demo_screenshots_are_served_by_the_block_and_nothing_else_of_the_package(
    simulator, workbench
):
    answer = simulator().start()
    source = lxml_html.fromstring(answer["html"]).xpath("//img/@src")[0]
    assert source.split("?")[0].endswith("/shipped_screen/helpdesk-home-en.svg")
    served = workbench.get(GUIDED, "shipped_screen", "alice", "helpdesk-home-en.svg")
    assert served.status_code == 200 and served["Content-Type"].startswith("image/svg+xml")
    assert served.content.startswith(b"<svg") and "max-age=86400" in served["Cache-Control"]
    assert served["X-Content-Type-Options"] == "nosniff"
    for private in ("serious_game.js", "../demo/screens.py", "../../block.py", "nothing.svg"):
        assert workbench.get(GUIDED, "shipped_screen", "alice", private).status_code == 404
    sent = workbench.send("POST", GUIDED, "shipped_screen", "alice", suffix="helpdesk-home-en.svg")
    assert sent.status_code == 405 and sent.json()["error"] == "Use GET for this request."


HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"
HOSTILE_SIMULATION = f"""<scenario start="s">
  <node id="s" kind="decision" title="{escape(HOSTILE)}">
    <screen src="javascript:alert(1)" alt="{escape(HOSTILE)}"/>
    <miss hint-after="1">
      <feedback><![CDATA[{HOSTILE}]]></feedback>
      <hint><![CDATA[<p>Hint</p>{HOSTILE}]]></hint>
    </miss>
    <hotspot id="a" target="t" x="0" y="0" width="0.5" height="0.5">
      <text>{escape(HOSTILE)}</text>
    </hotspot>
  </node>
  <node id="t" kind="decision" title="Typed">
    <input label="{escape(HOSTILE)}">
      <answer choice="ok" match="exact" value="ok"/>
      <answer match="exact" value="no"><feedback><![CDATA[{HOSTILE}]]></feedback></answer>
    </input>
    <choice id="ok" target="e"/>
  </node>
  <node id="e" kind="ending"/>
</scenario>"""


def assert_no_live_markup(html: str):
    page = lxml_html.fromstring(html)
    assert not page.xpath("//script"), html
    assert not page.xpath("//*[@onerror]"), html
    assert not page.xpath('//img[starts-with(@src, "javascript")]'), html


def test_author_texts_on_screens_and_inputs_are_escaped_or_sanitised(simulator, workbench):
    workbench.set_fields(GUIDED, scenario_xml=HOSTILE_SIMULATION)
    player = simulator()
    first = player.start()
    assert_no_live_markup(first["html"])
    missed = player.click(0.9, 0.9)
    assert_no_live_markup(missed["html"])
    assert "Hint" in missed["html"]
    player.act("choose", choice_id="a")
    wrong = player.type("no")
    assert_no_live_markup(wrong["html"])
    assert "&lt;script&gt;" in wrong["html"]


def undo_button(html: str) -> list:
    return lxml_html.fromstring(html).xpath('//button[@data-spoc-handler="back"]')


def test_an_assessed_simulation_never_undoes_a_miss_or_a_first_action(simulator, workbench):
    workbench.set_fields(ASSESSED, allow_back=True)
    player = simulator(ASSESSED)
    started = player.start()
    assert "neither can be undone" in started["html"]
    missed = player.click(0.1, 0.9)
    assert not undo_button(missed["html"])
    refused = player.post("back", {"position": player.position})
    assert refused.status_code == 400
    assert "cannot be undone" in refused.json()["error"]
    player.click(*RIGHT_SPOTS["home"])
    assert player.post("back", {"position": player.position}).status_code == 400
    assert Run.objects.get().choices == [MISS, "search_box"]
    assert Step.objects.filter(choice_id=MISS).count() == 1
    player.type("AC-1042")
    player.click(*RIGHT_SPOTS["customer"])
    player.click(*RIGHT_SPOTS["invoice"])
    player.type("42.5")
    # The miss cost its penalty and the search that followed it earned nothing.
    assert Run.objects.get().points == {"accuracy": 7}


def test_a_guided_simulation_still_undoes_a_miss(simulator, workbench):
    workbench.set_fields(GUIDED, allow_back=True)
    player = simulator()
    player.start()
    missed = player.click(0.1, 0.9)
    assert undo_button(missed["html"])
    assert "assessed" not in missed["html"]
    undone = player.post("back", {"position": player.position})
    assert undone.status_code == 200, undone.content
    assert Run.objects.get().choices == []


@pytest.mark.platform_only
def test_the_studio_editor_gets_the_shipped_pictures_from_studios_own_route(workbench):
    """Studio's editor has no anonymous id: its pictures come from its own handler route."""
    editor = workbench.page(GUIDED, "trainer", "studio_view").content.decode()
    usage_key = workbench.usage_id(GUIDED)
    address = f"/cms/xblock/{usage_key}/handler/shipped_screen/helpdesk-home-en.svg"
    assert address in editor
    served = workbench.client.get(address, HTTP_X_STANDIN_USER="trainer")
    assert served.status_code == 200 and served.content.startswith(b"<svg")
