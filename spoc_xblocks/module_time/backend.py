"""An event-tracking backend that turns every LMS tracking event into time per module.

The operator adds it to the LMS's `EVENT_TRACKING_BACKENDS` (docs/operating.md); the platform's
tracker then calls `send(event)` with each event: `name`, `timestamp`, `data` and the `context`
the LMS gives it (`course_id`, `user_id` and, for an event of a block, `module.usage_key`).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from . import api

log = logging.getLogger(__name__)

# Keys of an event's data that name the block for events without a module context (the
# browser's events of the courseware).
DATA_KEYS = ("usage_key", "id", "problem_id", "module_id")


def module_of(event: dict) -> str:
    """The usage key of the block an event is about, or "" when it names none."""
    context = event.get("context") or {}
    module = context.get("module")
    if isinstance(module, dict) and isinstance(module.get("usage_key"), str):
        return module["usage_key"]
    data = event.get("data")
    if isinstance(data, dict):
        for key in DATA_KEYS:
            value = data.get(key)
            if isinstance(value, str) and value.startswith("block-v1:"):
                return value
    return ""


def time_of(event: dict) -> datetime | None:
    """When the event happened, as an aware datetime (the tracker gives one; a processed event an
    ISO string)."""
    value = event.get("timestamp") or event.get("time")
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if not isinstance(value, datetime):
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class ModuleTimeBackend:
    """Records each signed-in learner's event in a course as time per module; ignores the rest."""

    def __init__(self, **options):
        self.options = options

    def send(self, event: dict) -> None:
        context = event.get("context") or {}
        course_key, user_id = context.get("course_id"), context.get("user_id")
        module, at = module_of(event), time_of(event)
        if not (course_key and user_id and module and at):
            return
        api.record_event(str(course_key), str(user_id), module, at)
