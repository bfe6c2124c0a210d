"""Nudges: to one learner or every flagged learner, shown at the next visit, emailed when due, and
dropped for a learner who became active since the nudge was queued."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from spoc_xblocks.cohort_coach.models import Flag, Nudge
from spoc_xblocks.common import jobs
from spoc_xblocks.common.models import DeferredJob

from .conftest import ANSWERS, COACH, anonymous, move_back, set_fields

pytestmark = pytest.mark.django_db


def nudge(coach, learner="hugo", message="Hi, how is it going?"):
    return coach(
        "send_nudge",
        "trainer",
        {"target": "learner", "learner_id": anonymous(learner), "message": message},
    )


def age_nudges(hours: float):
    """Time passes: the nudges were queued `hours` ago, and their email (its job) is due."""
    Nudge.objects.update(
        queued_at=timezone.now() - timedelta(hours=hours),
        email_due=timezone.now() - timedelta(minutes=1),
    )
    DeferredJob.objects.update(run_after=timezone.now() - timedelta(minutes=1))


def test_a_nudge_is_shown_at_the_learners_next_visit_then_no_more(
    coach, workbench, published_events
):
    assert nudge(coach, message="Hi Hugo <b>come back</b>").status_code == 200
    first = workbench.page(COACH, "hugo").content.decode()
    assert (
        "A message from your trainer" in first and "Hi Hugo &lt;b&gt;come back&lt;/b&gt;" in first
    )
    assert Nudge.objects.get().status == "shown"
    assert "A message from your trainer" not in workbench.page(COACH, "hugo").content.decode()
    assert "A message from your trainer" not in workbench.page(COACH, "alice").content.decode()
    delivered = [
        data for kind, data in published_events if kind == "spoc.cohort_coach.nudges_delivered"
    ]
    assert delivered == [{"shown": [Nudge.objects.get().id], "suppressed": []}]


def test_a_masquerading_trainer_sees_the_nudge_without_consuming_it(coach, workbench):
    nudge(coach)
    assert "A message from your trainer" in workbench.page(COACH, "trainer~hugo").content.decode()
    assert Nudge.objects.get().status == "queued"


def test_a_nudge_is_dropped_when_the_learner_became_active_since_it_was_queued(coach, workbench):
    nudge(coach)
    age_nudges(hours=2)
    coach("post_checkin", "hugo", ANSWERS)  # active after the nudge was queued
    assert "A message from your trainer" not in workbench.page(COACH, "hugo").content.decode()
    assert Nudge.objects.get().status == "suppressed"
    assert mail.outbox == []


def test_a_due_nudge_is_emailed_once_unless_the_learner_came_back(coach, workbench):
    set_fields(workbench, nudge_email_delay_hours=24)
    nudge(coach, "hugo", "Hugo, your workshop is due.")
    nudge(coach, "lea", "Lea, see you Tuesday.")
    assert mail.outbox == []  # not due yet
    age_nudges(hours=25)
    coach("post_checkin", "lea", ANSWERS)  # Lea came back: no email for her
    workbench.page(COACH, "trainer")
    workbench.page(COACH, "trainer")
    assert [message.to for message in mail.outbox] == [["hugo@example.com"]]
    assert "Hugo, your workshop is due." in mail.outbox[0].body
    statuses = dict(Nudge.objects.values_list("learner_id", "status"))
    assert statuses == {anonymous("hugo"): "queued", anonymous("lea"): "suppressed"}
    assert Nudge.objects.get(learner_id=anonymous("hugo")).emailed_at is not None
    assert "Hugo, your workshop is due." in workbench.page(COACH, "hugo").content.decode()


def test_with_no_delay_the_email_goes_once_the_nudge_is_stored(coach, workbench):
    set_fields(workbench, nudge_email_delay_hours=0)
    nudge(coach)
    assert [message.to for message in mail.outbox] == [["hugo@example.com"]]
    assert mail.outbox[0].extra_headers["Message-ID"].startswith("<spoc-nudge-")


def test_with_a_worker_the_email_waits_for_its_due_time_on_the_worker(
    coach, workbench, celery_queue, django_capture_on_commit_callbacks
):
    """The trainer's request queues the email for its due time; no page view sends it (learners'
    requests send no mail); the worker does, once, and the trainer reads the count."""
    set_fields(workbench, nudge_email_delay_hours=24)
    with django_capture_on_commit_callbacks(execute=True):
        nudge(coach, "hugo", "Hugo, your workshop is due.")
    job = DeferredJob.objects.get()
    assert job.run_after > timezone.now() + timedelta(hours=23)
    age_nudges(hours=25)
    workbench.page(COACH, "trainer")
    workbench.page(COACH, "lea")
    assert mail.outbox == []
    assert jobs.run_job(job.pk) and not jobs.run_job(job.pk)
    assert [message.to for message in mail.outbox] == [["hugo@example.com"]]
    job.refresh_from_db()
    assert (job.status, job.done, job.counts["sent"]) == ("done", 1, 1)
    assert "1 email sent" in workbench.page(COACH, "trainer").content.decode()


def test_a_learner_who_asks_for_no_email_still_sees_the_nudge(coach, workbench):
    set_fields(workbench, nudge_email_delay_hours=24)
    page = workbench.page(COACH, "hugo").content.decode()
    assert "Email me about this course" in page and 'name="email"' in page
    assert coach("email_preference", "hugo", {"email": False}).status_code == 200
    nudge(coach, "hugo", "Hugo, your workshop is due.")
    age_nudges(hours=1)
    workbench.page(COACH, "trainer")
    assert mail.outbox == []
    assert "Hugo, your workshop is due." in workbench.page(COACH, "hugo").content.decode()
    assert DeferredJob.objects.get().counts == {"suppressed": 0, "declined": 1, "unreachable": 0}
    assert coach("email_preference", "trainer", {"email": False}).status_code == 403


@pytest.mark.platform_only
def test_the_email_is_in_the_learners_own_language(coach, workbench):
    from tests.platform.models import UserPreference

    set_fields(workbench, nudge_email_delay_hours=0)
    workbench.page(COACH, "hugo")  # Hugo's visit records who he is
    UserPreference.objects.create(user=workbench.people.user("hugo"), key="pref-lang", value="fr")
    nudge(coach, "hugo", "Hugo, ton atelier est à rendre.")
    [email] = mail.outbox
    assert email.subject.startswith("Un message de votre formateur")
    assert "Pour ne plus recevoir" in email.body


def test_without_email_the_nudge_is_only_shown(coach, workbench, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    set_fields(workbench, nudge_email_delay_hours=0)
    nudge(coach)
    assert Nudge.objects.get().email_due is None and mail.outbox == []


def flag_hugo_and_farid(coach, workbench):
    for learner in ("hugo", "farid", "alice"):
        coach("post_checkin", learner, ANSWERS)
    move_back("hugo", 9, workbench.usage_id(COACH), periods=1)
    move_back("farid", 10, workbench.usage_id(COACH), periods=1)
    workbench.page(COACH, "trainer")


def test_every_flagged_learner_gets_the_nudge_and_no_one_else(coach, workbench):
    flag_hugo_and_farid(coach, workbench)
    flagged = set(Flag.objects.values_list("learner_id", flat=True))
    assert {anonymous("hugo"), anonymous("farid")} <= flagged and anonymous("alice") not in flagged
    resolved = Flag.objects.get(learner_id=anonymous("farid"))
    coach("move_flag", "trainer", {"flag_id": resolved.id, "status": "resolved", "note": ""})
    answer = coach(
        "send_nudge",
        "trainer",
        {"target": "flagged", "message": "Shall we talk this week?", "confirmed": True},
    )
    assert answer.status_code == 200
    receivers = set(Nudge.objects.values_list("learner_id", flat=True))
    assert receivers == flagged - {anonymous("farid")}
    assert answer.json()["message"].startswith(f"Nudge queued for {len(receivers)} learners")


def test_nudging_every_flagged_learner_asks_first_naming_them_and_queues_nothing(coach, workbench):
    flag_hugo_and_farid(coach, workbench)
    answer = coach("send_nudge", "trainer", {"target": "flagged", "message": "Shall we talk?"})
    assert answer.status_code == 200
    asked = answer.json()["confirm"]
    flagged = Flag.objects.count()
    assert asked["question"] == f"Send this nudge to {flagged} flagged learners?"
    assert asked["action"] == f"Send to {flagged} learners"
    assert {"hugo", "farid"} <= set(asked["affected"]) and "alice" not in asked["affected"]
    assert not Nudge.objects.exists()


def test_nudging_every_flagged_learner_skips_those_with_a_nudge_waiting(coach, workbench):
    flag_hugo_and_farid(coach, workbench)
    nudge(coach, "hugo")
    everyone = {"target": "flagged", "message": "Shall we talk?"}
    asked = coach("send_nudge", "trainer", everyone).json()["confirm"]
    assert "hugo" not in asked["affected"] and "farid" in asked["affected"]
    assert (
        "1 other flagged learner already has a nudge waiting and is left out."
        in (asked["question"])
    )
    answer = coach("send_nudge", "trainer", {**everyone, "confirmed": True}).json()
    assert Nudge.objects.filter(learner_id=anonymous("hugo")).count() == 1
    assert Nudge.objects.filter(learner_id=anonymous("farid")).count() == 1
    assert answer["message"].endswith(
        "1 flagged learner already had a nudge waiting and was left out."
    )
    assert "html" in answer


def test_a_learner_no_longer_flagged_when_the_trainer_confirms_is_not_nudged(coach, workbench):
    flag_hugo_and_farid(coach, workbench)
    everyone = {"target": "flagged", "message": "Shall we talk?"}
    assert "farid" in coach("send_nudge", "trainer", everyone).json()["confirm"]["affected"]
    farid = Flag.objects.get(learner_id=anonymous("farid"))
    coach("move_flag", "trainer", {"flag_id": farid.id, "status": "resolved", "note": ""})
    coach("send_nudge", "trainer", {**everyone, "confirmed": True})
    receivers = set(Nudge.objects.values_list("learner_id", flat=True))
    assert anonymous("hugo") in receivers and anonymous("farid") not in receivers


def test_when_every_flagged_learner_has_a_nudge_waiting_nothing_is_sent(coach, workbench):
    flag_hugo_and_farid(coach, workbench)
    everyone = {"target": "flagged", "message": "Hi", "confirmed": True}
    assert coach("send_nudge", "trainer", everyone).status_code == 200
    queued = Nudge.objects.count()
    answer = coach("send_nudge", "trainer", everyone)
    assert answer.status_code == 400
    assert answer.json()["error"] == (
        "Every flagged learner already has a nudge waiting for their next visit."
    )
    assert Nudge.objects.count() == queued


@pytest.mark.parametrize(
    "payload",
    [
        {"target": "learner", "message": "Hi"},
        {"target": "learner", "learner_id": "not-in-the-roster", "message": "Hi"},
        {"target": "learner", "learner_id": "x", "message": "  "},
        {"target": "everyone", "message": "Hi"},
        {"target": "flagged", "message": "x" * 1001},
        {"target": "flagged", "message": "Nobody is flagged"},
    ],
)
def test_bad_nudges_answer_400_and_queue_nothing(coach, payload):
    response = coach("send_nudge", "trainer", payload)
    assert response.status_code == 400 and response.json()["error"]
    assert not Nudge.objects.exists()
