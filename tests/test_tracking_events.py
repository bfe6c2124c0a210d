"""The catalogue of tracking events (docs/events.md) is the truth: every block, driven through every
action that emits events on the real handler URLs, emits exactly the events listed for it with
exactly the listed fields, and no event carries a username, an email address or any text a person
typed (a unique marker goes into every free text field, file name and link)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from tests import figures
from tests.cohort_coach.conftest import ANSWERS, COACH, move_back, set_fields
from tests.cohort_coach.test_nudges import age_nudges
from tests.engagement.conftest import BEFORE, FULL_ANSWERS, LEVELS_BEFORE, NAMED, PULSE
from tests.peer_workshop.block.conftest import FRESH, ROSTER, RUBRIC_ANSWER, Workshop, anonymous
from tests.peer_workshop.block.test_files import PDF, upload
from tests.serious_game.block.conftest import EN, SUCCESS_PATH, Player
from tests.serious_game.block.test_simulation_play import GUIDED as SIMULATION

EVENTS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "events.md"
PLATFORM_EVENTS = {"grade", "completion"}  # the platform's own events, not tracking events of ours
USERNAMES = (*ROSTER, "trainer")

pytestmark = pytest.mark.django_db


def catalogue() -> dict[str, tuple[str, set[str]]]:
    """The page's table: event name -> (block, field names)."""
    section = EVENTS_PAGE.read_text(encoding="utf-8")
    events = {}
    for line in section.splitlines():
        if line.startswith("| `spoc."):
            name, block, _when, fields = (
                cell.strip() for cell in line.strip().strip("|").split("|")
            )
            events[name.strip("`")] = (block.strip("`"), set(re.findall(r"`([a-z_]+)`:", fields)))
    return events


class Markers:
    """Unique strings to type into free text fields; none of them may reach an event."""

    def __init__(self):
        self.issued: list[str] = []

    def __call__(self, field: str) -> str:
        marker = f"Mk{len(self.issued):02d}{field.replace('_', '')}Qz"
        self.issued.append(marker)
        return marker


@pytest.fixture
def markers():
    return Markers()


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def assert_events_match_the_readme(published_events, block: str, markers: Markers):
    listed = {name: fields for name, (owner, fields) in catalogue().items() if owner == block}
    emitted = [(name, data) for name, data in published_events if name not in PLATFORM_EVENTS]
    assert {name for name, _data in emitted} == set(listed), block
    for name, data in emitted:
        assert set(data) == listed[name], name
        for text in strings_in(data):
            assert not any(marker in text for marker in markers.issued), (name, text)
            assert "@" not in text, (name, text)
            assert not any(
                re.search(rf"\b{username}\b", text, re.IGNORECASE) for username in USERNAMES
            ), (name, text)
    figures.record("payloads tried", len(emitted), source="events checked for typed text")


def test_the_readme_lists_every_block_and_each_event_once_with_its_fields():
    events = catalogue()
    assert {block for block, _fields in events.values()} == {
        "spoc_serious_game",
        "spoc_peer_workshop",
        "spoc_cohort_coach",
        "spoc_pulse",
        "spoc_skills_check",
    }
    assert all(fields for _block, fields in events.values())
    assert all(
        name.startswith("spoc." + block.removeprefix("spoc_") + ".")
        for name, (block, _f) in events.items()
    )


def test_the_serious_game_emits_its_listed_events(workbench, published_events, markers):
    player = Player(workbench, EN, "alice")
    player.start()
    player.play(SUCCESS_PATH[:1])
    assert player.post("back", {"position": 1}).status_code == 200
    player.position = 0
    player.play(SUCCESS_PATH)
    simulation = Player(workbench, SIMULATION, "alice")
    simulation.start()
    assert simulation.post("click", {"x": 0.01, "y": 0.99, "position": 0}).status_code == 200
    workbench.delete_learner_state(EN, "alice")
    assert_events_match_the_readme(published_events, "spoc_serious_game", markers)


def test_the_peer_workshop_emits_its_listed_events(
    workbench, published_events, markers, settings, tmp_path
):
    from spoc_xblocks.peer_workshop.models import Review

    settings.MEDIA_ROOT = str(tmp_path)
    shop = Workshop(workbench, FRESH)
    learners = ("alice", "bruno", "chloe", "david", "emma")
    shop.ok("form_groups", "trainer", {"source": "roster", "size": 4})
    shop.phase("submission")
    assert upload(shop, "alice", f"{markers('filename')}.pdf", PDF).status_code == 200
    for student in learners:
        shop.submit(
            student,
            f"<p>{markers('work')}</p>",
            [{"title": markers("link_title"), "url": f"https://example.org/{markers('url')}"}],
        )
    shop.ok(
        "extend", "trainer", {"learner_id": anonymous("bruno"), "due": "2030-01-15T17:00:00+00:00"}
    )
    shop.phase("review")
    comments = {"clarity": markers("comment"), "escalation": markers("comment")}
    for student in learners[:4]:
        for kind in (Review.SELF, Review.PEER):
            for slot in shop.slots(student, kind=kind):
                answer = shop.review(
                    student, slot, RUBRIC_ANSWER, comments, overall=markers("overall")
                )
                assert answer.status_code == 200, answer.content
    given = next(slot for slot in shop.slots("bruno") if slot.status == Review.DONE)
    author = next(name for name in learners if anonymous(name) == given.submission.learner_id)
    shop.ok(
        "rate_review",
        author,
        {"review_id": given.id, "helpfulness": 2, "flagged": True, "reason": markers("reason")},
    )
    shop.ok(
        "set_absent",
        "trainer",
        {"learner_id": anonymous("emma"), "absent": True, "confirmed": True},
    )
    trainer_comments = {
        "clarity": markers("trainer_comment"),
        "escalation": markers("trainer_comment"),
    }
    shop.ok(
        "trainer_review",
        "trainer",
        {
            "submission_id": shop.submission("alice").id,
            "options": RUBRIC_ANSWER,
            "comments": trainer_comments,
            "overall": markers("trainer_overall"),
            "final": True,
        },
    )
    reminder = {"audience": "everyone", "message": markers("reminder"), "confirmed": True}
    shop.ok("remind", "trainer", reminder)
    shop.phase("closed")
    shop.ok(
        "override_review",
        "trainer",
        {"review_id": given.id, "action": "exclude", "options": {}, "confirmed": True},
    )
    shop.ok(
        "override_grade",
        "trainer",
        {"learner_id": anonymous("bruno"), "percent": 80, "reason": markers("grade_reason")},
    )
    workbench.delete_learner_state(FRESH, "alice")
    assert_events_match_the_readme(published_events, "spoc_peer_workshop", markers)


def test_the_cohort_coach_emits_its_listed_events(workbench, published_events, markers):
    from spoc_xblocks.cohort_coach.models import CheckIn, Flag, Goal, Slot

    def ok(handler, student, payload):
        response = workbench.post(COACH, handler, student, payload)
        assert response.status_code == 200, (handler, response.content)
        return response.json()

    ok(
        "post_checkin",
        "alice",
        {**ANSWERS, "blockers": markers("blockers"), "help": markers("help")},
    )
    checkin = CheckIn.objects.get(learner_id=anonymous("alice")).id
    ok("reply", "alice", {"checkin_id": checkin, "body": markers("reply")})
    ok("reply", "trainer", {"checkin_id": checkin, "body": markers("trainer_reply")})
    ok("add_goal", "alice", {"text": markers("goal"), "target": "2030-03-31"})
    goal = Goal.objects.get().id
    ok("set_goal", "alice", {"goal_id": goal, "done": 1})
    ok("remove_goal", "alice", {"goal_id": goal})
    starts = (timezone.now() + timedelta(days=2)).replace(microsecond=0)
    ok(
        "offer_slot",
        "trainer",
        {"starts": starts.isoformat(), "minutes": 30, "where": markers("where")},
    )
    slot = Slot.objects.get().id
    ok("book_slot", "alice", {"slot_id": slot})
    ok("cancel_booking", "alice", {"slot_id": slot})
    ok("cancel_slot", "trainer", {"slot_id": slot})
    ok("post_checkin", "hugo", ANSWERS)
    move_back("hugo", 9, workbench.usage_id(COACH), periods=2)
    workbench.page(COACH, "trainer")
    flag = Flag.objects.get(learner_id=anonymous("hugo")).id
    ok(
        "move_flag",
        "trainer",
        {"flag_id": flag, "status": "contacted", "note": markers("flag_note")},
    )
    ok("add_flag_note", "trainer", {"flag_id": flag, "note": markers("note")})
    set_fields(workbench, nudge_email_delay_hours=1)
    ok(
        "send_nudge",
        "trainer",
        {"target": "flagged", "message": markers("nudge_all"), "confirmed": True},
    )
    ok(
        "send_nudge",
        "trainer",
        {"target": "learner", "learner_id": anonymous("hugo"), "message": markers("nudge")},
    )
    age_nudges(hours=2)
    workbench.page(COACH, "trainer")  # emails the due nudges
    workbench.page(COACH, "hugo")  # shows them
    workbench.delete_learner_state(COACH, "hugo")
    assert_events_match_the_readme(published_events, "spoc_cohort_coach", markers)


def test_the_pulse_emits_its_listed_events(workbench, published_events, markers):
    for scenario in (PULSE, NAMED):
        answer = workbench.post(
            scenario, "answer", "lea", {"answers": {**FULL_ANSWERS, "change": markers("change")}}
        )
        assert answer.status_code == 200, answer.content
    workbench.delete_learner_state(NAMED, "lea")
    assert_events_match_the_readme(published_events, "spoc_pulse", markers)


def test_the_skills_check_emits_its_listed_events(workbench, published_events, markers):
    assert workbench.post(BEFORE, "answer", "lea", {"levels": LEVELS_BEFORE}).status_code == 200
    workbench.delete_learner_state(BEFORE, "lea")
    assert_events_match_the_readme(published_events, "spoc_skills_check", markers)
