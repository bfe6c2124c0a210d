"""Django app holding the development site's management commands (not installed in the LMS)."""

from django.apps import AppConfig


class SpocDevConfig(AppConfig):
    name = "spoc_xblocks.dev"
    label = "spoc_dev"
    verbose_name = "SPOC XBlocks: development site"

    def ready(self):
        from django.conf import settings

        from .tracking import route_workbench_events

        route_workbench_events()
        if settings.BROKER_URL:
            # As the LMS imports its Celery app at start-up: the site's tasks then go to the broker.
            from . import celery  # noqa: F401
