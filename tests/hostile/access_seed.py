"""Alice's private data in every block, through the real handlers, each text carrying a marker
nobody else may read.

A seeder fills one block and returns a `Seeded`: the ids the access table's payloads point at
(alice's goal, check-in, slot, flag, file, reviews...) and the markers, each with the callers
allowed to read it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.sites import anonymous_id

ANONYMOUS, OTHER, MASQUERADE, OWNER, TRAINER = (
    "anonymous",
    "bruno",
    "trainer~alice",
    "alice",
    "trainer",
)
CALLERS = (
    ANONYMOUS,
    OTHER,
    MASQUERADE,
    OWNER,
    TRAINER,
)  # the owner and the trainer last: their calls may use up data
ALICE_SEES = frozenset({OWNER, MASQUERADE})
ALICE_AND_TRAINER = frozenset({OWNER, MASQUERADE, TRAINER})
# Alice's anonymous id in the table's payloads: it differs from site to site, so each request puts
# it in.
ALICE_ID = "@alice-anonymous-id@"
RUBRIC_ANSWER = {"clarity": "clear", "tone": "polite", "escalation": "precise"}
REQUIRED_COMMENTS = {"escalation": "The trigger to call a manager is clear."}


def alice_id() -> str:
    return anonymous_id(OWNER)


def with_alice_id(text: str) -> str:
    return text.replace(ALICE_ID, alice_id())


def alice_identity() -> tuple[str, str]:
    """Alice as other people's responses could name her: her username, her anonymous id's short
    form."""
    return OWNER, alice_id()[:8]


@dataclass
class Seeded:
    """What a seeder left: the scenario the table calls, ids for payloads, markers with who may read
    them."""

    scenario: str
    ids: dict = field(default_factory=dict)
    markers: dict[str, frozenset] = field(default_factory=dict)
    pages: tuple[str, ...] = ()  # every scenario whose page shows the seeded data
    identity_readers: frozenset = (
        ALICE_AND_TRAINER  # who may see alice's name or id in this block's responses
    )
    more_downloads: tuple[
        tuple[str, str], ...
    ] = ()  # (handler, suffix) GETs beyond the table's, read by everyone

    @property
    def block_type(self) -> str:
        return self.scenario.split(".")[0]


def ok(workbench, scenario: str, handler: str, student: str, payload=None) -> dict:
    response = workbench.post(scenario, handler, student, payload)
    assert response.status_code == 200, (scenario, handler, student, response.content[:300])
    return response.json()


def seed_serious_game(workbench) -> Seeded:
    """Alice's run: started, two choices made. A run has no typed text: her id is what must not
    travel."""
    scenario = "spoc_serious_game.0"
    ok(workbench, scenario, "start", OWNER)
    for position, choice in enumerate(("continue", "apologise")):
        ok(workbench, scenario, "choose", OWNER, {"choice_id": choice, "position": position})
    return Seeded(scenario, ids={"position": 2}, pages=(scenario,))


def seed_cohort_coach(workbench) -> Seeded:
    """Alice's check-in and its thread, her goal, her booking, a flag on her with a note, a nudge
    for her."""
    scenario = "spoc_cohort_coach.0"
    from spoc_xblocks.cohort_coach.models import CheckIn, Flag, Goal, Slot

    ok(
        workbench,
        scenario,
        "post_checkin",
        OWNER,
        {
            "progress": 10,
            "confidence": 1,
            "mood": "struggling",
            "blockers": "coach-blockers-marker",
            "help": "coach-help-marker",
        },
    )
    checkin = CheckIn.objects.get(learner_id=alice_id())
    ok(
        workbench,
        scenario,
        "reply",
        TRAINER,
        {"checkin_id": checkin.id, "body": "coach-trainer-reply-marker"},
    )
    ok(
        workbench,
        scenario,
        "reply",
        OWNER,
        {"checkin_id": checkin.id, "body": "coach-learner-reply-marker"},
    )
    ok(workbench, scenario, "add_goal", OWNER, {"text": "coach-goal-marker"})
    starts = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    for offset in (0, 1):
        ok(
            workbench,
            scenario,
            "offer_slot",
            TRAINER,
            {
                "starts": (starts + timedelta(hours=offset)).isoformat(),
                "minutes": 30,
                "where": "Room 2",
            },
        )
    booked, free = Slot.objects.order_by("starts")
    ok(workbench, scenario, "book_slot", OWNER, {"slot_id": booked.id})
    ok(
        workbench, scenario, "dashboard_page", TRAINER, {"page": 1, "filter": "all"}
    )  # opens the at-risk flags
    flag = Flag.objects.get(learner_id=alice_id())
    ok(
        workbench,
        scenario,
        "add_flag_note",
        TRAINER,
        {"flag_id": flag.id, "note": "coach-flag-note-marker"},
    )
    ok(
        workbench,
        scenario,
        "send_nudge",
        TRAINER,
        {"target": "learner", "learner_id": alice_id(), "message": "coach-nudge-marker"},
    )
    return Seeded(
        scenario,
        ids={
            "checkin": checkin.id,
            "goal": Goal.objects.get(learner_id=alice_id()).id,
            "booked_slot": booked.id,
            "free_slot": free.id,
            "flag": flag.id,
        },
        markers={
            "coach-blockers-marker": ALICE_AND_TRAINER,
            "coach-help-marker": ALICE_AND_TRAINER,
            "coach-trainer-reply-marker": ALICE_AND_TRAINER,
            "coach-learner-reply-marker": ALICE_AND_TRAINER,
            "coach-goal-marker": ALICE_AND_TRAINER,
            "coach-flag-note-marker": frozenset({TRAINER}),
            # trainers write nudges; the dashboard does not show them back
            "coach-nudge-marker": ALICE_SEES,
        },
        pages=(scenario,),
    )


WORKSHOP, DRAFT_WORKSHOP = "spoc_peer_workshop.1", "spoc_peer_workshop.0"
REVIEWERS = (
    "chloe",
    "david",
    "emma",
)  # they submit too; bruno does not, so he is given nobody's work


def seed_peer_workshop(workbench) -> Seeded:
    """A draft in one workshop; in the other alice's submitted work with a file, reviews both ways,
    a reminder."""
    from spoc_xblocks.peer_workshop.logic.allocation import TRAINER as TRAINER_REVIEWER
    from spoc_xblocks.peer_workshop.models import Reminder, Review, Upload

    ok(workbench, DRAFT_WORKSHOP, "set_phase", TRAINER, {"phase": "submission"})
    ok(workbench, DRAFT_WORKSHOP, "save_work", OWNER, {"text": "<p>workshop-draft-marker</p>"})
    ok(workbench, WORKSHOP, "set_phase", TRAINER, {"phase": "submission"})
    upload = workbench.upload(
        WORKSHOP,
        "upload_file",
        OWNER,
        {"file": SimpleUploadedFile("plan.txt", b"workshop-file-marker")},
    )
    assert upload.status_code == 200, upload.content
    ok(workbench, WORKSHOP, "submit_work", OWNER, {"text": "<p>workshop-work-marker</p>"})
    for reviewer in REVIEWERS:
        ok(workbench, WORKSHOP, "submit_work", reviewer, {"text": f"<p>Work of {reviewer}.</p>"})
    ok(workbench, WORKSHOP, "set_phase", TRAINER, {"phase": "review", "confirmed": True})
    usage_key = workbench.usage_id(WORKSHOP)
    peer = Review.objects.filter(usage_key=usage_key, kind=Review.PEER)
    given = list(peer.filter(reviewer_id=alice_id()).order_by("id"))
    received = peer.filter(
        submission__learner_id=alice_id(), reviewer_id=anonymous_id(REVIEWERS[0])
    ).get()
    ok(
        workbench,
        WORKSHOP,
        "submit_review",
        REVIEWERS[0],
        _review(received.id, "workshop-review-of-alice-marker"),
    )
    ok(
        workbench,
        WORKSHOP,
        "submit_review",
        OWNER,
        _review(given[0].id, "workshop-review-by-alice-marker"),
    )
    ok(
        workbench,
        WORKSHOP,
        "save_review",
        OWNER,
        _review(given[1].id, "workshop-review-draft-marker"),
    )
    ok(
        workbench,
        WORKSHOP,
        "remind",
        TRAINER,
        {"audience": "one", "learner_id": alice_id(), "message": "workshop-reminder-marker"},
    )
    return Seeded(
        WORKSHOP,
        ids={
            "file": Upload.objects.get(learner_id=alice_id()).id,
            "submission": received.submission_id,
            "received_review": received.id,
            "given_review": given[0].id,
            "pending_review": given[2].id,
            "reminder": Reminder.objects.get(learner_id=alice_id()).id,
            "trainer": TRAINER_REVIEWER,
        },
        markers={
            "workshop-draft-marker": ALICE_SEES,
            "workshop-file-marker": ALICE_AND_TRAINER,
            # alice still has reviews to do, so the feedback on her work is not open to her yet
            "workshop-work-marker": ALICE_AND_TRAINER,
            "workshop-review-of-alice-marker": frozenset({TRAINER}),
            "workshop-review-by-alice-marker": ALICE_AND_TRAINER,
            "workshop-review-draft-marker": ALICE_SEES,
            "workshop-reminder-marker": frozenset(
                {OWNER}
            ),  # a banner for alice herself, not for who views as her
        },
        pages=(WORKSHOP, DRAFT_WORKSHOP),
        more_downloads=(("export_csv", "reviews"), ("export_csv", "grades")),
    )


def _review(review_id: int, comment: str) -> dict:
    return {
        "review_id": review_id,
        "options": RUBRIC_ANSWER,
        "comments": {**REQUIRED_COMMENTS, "clarity": comment},
        "overall": "Clear enough.",
    }


PULSE_ANSWERS = {"pace": 4, "sessions": 5, "recommend": 9, "helped": "game", "wanted": ["practice"]}


def seed_pulse(workbench, scenario: str = "spoc_pulse.0") -> Seeded:
    """Alice answers the anonymous pulse (with two peers, so trainers see results): nobody may link
    her to it."""
    for learner, text in (
        (OWNER, "pulse-text-marker"),
        ("chloe", "More cases."),
        ("david", "Shorter videos."),
    ):
        ok(workbench, scenario, "answer", learner, {"answers": {**PULSE_ANSWERS, "change": text}})
    return Seeded(
        scenario,
        markers={"pulse-text-marker": frozenset({TRAINER})},
        pages=(scenario,),
        identity_readers=frozenset(),
    )


def seed_named_pulse(workbench) -> Seeded:
    """The same answers in the named pulse: alice reads hers back, the trainer reads them with her
    id."""
    seeded = seed_pulse(workbench, "spoc_pulse.1")
    return Seeded(
        seeded.scenario, markers={"pulse-text-marker": ALICE_AND_TRAINER}, pages=seeded.pages
    )


def seed_skills_check(workbench) -> Seeded:
    """Alice's self-assessment before the course: levels only, so her id is what must not travel."""
    scenario = "spoc_skills_check.0"
    ok(
        workbench,
        scenario,
        "answer",
        OWNER,
        {"levels": {"listening": 2, "deescalation": 1, "procedure": 3}},
    )
    return Seeded(scenario, pages=(scenario,))


SEEDERS = {
    "spoc_serious_game": seed_serious_game,
    "spoc_cohort_coach": seed_cohort_coach,
    "spoc_peer_workshop": seed_peer_workshop,
    "spoc_pulse": seed_pulse,
    "spoc_skills_check": seed_skills_check,
}


def response_text(response) -> str:
    """The whole body as text, JSON unescaped (a marker inside an HTML string must still be
    found)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(json.loads(text), ensure_ascii=False)
    return text
