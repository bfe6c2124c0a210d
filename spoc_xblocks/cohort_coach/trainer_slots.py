"""The trainer's one-to-one slots: the upcoming ones with who booked them, offering one, and
withdrawing one (asking first when a learner booked it)."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from spoc_xblocks.common.confirmations import CONFIRMED, ask_first
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.payloads import Integer, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.text import _
from spoc_xblocks.common.times import parse_moment

from . import api, workflow

MAX_DAYS_AHEAD = 366
OFFER_SHAPE = {
    "starts": String(max_length=40),
    "minutes": Integer(minimum=10, maximum=240, label=_("Length (minutes)")),
    "where": String(max_length=200, required=False),
}
SLOT_SHAPE = {"slot_id": Integer(minimum=1), **CONFIRMED}


def slots_html(block, now, usernames: dict | None = None) -> str:
    """The trainer's upcoming slots with who booked them, and the form to offer one."""
    slots = api.upcoming_slots(block.usage_key, now)
    names = workflow.learner_names(
        block, [slot["learner_id"] for slot in slots if slot["learner_id"]], usernames
    )
    return render_template(
        block,
        "templates/trainer_slots.html",
        {
            "block_id": html_id(block),
            "slots": [
                {
                    **workflow.slot_view(block, slot),
                    "learner_name": names.get(slot["learner_id"], ""),
                    "payload": json.dumps({"slot_id": slot["id"]}),
                }
                for slot in slots
            ],
        },
    )


class TrainerSlotsMixin:
    """The trainer's handlers for one-to-one slots."""

    @spoc_handler(OFFER_SHAPE, trainer_only=True)
    def offer_slot(self, data, viewer):
        starts = parse_moment(data["starts"])
        now = timezone.now()
        if starts is None:
            raise HandlerError(
                _("The start must be a date and time, such as 2026-03-02T14:00:00Z."),
                field="starts",
            )
        if starts <= now or starts > now + timedelta(days=MAX_DAYS_AHEAD):
            raise HandlerError(_("The start must be in the future, within a year."), field="starts")
        try:
            slot = api.offer_slot(
                self.course_key,
                self.usage_key,
                viewer.anonymous_id,
                starts,
                starts + timedelta(minutes=data["minutes"]),
                data["where"].strip(),
            )
        except api.Conflict as conflict:
            raise HandlerError(
                _("You already offer a slot starting at that time."), field="starts"
            ) from conflict
        self.publish_event("slot_offered", {"slot_id": slot["id"], "minutes": data["minutes"]})
        return self._slots_answer(self.gettext("The slot is offered to learners."))

    @spoc_handler(SLOT_SHAPE, trainer_only=True)
    def cancel_slot(self, data, viewer):
        try:
            booked_by = api.slot(self.usage_key, data["slot_id"])["learner_id"]
            if booked_by and not data["confirmed"]:
                name = workflow.learner_name(self, booked_by)
                return ask_first(
                    self.gettext(
                        "{name} booked this slot. Withdraw it and cancel their booking? They will "
                        "see it is no longer booked."
                    ).format(name=name),
                    self.gettext("Withdraw the booked slot"),
                    [name],
                )
            learner = api.cancel_slot(self.usage_key, data["slot_id"])
        except api.NotFound as missing:
            raise HandlerError(_("This slot no longer exists."), status=404) from missing
        self.publish_event(
            "slot_cancelled", {"slot_id": data["slot_id"], "was_booked": learner is not None}
        )
        return self._slots_answer(
            self.gettext("The slot was withdrawn; its learner will see it is no longer booked.")
            if learner
            else self.gettext("The slot was withdrawn.")
        )

    def _slots_answer(self, message: str) -> dict:
        return {"html": slots_html(self, timezone.now()), "message": message}
