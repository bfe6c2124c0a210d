"""The platform's tracker, built by the `event-tracking` package from EVENT_TRACKING_BACKENDS
with our backend beside the LMS's tracking log, for the tests of the time per module."""

from __future__ import annotations

import pytest

BACKENDS = {
    "spoc_module_time": {"ENGINE": "spoc_xblocks.module_time.backend.ModuleTimeBackend"},
    "tracking_logs": {
        "ENGINE": "eventtracking.backends.logger.LoggerBackend",
        "OPTIONS": {"name": "tracking", "max_event_size": 50000},
    },
}


@pytest.fixture
def lms_tracker(settings, db):
    """The default tracker as the LMS registers it at start-up (eventtracking's DjangoTracker,
    from the settings), the test site's own put back afterwards."""
    pytest.importorskip("eventtracking")
    from eventtracking import tracker
    from eventtracking.django.django_tracker import DjangoTracker

    settings.EVENT_TRACKING_BACKENDS = BACKENDS
    settings.EVENT_TRACKING_PROCESSORS = []
    before = tracker.TRACKERS.get(tracker.DEFAULT_TRACKER_NAME)
    default = DjangoTracker()
    tracker.register_tracker(default)
    yield default
    if before is None:
        tracker.TRACKERS.pop(tracker.DEFAULT_TRACKER_NAME, None)
    else:
        tracker.register_tracker(before)
