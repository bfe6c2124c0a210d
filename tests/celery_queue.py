"""Celery as the LMS has it, for tests: the development site's app (made as the LMS's) on an
in-memory broker, so that jobs are queued and nothing runs until a test runs them. The run on
Ulmo's pins (.venv-ulmo, the blocks' own requirements) has no Celery: there these tests skip, and
every other test runs the jobs inline."""

from __future__ import annotations

import pytest


@pytest.fixture
def celery_queue(settings):
    """Tasks go to a broker (nobody consumes them); yields the app."""
    pytest.importorskip("celery")
    from spoc_xblocks.dev.celery import app

    settings.BROKER_URL = "memory://"
    app.conf.broker_url = "memory://"
    app.conf.task_always_eager = False
    yield app
    app.conf.broker_url = None


@pytest.fixture
def celery_eager(settings):
    """Celery with a broker but running tasks eagerly (as under `tutor dev`): jobs run in the
    request, as Celery would run them."""
    settings.BROKER_URL = "memory://"
    settings.CELERY_ALWAYS_EAGER = True
