"""Demo data for the peer workshop: nine learners in three groups at the review phase, played
through the handlers.

Every view then has something to show: learners with reviews to do, done or in progress, feedback
with a rating and an unfair flag, a late submission, a reminder; the trainer's dashboard with its
moderation queue. The second scenario is left fresh, in the submission phase."""

from __future__ import annotations

from spoc_xblocks.peer_workshop.models import (
    Draft,
    Grade,
    ModerationDecision,
    Participant,
    Reminder,
    Review,
    Submission,
    Upload,
    Workshop,
)

GROUPS = {
    "alice": "1",
    "bruno": "1",
    "chloe": "1",
    "david": "2",
    "emma": "2",
    "farid": "2",
    "giulia": "3",
    "hugo": "3",
    "ines": "3",
}
ON_TIME = ("alice", "bruno", "chloe", "david", "emma", "farid", "giulia", "hugo")
LATE = "ines"
PIECES = {
    "alice": "<p><strong>1. Listen</strong> without interrupting, then "
    "<em>name the problem back</em>.</p>"
    "<ol><li>Apologise for the trouble.</li><li>Check the order number.</li>"
    "<li>Offer a fix or a refund.</li></ol>"
    "<p>Escalate to the duty manager after 10 minutes.</p>",
    "bruno": "<p>Greet, listen, solve. If the customer shouts, transfer to a manager.</p>",
    "chloe": "<p>Start with empathy: <em>I understand how annoying this is.</em></p>"
    "<ul><li>Verify identity.</li><li>Find the order.</li><li>Propose two options.</li></ul>"
    "<p>Escalate when the refund is over 200 €.</p>",
    "david": "<p>Step 1: take notes. Step 2: repeat the complaint. "
    "Step 3: solve or escalate to team lead.</p>",
    "emma": "<p>Keep calm, never argue. Give the customer a case number "
    "and call back within 24 hours.</p>",
    "farid": "<p>Listen. Apologise. Fix it.</p>",
    "giulia": "<p>A three-part procedure: <strong>welcome</strong>, <strong>diagnose</strong>, "
    "<strong>resolve</strong>. Escalate to a supervisor when the customer asks twice.</p>",
    "hugo": "<p>Answer, note the issue, send it to the back office.</p>",
    "ines": "<p>My procedure uses the LAST method: Listen, Apologise, Solve, Thank.</p>",
}
LINKS = {
    "alice": [{"title": "Complaint handling guide", "url": "https://example.com/complaints"}],
    "chloe": [{"title": "Empathy phrases", "url": "https://example.com/empathy"}],
}
# (levels, comment) each reviewer gives; "done" reviewers submit every review, "one" submits one,
# "draft" saves one.
GENEROUS = (
    {"clarity": "clear", "tone": "empathetic", "escalation": "precise"},
    "Clear steps and a kind tone; the escalation trigger is precise. "
    "Maybe add what to say at the end.",
)
STRICT = ({"clarity": "unclear", "tone": "cold", "escalation": "missing"}, "Too short.")
MIDDLE = (
    {"clarity": "mostly", "tone": "polite", "escalation": "vague"},
    "Mostly clear, but say exactly when to call a manager and what to tell the customer meanwhile.",
)
REVIEWERS = {
    "alice": ("done", GENEROUS),
    "bruno": ("done", STRICT),
    "chloe": ("done", MIDDLE),
    "david": ("done", MIDDLE),
    "emma": ("done", GENEROUS),
    "farid": ("one", MIDDLE),
    "giulia": ("draft", GENEROUS),
    "hugo": ("none", None),
}
MODELS = (
    Review,
    Upload,
    Submission,
    Draft,
    Participant,
    Reminder,
    Grade,
    ModerationDecision,
    Workshop,
)


def _usage_ids(scenarios: dict) -> list[str]:
    return [
        scenario.usage_id
        for name, scenario in sorted(scenarios.items())
        if name.startswith("spoc_peer_workshop.")
    ]


def _review(demo, usage_id: str, learner: str, plan) -> int:
    """Play a learner's reviews as planned; return how many were submitted."""
    how, answer = plan
    if how == "none":
        return 0
    options, comment = answer
    slots = Review.objects.filter(
        usage_key=usage_id, reviewer_id=_anonymous(learner), kind=Review.PEER, status=Review.PENDING
    ).order_by("id")
    submitted = 0
    for index, slot in enumerate(slots):
        payload = {
            "review_id": slot.id,
            "options": options,
            "comments": {"escalation": comment},
            "overall": comment,
        }
        if how == "draft":
            demo.post(usage_id, "save_review", learner, payload)
            return 0
        if how == "one" and index > 0:
            break
        submitted += demo.post(usage_id, "submit_review", learner, payload) is not None
    return submitted


def _anonymous(learner: str) -> str:
    from spoc_xblocks.dev.services import anonymous_id_for

    return anonymous_id_for(learner)


def _rate(demo, usage_id: str):
    """Alice rates the reviews of her work and flags the harsh one; Chloe rates hers."""
    for author in ("alice", "chloe"):
        for review in Review.objects.filter(
            usage_key=usage_id,
            submission__learner_id=_anonymous(author),
            kind=Review.PEER,
            status=Review.DONE,
        ):
            harsh = review.reviewer_id == _anonymous("bruno")
            demo.post(
                usage_id,
                "rate_review",
                author,
                {
                    "review_id": review.id,
                    "helpfulness": 1 if harsh else 5,
                    "flagged": harsh and author == "alice",
                    "reason": "Two words and the lowest level everywhere, without saying why."
                    if harsh
                    else "",
                },
            )


def seed(demo, scenarios: dict) -> str:
    usage_ids = _usage_ids(scenarios)
    if not usage_ids:
        return "peer workshop: no scenario"
    main, others = usage_ids[0], usage_ids[1:]
    if Workshop.objects.filter(usage_key__in=usage_ids).exists():
        return "peer workshop: already seeded"
    for learner, group in GROUPS.items():
        demo.post(
            main, "move_learner", "trainer", {"learner_id": _anonymous(learner), "group": group}
        )
    demo.post(main, "set_phase", "trainer", {"phase": "submission"})
    for learner in ON_TIME:
        demo.post(
            main, "save_work", learner, {"text": PIECES[learner], "links": LINKS.get(learner, [])}
        )
        demo.post(
            main, "submit_work", learner, {"text": PIECES[learner], "links": LINKS.get(learner, [])}
        )
    demo.post(main, "save_work", LATE, {"text": PIECES[LATE], "links": []})
    demo.post(main, "set_phase", "trainer", {"phase": "review", "confirmed": True})
    demo.post(main, "submit_work", LATE, {"text": PIECES[LATE], "links": []})
    reviews = sum(_review(demo, main, learner, plan) for learner, plan in REVIEWERS.items())
    _rate(demo, main)
    demo.post(
        main,
        "remind",
        "trainer",
        {
            "audience": "reviews_pending",
            "learner_id": "",
            "message": "Two days left for your reviews: thank you for your peers!",
            "confirmed": True,
        },
    )
    for usage_id in others:
        demo.post(usage_id, "set_phase", "trainer", {"phase": "submission"})
    return (
        f"peer workshop: {len(GROUPS)} learners in 3 groups at the review phase, "
        f"{reviews} reviews done; "
        f"{len(others)} fresh workshop(s) open for submissions"
    )


def reset(scenarios: dict) -> None:
    from submissions.models import StudentItem

    from spoc_xblocks.common.models import ActivityRecord, BlockProgress

    usage_ids = _usage_ids(scenarios)
    for model in MODELS:
        model.objects.filter(usage_key__in=usage_ids).delete()
    StudentItem.objects.filter(item_id__in=usage_ids).delete()
    ActivityRecord.objects.filter(usage_key__in=usage_ids).delete()
    BlockProgress.objects.filter(usage_key__in=usage_ids).delete()


def synthetic_cohort(
    usage_key: str, learner_ids: list[str], reviews: int = 2, done_share: float = 0.5
) -> None:
    """A large cohort at the review phase written in bulk (for benchmarks and query-count tests
    only).

    Balanced groups of about four, the real allocation, and the first `done_share` of each learner's
    reviews done."""
    import secrets

    from django.utils import timezone

    from spoc_xblocks.peer_workshop.logic.allocation import SAME_GROUP, allocate
    from spoc_xblocks.peer_workshop.logic.groups import balanced_groups

    now = timezone.now()
    seed = secrets.token_hex(8)
    Workshop.objects.update_or_create(
        usage_key=usage_key,
        defaults={
            "course_key": "bench",
            "phase": Workshop.REVIEW,
            "phase_set_at": now,
            "seed": seed,
            "allocated_at": now,
        },
    )
    groups = {
        learner: str(number)
        for number, members in enumerate(balanced_groups(learner_ids, 4, seed), start=1)
        for learner in members
    }
    Participant.objects.bulk_create(
        [
            Participant(usage_key=usage_key, learner_id=learner, group=group, started=True)
            for learner, group in groups.items()
        ]
    )
    submissions = Submission.objects.bulk_create(
        [
            Submission(
                course_key="bench",
                usage_key=usage_key,
                learner_id=learner,
                text=f"<p>Work of {learner}</p>",
                links=[],
                submitted_at=now,
            )
            for learner in learner_ids
        ]
    )
    ids = {row.learner_id: row.id for row in submissions}
    slots = allocate(learner_ids, reviews, groups, SAME_GROUP, seed)
    done = {learner: 0 for learner in learner_ids}
    rows = []
    for slot in slots:
        finished = slot.reviewer in done and done[slot.reviewer] < reviews * done_share
        if finished:
            done[slot.reviewer] += 1
        options, comment = MIDDLE
        rows.append(
            Review(
                usage_key=usage_key,
                submission_id=ids[slot.author],
                reviewer_id=slot.reviewer,
                started=finished,
                status=Review.DONE if finished else Review.PENDING,
                submitted_at=now if finished else None,
                options=options if finished else {},
                comments={"escalation": comment} if finished else {},
                points={"clarity": 2, "tone": 2, "escalation": 1} if finished else {},
                comment_length=len(comment) if finished else 0,
            )
        )
    Review.objects.bulk_create(rows)
