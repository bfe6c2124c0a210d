"""The test site: the development settings, with the platform stand-in's app and routes beside the
workbench."""

import importlib.util

from spoc_xblocks.dev.settings import *  # noqa: F403 - the tests run on the development site
from spoc_xblocks.dev.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.platform"]
ROOT_URLCONF = "tests.platform.urls"
# The stand-in keeps the users' language preference where the LMS's user_api would.
SPOC_USER_PREFERENCE_MODELS = ("platform_standin.UserPreference",)
# No tracking backend unless a test configures one (tests/module_time): other tests' query counts
# stay those of the blocks alone.
EVENT_TRACKING_BACKENDS = {}
if importlib.util.find_spec("eventtracking"):
    # As the LMS starts its tracker: event-tracking's app registers the default tracker, built
    # from EVENT_TRACKING_BACKENDS (none here), which a block in a worker publishes to. Not on
    # Ulmo's pins, which leave event-tracking out.
    INSTALLED_APPS.append("eventtracking.django.apps.EventTrackingConfig")
    EVENT_TRACKING_ENABLED = True
