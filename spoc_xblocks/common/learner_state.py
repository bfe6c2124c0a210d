"""Deleting one learner's state of a block, as the LMS instructor dashboard's "Delete learner state" asks.

The LMS loads the block from the modulestore, bound to nobody, calls `clear_student_state` with the learner's
anonymous id, the course and the usage key (edx-submissions' `score_set` receivers are disconnected meanwhile;
`score_reset` is not), then deletes the learner's StudentModule row, answering "Module does not exist" when
there is none. Our blocks keep their learners' work in their own tables, so each block deletes its rows
(`forget_learner`) and this mixin deletes the rows every block shares (progress, activity). The LMS finds a
learner's state of a block through that StudentModule row, which it writes only once the block saves a
user-state field for the learner: `learner_record` is that field, set at the learner's first write.
"""
from __future__ import annotations

from django.db import transaction
from xblock.fields import Boolean, Scope

from . import activity, progress
from .text import _

EVENT_ACTION = "learner_state_deleted"


class LearnerStateMixin:
    """The user-state field that gives the LMS a StudentModule row, and `clear_student_state`.

    The block implements `forget_learner(learner_id, course_key, usage_key) -> int`: delete that learner's rows
    of this block, through its `api`, and return how many went.
    """

    learner_record = Boolean(
        display_name=_("Learner record"),
        help=_("Set when the learner first changes something in this block. The LMS's instructor tools (Delete "
               "learner state) find a learner's state through a record the LMS keeps only once the block saves "
               "one of the learner's fields: this is that field."),
        default=False, scope=Scope.user_state,
    )

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):
        """Delete the learner's rows of this block and their progress and activity on it, in one transaction.

        Called by the LMS with no user bound to the block: only the arguments and the block's own fields count.
        No score is published from here (the LMS does not hear `score_set` meanwhile). The tracking event
        carries no personal data: how many records were deleted.
        """
        with transaction.atomic():
            records = self.forget_learner(str(user_id), str(course_id), str(item_id))
            records += progress.forget_learner(str(item_id), str(user_id))
            records += activity.forget_learner(str(item_id), str(user_id))
        block = self.scope_ids.block_type.removeprefix("spoc_")
        self.runtime.publish(self, f"spoc.{block}.{EVENT_ACTION}", {"records": records})

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        raise NotImplementedError


def note_learner_record(block) -> None:
    """After a learner's write: set the block's `learner_record` the first time (later requests write nothing),
    so the LMS keeps a StudentModule row for the learner. Blocks without the field are left alone."""
    if getattr(block, "learner_record", True) is False:
        block.learner_record = True
