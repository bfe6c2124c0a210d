"""The workbench's stand-in for the LMS's tracker: our blocks' published events reach the
backends of EVENT_TRACKING_BACKENDS (the time per module's) with the context the LMS gives them:
the course, the user's id and the block's usage key."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from spoc_xblocks.common.keys import course_key_for, usage_key_for

from .services import MASQUERADE_SEPARATOR, SIGNED_OUT_IDS, user_id_of

# Events the LMS hands to its own handlers instead of the tracker.
HANDLED_BY_THE_LMS = ("grade", "completion", "progress")


def tracker_event(block, event_type: str, data: dict) -> dict | None:
    """The event as the LMS's tracker would hand it to a backend; None for a signed-out visitor
    or a trainer viewing the course as someone (the workbench's user ids)."""
    username = str(getattr(block.runtime, "user_id", None) or "")
    if event_type in HANDLED_BY_THE_LMS or not username or username in SIGNED_OUT_IDS:
        return None
    if MASQUERADE_SEPARATOR in username:
        return None
    return {
        "name": event_type,
        "timestamp": timezone.now(),
        "data": data,
        "context": {
            "course_id": course_key_for(block),
            "user_id": user_id_of(username),
            "module": {"display_name": block.display_name, "usage_key": usage_key_for(block)},
        },
    }


def send_to_backends(block, event_type: str, data: dict) -> None:
    """Send the event to each backend configured at the top of EVENT_TRACKING_BACKENDS."""
    configured = getattr(settings, "EVENT_TRACKING_BACKENDS", {})
    event = tracker_event(block, event_type, data) if configured else None
    if event is None:
        return
    for config in configured.values():
        import_string(config["ENGINE"])(**config.get("OPTIONS", {})).send(event)


def route_workbench_events() -> None:
    """Make the workbench runtime's `publish` (which only logs) also send to the backends."""
    from workbench.runtime import WorkbenchRuntime

    logging_publish = WorkbenchRuntime.publish
    if getattr(logging_publish, "sends_to_backends", False):
        return

    def publish(runtime, block, event_type, event_data):
        logging_publish(runtime, block, event_type, event_data)
        send_to_backends(block, event_type, event_data)

    publish.sends_to_backends = True
    WorkbenchRuntime.publish = publish
