"""The development site's Celery app, made as the LMS makes its own (openedx/core/lib/celery):
settings read from Django's under their old names (`BROKER_URL`, `CELERY_ALWAYS_EAGER`), and every
installed app's `tasks` module found. `celery --app=spoc_xblocks.dev.celery worker` runs a worker;
the site hands it work when `SPOC_CELERY_BROKER` names a broker (see settings)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spoc_xblocks.dev.settings")

app = Celery("spoc_dev")
app.config_from_object("django.conf:settings")
app.autodiscover_tasks()
