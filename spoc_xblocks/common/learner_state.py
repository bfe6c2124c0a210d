"""Deleting a learner's state of a block, as the instructor dashboard's "Delete learner state" asks.

The LMS loads the block from the modulestore, bound to nobody, and calls `clear_student_state` with
the learner's anonymous id, the course and the usage key (edx-submissions' `score_set` receivers are
disconnected meanwhile; `score_reset` is not). It then deletes the learner's StudentModule row, or
answers "Module does not exist" when there is none. Our blocks keep their learners' work in their
own tables: each block deletes its rows (`forget_learner`), this mixin the rows every block shares
(progress, activity). The LMS writes a StudentModule row only once the block saves a user-state
field of the learner: `learner_record` is that field, set at the learner's first write.
"""

from __future__ import annotations

from django.db import transaction
from xblock.fields import Boolean, Scope

from . import activity, progress
from .text import _

EVENT_ACTION = "learner_state_deleted"


class LearnerStateMixin:
    """The user-state field that gives the LMS a StudentModule row, and `clear_student_state`.

    The block implements `forget_learner(learner_id, course_key, usage_key) -> int`: delete that
    learner's rows of this block, through its `api`, and return how many went.
    """

    learner_record = Boolean(
        display_name=_("Learner record"),
        help=_(
            "Set when the learner first changes something in this block. The LMS's instructor "
            "tools (Delete learner state) find a learner's state through a record the LMS keeps "
            "only once the block saves one of the learner's fields: this is that field."
        ),
        default=False,
        scope=Scope.user_state,
    )

    def clear_student_state(self, user_id, course_id, item_id, requesting_user_id):
        """Delete the learner's rows of this block, with their progress and activity on it, in one
        transaction.

        The LMS calls this with no user bound to the block: only the arguments and the block's own
        fields count. No score is published from here (the LMS does not hear `score_set` meanwhile).
        The tracking event carries no personal data, only how many records were deleted.
        """
        learner_id, course_key, usage_key = str(user_id), str(course_id), str(item_id)
        with transaction.atomic():
            records = self.forget_learner(learner_id, course_key, usage_key)
            records += progress.forget_learner(usage_key, learner_id)
            records += activity.forget_learner(usage_key, learner_id)
        block = self.scope_ids.block_type.removeprefix("spoc_")
        self.runtime.publish(self, f"spoc.{block}.{EVENT_ACTION}", {"records": records})

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        raise NotImplementedError


def note_learner_record(block) -> None:
    """After a learner's write: set the block's `learner_record` the first time (later requests
    write nothing), so the LMS keeps a StudentModule row for the learner. Blocks without the field
    are left alone."""
    if getattr(block, "learner_record", True) is False:
        block.learner_record = True
