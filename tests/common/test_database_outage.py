"""A database that is down answers 503 JSON with Retry-After, from our handlers and from the
workbench's pages."""

import pytest
from django.db import OperationalError

from spoc_xblocks.common import handlers

UNAVAILABLE = {"error": "The service is briefly unavailable; try again in a moment."}


def _gone(*args, **kwargs):
    raise OperationalError(2006, "MySQL server has gone away")


def test_a_handler_answers_503_with_retry_after_when_the_database_is_down(workbench, monkeypatch):
    monkeypatch.setattr(handlers, "clean_payload", _gone)

    response = workbench.post("spoc_pulse.0", "answer", "alice", {"answers": {"pace": 3}})

    assert (response.status_code, response["Retry-After"], response.json()) == (
        503,
        "5",
        UNAVAILABLE,
    )


@pytest.mark.workbench_only  # the development site's own middleware
def test_a_workbench_page_answers_503_json_when_the_database_is_down(workbench, monkeypatch):
    from workbench import views

    monkeypatch.setattr(views, "get_scenarios", _gone)

    response = workbench.page("spoc_pulse.0", "alice")

    assert (response.status_code, response["Retry-After"], response.json()) == (
        503,
        "5",
        UNAVAILABLE,
    )
