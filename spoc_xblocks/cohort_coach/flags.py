"""Flags the trainer works through: open -> contacted -> resolved, with notes only trainers see."""

from __future__ import annotations

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import usage_key_for
from spoc_xblocks.common.payloads import Integer, String
from spoc_xblocks.common.text import _

from . import api
from .learner import TEXT_LIMIT
from .logic.followup import CONTACTED, RESOLVED

MOVE_SHAPE = {
    "flag_id": Integer(minimum=1),
    "status": String(choices=(CONTACTED, RESOLVED)),
    "note": String(max_length=TEXT_LIMIT, required=False),
}
NOTE_SHAPE = {"flag_id": Integer(minimum=1), "note": String(max_length=TEXT_LIMIT)}


class FlagsMixin:
    """Trainer handlers that move a flag along its life cycle and keep notes on it."""

    @spoc_handler(MOVE_SHAPE, trainer_only=True)
    def move_flag(self, data, viewer):
        try:
            flag = api.move_flag(
                usage_key_for(self),
                data["flag_id"],
                data["status"],
                viewer.anonymous_id,
                data["note"].strip(),
            )
        except api.NotFound as missing:
            raise HandlerError(_("This flag no longer exists."), status=404) from missing
        except api.Conflict as conflict:
            raise HandlerError(
                _("This flag has moved since the page was drawn: look at it again.")
            ) from conflict
        self.log(
            viewer,
            "flag_moved",
            {
                "flag_id": flag["id"],
                "status": flag["status"],
                "with_note": bool(data["note"].strip()),
            },
        )
        gettext = gettext_for(self)
        announce = (
            gettext("Marked as contacted.")
            if flag["status"] == CONTACTED
            else gettext("Marked as resolved.")
        )
        return {
            "html": self.learner_detail_html(flag["learner_id"]),
            "announce": announce,
            "refresh": True,
        }

    @spoc_handler(NOTE_SHAPE, trainer_only=True)
    def add_flag_note(self, data, viewer):
        note = data["note"].strip()
        if not note:
            raise HandlerError(_("Write the note before saving it."))
        try:
            learner = api.add_flag_note(
                usage_key_for(self), data["flag_id"], viewer.anonymous_id, note
            )
        except api.NotFound as missing:
            raise HandlerError(_("This flag no longer exists."), status=404) from missing
        self.log(viewer, "flag_note_added", {"flag_id": data["flag_id"]})
        return {
            "html": self.learner_detail_html(learner),
            "announce": gettext_for(self)("Note saved."),
        }
