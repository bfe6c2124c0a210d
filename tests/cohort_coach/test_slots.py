"""One-to-one slots: the trainer offers, one learner books (never two), the calendar file is RFC
5545."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import IntegrityError, connections
from django.test import Client
from django.utils import timezone

from spoc_xblocks.cohort_coach.models import Booking, Slot

from .conftest import COACH, anonymous

pytestmark = pytest.mark.django_db


def offer(coach, days=2, minutes=30, where="Room 2; floor 1"):
    starts = (timezone.now() + timedelta(days=days)).replace(microsecond=0)
    response = coach(
        "offer_slot", "trainer", {"starts": starts.isoformat(), "minutes": minutes, "where": where}
    )
    assert response.status_code == 200, response.content
    return Slot.objects.get(starts=starts)


def test_a_learner_books_an_offered_slot_and_others_no_longer_see_it(coach, workbench):
    slot = offer(coach)
    assert "Book this time" in workbench.page(COACH, "bruno").content.decode()
    booked = coach("book_slot", "alice", {"slot_id": slot.id})
    assert booked.status_code == 200 and "Booked:" in booked.json()["sections"]["meeting"]
    assert "Book this time" not in workbench.page(COACH, "bruno").content.decode()
    assert "alice" in workbench.page(COACH, "trainer").content.decode().split("Upcoming slots")[1]


def test_a_booked_slot_cannot_be_booked_again(coach):
    slot = offer(coach)
    coach("book_slot", "alice", {"slot_id": slot.id})
    taken = coach("book_slot", "bruno", {"slot_id": slot.id})
    assert taken.status_code == 400 and "just booked" in taken.json()["error"]
    assert list(Booking.objects.values_list("learner_id", flat=True)) == [anonymous("alice")]


def test_learners_booking_the_same_slot_at_once_cannot_double_book(concurrent_database):
    """Eight learners press "Book" together on the real handler: one gets the slot, seven are told
    it was taken."""
    usage_id = concurrent_database[COACH].usage_id
    starts = timezone.now() + timedelta(days=2)
    slot = Slot.objects.create(
        course_key="c",
        usage_key=usage_id,
        trainer_id="t",
        starts=starts,
        ends=starts + timedelta(minutes=30),
    )
    learners = ["alice", "bruno", "chloe", "david", "emma", "farid", "giulia", "hugo"]
    barrier, answers = threading.Barrier(len(learners)), {}

    def book(learner: str):
        try:
            client = Client()
            barrier.wait()
            answers[learner] = client.post(
                f"/handler/{usage_id}/book_slot/?student={learner}",
                json.dumps({"slot_id": slot.id}),
                content_type="application/json",
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(learner,)) for learner in learners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(response.status_code for response in answers.values())
    assert statuses == [200] + [400] * 7
    refused = [response for response in answers.values() if response.status_code == 400]
    assert all("just booked" in response.json()["error"] for response in refused)
    [booking] = Booking.objects.filter(slot=slot)
    winner = next(learner for learner, response in answers.items() if response.status_code == 200)
    assert booking.learner_id == anonymous(winner)
    with pytest.raises(IntegrityError):
        Booking.objects.create(slot=slot, learner_id="late")


def test_one_upcoming_booking_per_learner(coach):
    first, second = offer(coach, days=2), offer(coach, days=3)
    coach("book_slot", "alice", {"slot_id": first.id})
    again = coach("book_slot", "alice", {"slot_id": second.id})
    assert again.status_code == 400 and "already have" in again.json()["error"]
    assert coach("cancel_booking", "alice", {"slot_id": first.id}).status_code == 200
    assert coach("book_slot", "alice", {"slot_id": second.id}).status_code == 200


def test_the_calendar_file_is_for_the_learner_who_booked_and_for_trainers(coach, workbench):
    slot = offer(coach, where="Room 2; floor 1, left")
    coach("book_slot", "alice", {"slot_id": slot.id})
    response = workbench.get(COACH, "meeting_ics", "alice", str(slot.id))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode()
    lines = text.split("\r\n")
    assert "BEGIN:VEVENT" in lines and f"DTSTART:{slot.starts:%Y%m%dT%H%M%S}Z" in lines
    assert (
        f"DTEND:{slot.ends:%Y%m%dT%H%M%S}Z" in lines
        and "LOCATION:Room 2\\; floor 1\\, left" in lines
    )
    assert any(line.startswith("UID:") and line.endswith("@spoc-xblocks") for line in lines)
    other = workbench.get(COACH, "meeting_ics", "bruno", str(slot.id))
    assert other.status_code == 403
    trainer = workbench.get(COACH, "meeting_ics", "trainer", str(slot.id))
    assert trainer.status_code == 200
    assert workbench.get(COACH, "meeting_ics", "alice", "x").status_code == 404


def test_withdrawing_a_booked_slot_asks_first_naming_the_learner(coach):
    slot = offer(coach)
    coach("book_slot", "alice", {"slot_id": slot.id})
    answer = coach("cancel_slot", "trainer", {"slot_id": slot.id})
    assert answer.status_code == 200
    assert answer.json()["confirm"] == {
        "question": "alice booked this slot. Withdraw it and cancel their booking? They will see "
        "it is no longer booked.",
        "action": "Withdraw the booked slot",
        "affected": ["alice"],
    }
    assert Booking.objects.filter(learner_id=anonymous("alice")).exists()
    assert Slot.objects.filter(id=slot.id).exists()


def test_withdrawing_a_free_slot_needs_no_question(coach):
    slot = offer(coach)
    answer = coach("cancel_slot", "trainer", {"slot_id": slot.id}).json()
    assert answer["message"] == "The slot was withdrawn." and "confirm" not in answer
    assert not Slot.objects.exists()


def test_withdrawing_a_booked_slot_frees_the_learner(coach, workbench):
    slot = offer(coach)
    coach("book_slot", "alice", {"slot_id": slot.id})
    answer = coach("cancel_slot", "trainer", {"slot_id": slot.id, "confirmed": True})
    assert answer.status_code == 200
    assert answer.json()["message"] == (
        "The slot was withdrawn; its learner will see it is no longer booked."
    )
    assert not Booking.objects.exists()
    assert "has not offered one-to-one times yet" in workbench.page(COACH, "alice").content.decode()


@pytest.mark.parametrize(
    "payload",
    [
        {"starts": "tomorrow", "minutes": 30},
        {"starts": "2020-01-01T10:00:00Z", "minutes": 30},
        {"starts": "2030-01-01T10:00:00", "minutes": 30},
        {"starts": "2030-01-01T10:00:00Z", "minutes": 5},
        {"starts": "2030-01-01T10:00:00Z", "minutes": 30, "where": "x" * 201},
    ],
)
def test_bad_slots_answer_400_and_store_nothing(coach, payload):
    assert coach("offer_slot", "trainer", payload).status_code == 400
    assert not Slot.objects.exists()


def test_a_learner_cannot_book_a_past_or_unknown_slot(coach):
    slot = offer(coach)
    Slot.objects.filter(id=slot.id).update(starts=timezone.now() - timedelta(hours=1))
    assert coach("book_slot", "alice", {"slot_id": slot.id}).status_code == 400
    assert coach("book_slot", "alice", {"slot_id": 999}).status_code == 400
    assert not Booking.objects.exists()


def test_a_signed_out_visitor_is_asked_to_sign_in_and_sees_nothing_private(coach, workbench):
    offer(coach, where="Phone: +33 1 23 45 67 89")
    coach("post_checkin", "alice", {"confidence": 3, "blockers": "The rubric"})
    coach("add_goal", "alice", {"text": "Finish the workshop"})
    other = offer(coach, days=3, where="Room 2")
    coach("book_slot", "alice", {"slot_id": other.id})
    html = workbench.page(COACH, "anonymous").content.decode()
    assert "Sign in to check in with your trainer, keep your goals and book a one-to-one." in html
    for private in ("+33 1 23 45 67 89", "Room 2", "The rubric", "Finish the workshop", "alice"):
        assert private not in html
    assert "book_slot" not in html and "data-spoc-handler" not in html
