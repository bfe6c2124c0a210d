"""What the LMS does with a block's published event (lms/djangoapps/courseware/block_render.py):
the tracker emits it with the course's context, the user's id and the block's usage key, as an
XBlock handler's `module` context gives it, to every backend of EVENT_TRACKING_BACKENDS."""

from __future__ import annotations

# Events the LMS hands to its own handlers instead of the tracker.
HANDLED_BY_THE_LMS = ("grade", "completion", "progress")


def emit(block, event_type: str, event_data: dict, user_id) -> None:
    """Emit through the platform's default tracker, when the package is installed and a tracker
    is registered (the tests of the time per module register one)."""
    if event_type in HANDLED_BY_THE_LMS:
        return
    try:
        from eventtracking import tracker
    except ImportError:
        return
    try:
        default = tracker.get_tracker()
    except KeyError:
        return
    usage_key = block.scope_ids.usage_id
    context = {"course_id": str(usage_key.course_key), "org_id": usage_key.course_key.org}
    if user_id:
        context["user_id"] = user_id
    handler_context = {"module": {"display_name": block.display_name, "usage_key": str(usage_key)}}
    with default.context("module_callback_handler", handler_context):
        with default.context(event_type, context):
            default.emit(event_type, event_data)
