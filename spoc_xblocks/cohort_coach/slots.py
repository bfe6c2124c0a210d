"""One-to-one meetings: the trainer offers slots, a learner books one and downloads it as an .ics file."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.utils import timezone
from webob import Response
from xblock.core import XBlock

from spoc_xblocks.common.handlers import HandlerError, json_response, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.payloads import Integer, String, id_from_suffix
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.roles import current_viewer
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import parse_moment, time_html

from . import api
from .logic.ics import Event, calendar

SLOT_SHAPE = {"slot_id": Integer(minimum=1)}
OFFER_SHAPE = {
    "starts": String(max_length=40),
    "minutes": Integer(minimum=10, maximum=240),
    "where": String(max_length=200, required=False),
}
MAX_DAYS_AHEAD = 366


def _uid(usage_key: str, slot_id: int) -> str:
    digest = hashlib.sha256(f"{usage_key}:{slot_id}".encode()).hexdigest()[:24]
    return f"{digest}-{slot_id}@spoc-xblocks"


class SlotsMixin:
    """Slots offered by trainers, booked by learners (one learner per slot), and their calendar files."""

    def _slot_view(self, slot: dict) -> dict:
        return {
            **slot,
            "starts_html": time_html(slot["starts"]),
            "minutes": int((slot["ends"] - slot["starts"]).total_seconds() // 60),
            "ics_url": self.runtime.handler_url(self, "meeting_ics", str(slot["id"])),
        }

    def meeting_html(self, viewer, now) -> str:
        """The learner's next one-to-one, or the free slots they can book."""
        slots = api.upcoming_slots(usage_key_for(self), now)
        booked = next((slot for slot in slots if slot["learner_id"] == viewer.anonymous_id), None)
        free = [slot for slot in slots if slot["learner_id"] is None and slot["starts"] > now]
        return render_template(
            self,
            "templates/learner_meeting.html",
            {
                "block_id": html_id(self),
                "booked": self._slot_view(booked) if booked else None,
                "free": [self._slot_view(slot) for slot in free],
                "can_write": viewer.can_write,
            },
        )

    def _meeting_answer(self, viewer, announce: str) -> dict:
        return {
            "sections": {"meeting": self.meeting_html(viewer, timezone.now())},
            "focus": "meeting",
            "announce": announce,
        }

    @spoc_handler(SLOT_SHAPE)
    def book_slot(self, data, viewer):
        if viewer.is_trainer:
            raise HandlerError(_("Slots are booked by learners."))
        try:
            api.book_slot(usage_key_for(self), viewer.anonymous_id, data["slot_id"], timezone.now())
        except api.NotFound as missing:
            raise HandlerError(_("This slot is no longer offered.")) from missing
        except api.Conflict as conflict:
            if conflict.code == "already_booked":
                raise HandlerError(
                    _(
                        "You already have a one-to-one booked: cancel it first to choose another "
                        "slot."
                    )
                ) from conflict
            raise HandlerError(
                _("Someone has just booked this slot: choose another.")
            ) from conflict
        self.log(viewer, "slot_booked", {"slot_id": data["slot_id"]}, verb="slot_booked")
        return self._meeting_answer(viewer, gettext_for(self)("Your one-to-one is booked."))

    @spoc_handler(SLOT_SHAPE)
    def cancel_booking(self, data, viewer):
        try:
            api.cancel_booking(usage_key_for(self), viewer.anonymous_id, data["slot_id"])
        except api.NotFound as missing:
            raise HandlerError(_("You have no booking for this slot."), status=404) from missing
        self.log(viewer, "booking_cancelled", {"slot_id": data["slot_id"]})
        return self._meeting_answer(viewer, gettext_for(self)("Your booking was cancelled."))

    # ---- trainer ----------------------------------------------------------------------------------------

    def slots_html(self, now, usernames: dict | None = None) -> str:
        """The trainer's upcoming slots with who booked them, and the form to offer one."""
        slots = api.upcoming_slots(usage_key_for(self), now)
        names = self.learner_names(
            [slot["learner_id"] for slot in slots if slot["learner_id"]], usernames
        )
        return render_template(
            self,
            "templates/trainer_slots.html",
            {
                "block_id": html_id(self),
                "slots": [
                    {**self._slot_view(slot), "learner_name": names.get(slot["learner_id"], "")}
                    for slot in slots
                ],
            },
        )

    @spoc_handler(OFFER_SHAPE, trainer_only=True)
    def offer_slot(self, data, viewer):
        starts = parse_moment(data["starts"])
        now = timezone.now()
        if starts is None:
            raise HandlerError(
                _("The start must be a date and time, such as 2026-03-02T14:00:00Z.")
            )
        if starts <= now or starts > now + timedelta(days=MAX_DAYS_AHEAD):
            raise HandlerError(_("The start must be in the future, within a year."))
        where = data["where"].strip()
        try:
            slot = api.offer_slot(
                course_key_for(self),
                usage_key_for(self),
                viewer.anonymous_id,
                starts,
                starts + timedelta(minutes=data["minutes"]),
                where,
            )
        except api.Conflict as conflict:
            raise HandlerError(_("You already offer a slot starting at that time.")) from conflict
        self.log(viewer, "slot_offered", {"slot_id": slot["id"], "minutes": data["minutes"]})
        return self._slots_answer(gettext_for(self)("The slot is offered to learners."))

    @spoc_handler(SLOT_SHAPE, trainer_only=True)
    def cancel_slot(self, data, viewer):
        try:
            learner = api.cancel_slot(usage_key_for(self), data["slot_id"])
        except api.NotFound as missing:
            raise HandlerError(_("This slot no longer exists."), status=404) from missing
        self.log(
            viewer,
            "slot_cancelled",
            {"slot_id": data["slot_id"], "was_booked": learner is not None},
        )
        gettext = gettext_for(self)
        return self._slots_answer(
            gettext("The slot was withdrawn; its learner will see it is no longer booked.")
            if learner
            else gettext("The slot was withdrawn.")
        )

    def _slots_answer(self, announce: str) -> dict:
        return {"html": self.slots_html(timezone.now()), "announce": announce}

    # ---- calendar file --------------------------------------------------------------------------------

    @XBlock.handler
    def meeting_ics(self, request, suffix=""):
        """The slot as an iCalendar file, for the learner who booked it and for trainers."""
        gettext = gettext_for(self)
        viewer = current_viewer(self)
        slot_id = id_from_suffix(suffix)
        try:
            slot = api.slot(usage_key_for(self), slot_id) if slot_id is not None else None
        except api.NotFound:
            slot = None
        if slot is None:
            return json_response({"error": gettext("This slot no longer exists.")}, 404)
        if not viewer.is_trainer and slot["learner_id"] != viewer.anonymous_id:
            return json_response(
                {"error": gettext("Only the learner who booked this slot can download it.")}, 403
            )
        event = Event(
            uid=_uid(usage_key_for(self), slot["id"]),
            start=slot["starts"],
            end=slot["ends"],
            summary=gettext("One-to-one with your trainer: {course}").format(
                course=self.display_name
            ),
            description=gettext("A one-to-one meeting booked in the course."),
            location=slot["where"],
        )
        return Response(
            body=calendar([event], timezone.now()).encode("utf-8"),
            content_type="text/calendar",
            charset="utf-8",
            content_disposition=f'attachment; filename="one-to-one-{slot["id"]}.ics"',
        )
