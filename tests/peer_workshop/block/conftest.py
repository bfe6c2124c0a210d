"""Driving a workshop through the real handler URLs: the trainer switches phases, learners submit
and review."""

from __future__ import annotations

import pytest

from spoc_xblocks.peer_workshop.models import Review, Submission

SEEDED = "spoc_peer_workshop.0"
ROSTER = (
    "alice",
    "bruno",
    "chloe",
    "david",
    "emma",
    "farid",
    "giulia",
    "hugo",
    "ines",
    "jules",
    "karim",
    "lea",
)
FRESH = "spoc_peer_workshop.1"
RUBRIC_ANSWER = {"clarity": "clear", "tone": "polite", "escalation": "precise"}
COMMENTS = {
    "clarity": "Every step is easy to follow.",
    "escalation": "The trigger to call a manager is clear.",
}


class Workshop:
    """One workshop scenario, played by name (`alice`, `trainer`...) through the workbench's handler
    URLs."""

    def __init__(self, workbench, scenario_id: str):
        self.workbench, self.scenario_id = workbench, scenario_id

    @property
    def usage_key(self) -> str:
        return self.workbench.usage_id(self.scenario_id)

    def post(self, handler: str, student: str, payload=None, **kwargs):
        return self.workbench.post(self.scenario_id, handler, student, payload, **kwargs)

    def ok(self, handler: str, student: str, payload=None) -> dict:
        response = self.post(handler, student, payload)
        assert response.status_code == 200, (handler, student, response.content)
        return response.json()

    def page(self, student: str) -> str:
        response = self.workbench.page(self.scenario_id, student)
        assert response.status_code == 200
        return response.content.decode()

    def phase(self, phase: str) -> dict:
        return self.ok("set_phase", "trainer", {"phase": phase, "confirmed": True})

    def submit(
        self, student: str, text: str = "<p>My procedure: listen, apologise, fix.</p>", links=()
    ) -> dict:
        return self.ok("submit_work", student, {"text": text, "links": list(links)})

    def slots(self, student: str, kind: str = Review.PEER):
        return list(
            Review.objects.filter(
                usage_key=self.usage_key, reviewer_id=anonymous(student), kind=kind
            )
            .exclude(status=Review.WITHDRAWN)
            .order_by("id")
        )

    def review(
        self,
        student: str,
        slot,
        options=None,
        comments=None,
        overall="Keep the escalation rule.",
        handler: str = "submit_review",
    ):
        return self.post(
            handler,
            student,
            {
                "review_id": slot.id,
                "options": options or RUBRIC_ANSWER,
                "comments": COMMENTS if comments is None else comments,
                "overall": overall,
            },
        )

    def review_all(self, student: str, options=None):
        for slot in self.slots(student):
            if slot.status == Review.PENDING:
                response = self.review(student, slot, options)
                assert response.status_code == 200, response.content

    def reviewers_of(self, student: str) -> list[str]:
        """Names of the peers given a learner's work."""
        ids = set(
            Review.objects.filter(submission=self.submission(student), kind=Review.PEER)
            .exclude(status=Review.WITHDRAWN)
            .values_list("reviewer_id", flat=True)
        )
        return [name for name in ROSTER if anonymous(name) in ids]

    def configure(self, **values):
        """Change settings as Studio would, stored at once."""
        block = self.workbench.stored_block(self.scenario_id)
        for name, value in values.items():
            setattr(block, name, value)
        block.save()

    def submission(self, student: str) -> Submission:
        return Submission.objects.get(usage_key=self.usage_key, learner_id=anonymous(student))


def editor_payload(**changes) -> dict:
    """What the Studio editor sends: every setting (its default unless changed, an empty date as
    ''), the assignment and the rubric."""
    from spoc_xblocks.peer_workshop.block import PeerWorkshopBlock
    from spoc_xblocks.peer_workshop.demo import DEFAULT_PROMPT, DEFAULT_RUBRIC_XML

    defaults = {
        name: "" if field.default is None else field.default
        for name, field in PeerWorkshopBlock.fields.items()
        if name in PeerWorkshopBlock.editable_fields
    }
    return {**defaults, "prompt": DEFAULT_PROMPT, "rubric_xml": DEFAULT_RUBRIC_XML, **changes}


def anonymous(student: str) -> str:
    from tests.sites import anonymous_id

    return anonymous_id(student)


@pytest.fixture
def workshop(workbench, tmp_path, settings):
    """The first workshop scenario on a fresh database; uploads go to a temporary folder."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return Workshop(workbench, SEEDED)


@pytest.fixture
def in_review(workshop):
    """Four learners submitted; reviews are open."""
    workshop.phase("submission")
    for student in ("alice", "bruno", "chloe", "david"):
        workshop.submit(student)
    workshop.phase("review")
    return workshop


@pytest.fixture
def reviewed(in_review):
    """Alice, Bruno and Chloe did all their reviews; David did none."""
    for student in ("alice", "bruno", "chloe"):
        in_review.review_all(student)
    return in_review
