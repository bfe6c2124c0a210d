"""The base of the five blocks: their keys, translation, viewer, and what happens when a learner
acts."""

from __future__ import annotations

from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock

from . import activity, progress
from .i18n import gettext_for, ngettext_for
from .keys import course_key_for, usage_key_for
from .learner_state import LearnerStateMixin
from .operator_settings import BUCKET
from .roles import Viewer, current_viewer


@XBlock.needs("i18n")
@XBlock.wants("user", "settings", "completion", "studio_user_permissions")
class SpocBlock(LearnerStateMixin, XBlock):
    """What every SPOC block shares. A block sets `block_type` (its entry point, which keys its
    rows) and `event_namespace` (its tracking events are `<event_namespace>.<action>`)."""

    block_type = ""
    event_namespace = ""
    block_settings_key = BUCKET  # one XBLOCK_SETTINGS bucket for the five blocks
    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_custom_completion = True

    @property
    def usage_key(self) -> str:
        return usage_key_for(self)

    @property
    def course_key(self) -> str:
        return course_key_for(self)

    @property
    def gettext(self):
        """The viewer's gettext, from the runtime's i18n service."""
        return gettext_for(self)

    @property
    def ngettext(self):
        return ngettext_for(self)

    @property
    def viewer(self) -> Viewer:
        """Who is looking, in the runtime's terms (handlers get it as an argument)."""
        return current_viewer(self)

    def publish_event(self, action: str, data: dict) -> None:
        """A tracking event `<event_namespace>.<action>`: ids and numbers, never personal text."""
        self.runtime.publish(self, f"{self.event_namespace}.{action}", data)

    def learner_did(
        self,
        viewer: Viewer,
        action: str,
        data: dict | None = None,
        *,
        verb: str | None = None,
        record: bool = True,
        event: bool = True,
        started: bool = False,
        done: bool = False,
        score: float | None = None,
    ) -> None:
        """What follows a person's act on the block, in one place.

        The tracking event (unless `event=False`: an act analytics do not follow, such as a
        draft saved as one types). For a learner (never course staff): a row in the activity log
        (`verb`, by default the action; `record=False` for a second event of the same request), and
        a progress row when the act starts the block (`started`) or finishes it (`done`, with a
        `score` from 0 to 1). Finishing publishes the LMS's completion.
        """
        if event:
            self.publish_event(action, data or {})
        learner = viewer.anonymous_id if not viewer.is_trainer else ""
        if learner and record:
            activity.record_activity(
                self.course_key, self.usage_key, self.block_type, learner, verb or action
            )
        if learner and (started or done):
            progress.record_progress(
                self.course_key,
                self.usage_key,
                self.block_type,
                learner,
                done=done,
                score=score,
                block_name=self.display_name,
            )
        if done:
            self.runtime.publish(self, "completion", {"completion": 1.0})
