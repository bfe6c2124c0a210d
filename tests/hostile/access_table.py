"""Who may call which handler: the HTTP status each caller gets from every handler of every block.

Callers: a signed-out visitor (`anonymous`), the learner whose data is seeded (`alice`, the owner),
another learner (`bruno`), the trainer masquerading as alice (`trainer~alice`: reads as alice,
writes nothing) and the trainer. Payloads point at alice's seeded rows (see access_seed.py), so
"another learner" is always trying to reach alice's check-in, goal, booking, file or review. The
table is read in the order of CALLERS, the owner and the trainer last, on freshly seeded data for
each handler.

Signed-out visitors get 403 from every handler (the LMS lets them reach handlers), except a file
download, which answers 404 to everyone who may not read the file so as not to tell that it exists.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta

from django.utils import timezone

from .access_seed import (
    ALICE_ID,
    ANONYMOUS,
    MASQUERADE,
    OTHER,
    OWNER,
    REQUIRED_COMMENTS,
    RUBRIC_ANSWER,
    TRAINER,
)

POST, GET, UPLOAD = "POST", "GET", "UPLOAD"  # UPLOAD: a multipart POST with one file


@dataclass(frozen=True)
class Access:
    """The status each caller gets, and the request: a payload (or a function of the seeded ids) and
    a suffix."""

    anonymous: int
    other: int
    masquerade: int
    owner: int
    trainer: int
    payload: dict | Callable = field(default_factory=dict)
    method: str = POST
    suffix: str | Callable = ""
    reads: bool = False  # changes nothing: safe to call again to find what each caller can read
    other_may_read: frozenset = (
        frozenset()
    )  # seeded markers this call rightly shows the other learner

    def status(self, caller: str) -> int:
        return {
            ANONYMOUS: self.anonymous,
            OTHER: self.other,
            MASQUERADE: self.masquerade,
            OWNER: self.owner,
            TRAINER: self.trainer,
        }[caller]


def trainer_only(payload=None, trainer=200, method=POST, suffix="", reads=False) -> Access:
    return Access(403, 403, 403, 403, trainer, payload or {}, method, suffix, reads)


def trainer_export(suffix="") -> Access:
    return trainer_only(method=GET, suffix=suffix, reads=True)


def learner_write(payload, *, other, owner, trainer, method=POST) -> Access:
    """Signed-out visitors and a masquerading trainer are refused before the handler looks at
    anything."""
    return Access(403, other, 403, owner, trainer, payload, method)


def learner_read(payload=None, *, other=200, owner=200, trainer=200) -> Access:
    """Each learner reads their own: another learner gets their own (empty) page, never alice's."""
    return Access(403, other, 200, owner, trainer, payload or {}, reads=True)


# Studio's editor: the role gate opens for trainers, then the empty payload is refused (Studio sends
# the real one).
AUTHORING = trainer_only(trainer=400)


def _future_start(ids) -> dict:
    starts = (timezone.now() + timedelta(days=5)).replace(microsecond=0)
    return {"starts": starts.isoformat(), "minutes": 30, "where": "Room 3"}


def _review(key):
    return lambda ids: {
        "review_id": ids[key],
        "options": RUBRIC_ANSWER,
        "comments": REQUIRED_COMMENTS,
        "overall": "Fine.",
    }


PULSE_ANSWERS = {
    "answers": {"pace": 3, "sessions": 3, "recommend": 7, "helped": "sessions", "wanted": []}
}

ACCESS: dict[tuple[str, str], Access] = {
    # ---- serious game: alice has a run in progress, two choices made
    # ------------------------------------------
    ("spoc_serious_game", "screen"): learner_read(),
    ("spoc_serious_game", "start"): learner_write({}, other=200, owner=200, trainer=200),
    ("spoc_serious_game", "choose"): learner_write(
        {"choice_id": "verify_first", "position": 2}, other=400, owner=200, trainer=400
    ),
    # alice's run stands on a decision with no screen or input: the gate opens, the engine refuses
    ("spoc_serious_game", "click"): learner_write(
        {"x": 0.5, "y": 0.5, "position": 2}, other=400, owner=400, trainer=400
    ),
    ("spoc_serious_game", "answer"): learner_write(
        {"text": "AC-1042", "position": 2}, other=400, owner=400, trainer=400
    ),
    ("spoc_serious_game", "back"): learner_write(
        {"position": 2}, other=400, owner=200, trainer=400
    ),
    # the demo's pictures: the same for everyone signed in
    ("spoc_serious_game", "shipped_screen"): Access(
        403, 200, 200, 200, 200, method=GET, suffix="helpdesk-home-en.svg", reads=True
    ),
    ("spoc_serious_game", "export_runs"): trainer_export(),
    ("spoc_serious_game", "export_twee"): trainer_export(),
    ("spoc_serious_game", "validate_scenario"): AUTHORING,
    ("spoc_serious_game", "editor_model"): AUTHORING,
    ("spoc_serious_game", "import_scenario"): AUTHORING,
    ("spoc_serious_game", "studio_submit"): AUTHORING,
    # ---- cohort coach: alice's check-in and thread, goal, booked slot, a flag with a note, a nudge
    # ----------------
    # each learner chooses for themself (another learner sets only their own); trainers choose none
    ("spoc_cohort_coach", "email_preference"): learner_write(
        {"email": False}, other=200, owner=200, trainer=403
    ),
    ("spoc_cohort_coach", "post_checkin"): learner_write(
        {"confidence": 3}, other=200, owner=400, trainer=400
    ),
    ("spoc_cohort_coach", "reply"): learner_write(
        lambda ids: {"checkin_id": ids["checkin"], "body": "Thanks."},
        other=403,
        owner=200,
        trainer=200,
    ),
    ("spoc_cohort_coach", "add_goal"): learner_write(
        {"text": "Read the method"}, other=200, owner=200, trainer=200
    ),
    ("spoc_cohort_coach", "set_goal"): learner_write(
        lambda ids: {"goal_id": ids["goal"], "done": 1}, other=404, owner=200, trainer=404
    ),
    ("spoc_cohort_coach", "remove_goal"): learner_write(
        lambda ids: {"goal_id": ids["goal"]}, other=404, owner=200, trainer=404
    ),
    ("spoc_cohort_coach", "book_slot"): learner_write(
        lambda ids: {"slot_id": ids["free_slot"]}, other=200, owner=400, trainer=400
    ),
    ("spoc_cohort_coach", "cancel_booking"): learner_write(
        lambda ids: {"slot_id": ids["booked_slot"]}, other=404, owner=200, trainer=404
    ),
    ("spoc_cohort_coach", "meeting_ics"): Access(
        403, 403, 200, 200, 200, method=GET, suffix=lambda ids: str(ids["booked_slot"]), reads=True
    ),
    ("spoc_cohort_coach", "offer_slot"): trainer_only(_future_start),
    ("spoc_cohort_coach", "cancel_slot"): trainer_only(lambda ids: {"slot_id": ids["free_slot"]}),
    ("spoc_cohort_coach", "move_flag"): trainer_only(
        lambda ids: {"flag_id": ids["flag"], "status": "contacted"}
    ),
    ("spoc_cohort_coach", "add_flag_note"): trainer_only(
        lambda ids: {"flag_id": ids["flag"], "note": "Called."}
    ),
    ("spoc_cohort_coach", "send_nudge"): trainer_only(
        {"target": "learner", "learner_id": ALICE_ID, "message": "How are you?"}
    ),
    ("spoc_cohort_coach", "dashboard_page"): trainer_only({"page": 1, "filter": "all"}, reads=True),
    ("spoc_cohort_coach", "learner_detail"): trainer_only({"learner_id": ALICE_ID}, reads=True),
    ("spoc_cohort_coach", "export_learners"): trainer_export(),
    ("spoc_cohort_coach", "export_heatmap"): trainer_export(),
    ("spoc_cohort_coach", "heatmap_page"): trainer_only({"page": 1}, reads=True),
    ("spoc_cohort_coach", "export_kpis"): trainer_export(),
    ("spoc_cohort_coach", "studio_submit"): AUTHORING,
    # ---- peer workshop: reviews open; alice submitted (with a file), reviews and is reviewed;
    # bruno did not submit -
    ("spoc_peer_workshop", "learner_panel"): learner_read(),
    # Late work is accepted while reviews are open (bruno); alice's is submitted already. Course
    # staff are never a learner of the workshop: no work of theirs enters the allocation.
    ("spoc_peer_workshop", "save_work"): learner_write(
        {"text": "<p>More.</p>"}, other=200, owner=400, trainer=403
    ),
    ("spoc_peer_workshop", "submit_work"): replace(
        learner_write({"text": "<p>Mine.</p>"}, other=200, owner=400, trainer=403),
        other_may_read=frozenset({"workshop-work-marker"}),
    ),  # bruno's late work makes him one of alice's reviewers
    ("spoc_peer_workshop", "upload_file"): learner_write(
        {}, other=200, owner=400, trainer=403, method=UPLOAD
    ),
    ("spoc_peer_workshop", "remove_file"): learner_write(
        lambda ids: {"file_id": ids["file"]}, other=400, owner=400, trainer=403
    ),
    ("spoc_peer_workshop", "download_file"): Access(
        404, 404, 200, 200, 200, method=GET, suffix=lambda ids: str(ids["file"]), reads=True
    ),
    ("spoc_peer_workshop", "save_review"): learner_write(
        _review("pending_review"), other=400, owner=200, trainer=400
    ),
    ("spoc_peer_workshop", "submit_review"): learner_write(
        _review("pending_review"), other=400, owner=200, trainer=400
    ),
    ("spoc_peer_workshop", "rate_review"): learner_write(
        lambda ids: {"review_id": ids["received_review"], "helpfulness": 4},
        other=400,
        owner=200,
        trainer=400,
    ),
    ("spoc_peer_workshop", "email_preference"): learner_write(
        {"email": False}, other=200, owner=200, trainer=403
    ),
    ("spoc_peer_workshop", "dismiss_reminder"): learner_write(
        lambda ids: {"reminder_id": ids["reminder"]}, other=400, owner=200, trainer=400
    ),
    ("spoc_peer_workshop", "trainer_panel"): trainer_only(reads=True),
    ("spoc_peer_workshop", "trainer_form"): trainer_only(
        lambda ids: {"submission_id": ids["submission"]}, reads=True
    ),
    ("spoc_peer_workshop", "set_phase"): trainer_only({"phase": "review"}),
    ("spoc_peer_workshop", "form_groups"): trainer_only({"source": "submitters", "size": 3}),
    ("spoc_peer_workshop", "move_learner"): trainer_only({"learner_id": ALICE_ID, "group": "2"}),
    ("spoc_peer_workshop", "extend"): trainer_only({"learner_id": ALICE_ID, "due": ""}),
    ("spoc_peer_workshop", "set_absent"): trainer_only({"learner_id": ALICE_ID, "absent": True}),
    ("spoc_peer_workshop", "reassign_overdue"): trainer_only(),
    ("spoc_peer_workshop", "change_reviewer"): trainer_only(
        lambda ids: {"review_id": ids["pending_review"], "reviewer_id": ids["trainer"]}
    ),
    ("spoc_peer_workshop", "trainer_review"): trainer_only(
        lambda ids: {
            "submission_id": ids["submission"],
            "options": RUBRIC_ANSWER,
            "comments": REQUIRED_COMMENTS,
            "overall": "Good.",
            "final": False,
        }
    ),
    ("spoc_peer_workshop", "override_review"): trainer_only(
        lambda ids: {"review_id": ids["received_review"], "action": "exclude", "options": {}}
    ),
    ("spoc_peer_workshop", "override_grade"): trainer_only(
        {"learner_id": ALICE_ID, "percent": 80.0, "reason": "Fair."}
    ),
    ("spoc_peer_workshop", "dismiss_item"): trainer_only({"item_key": "flag:1"}),
    ("spoc_peer_workshop", "remind"): trainer_only(
        {"audience": "one", "learner_id": ALICE_ID, "message": "Two days left."}
    ),
    ("spoc_peer_workshop", "export_csv"): trainer_export("submissions"),
    ("spoc_peer_workshop", "editor_model"): AUTHORING,
    ("spoc_peer_workshop", "studio_submit"): AUTHORING,
    # ---- pulse (anonymous, results for learners): alice and two peers answered
    # --------------------------------
    ("spoc_pulse", "answer"): learner_write(PULSE_ANSWERS, other=200, owner=400, trainer=403),
    ("spoc_pulse", "export_csv"): trainer_export(),
    ("spoc_pulse", "editor_model"): AUTHORING,
    ("spoc_pulse", "studio_submit"): AUTHORING,
    # ---- skills check (before the course): alice answered
    # ------------------------------------------------------
    ("spoc_skills_check", "answer"): learner_write(
        {"levels": {"listening": 3, "deescalation": 3, "procedure": 3}},
        other=200,
        owner=400,
        trainer=403,
    ),
    ("spoc_skills_check", "export_csv"): trainer_export(),
    ("spoc_skills_check", "editor_model"): AUTHORING,
    ("spoc_skills_check", "studio_submit"): AUTHORING,
}
