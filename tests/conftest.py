"""Shared fixtures: the workbench's scenarios on a fresh test database, and handler calls as a given user."""
from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache, as its database starts empty."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def scenarios(db):
    """The workbench scenarios, parsed anew for this test's database."""
    from workbench.scenarios import get_scenarios, init_scenarios

    init_scenarios()
    return get_scenarios()


class Workbench:
    """Calls a workbench scenario's pages and handlers through Django's test client, as the real URLs."""

    def __init__(self, client, scenarios):
        self.client = client
        self.scenarios = scenarios

    def usage_id(self, scenario_id: str) -> str:
        return self.scenarios[scenario_id].usage_id

    def page(self, scenario_id: str, student: str, view: str = "student_view", language: str = "en"):
        return self.client.get(
            f"/view/{scenario_id}/{view}/", {"student": student}, HTTP_ACCEPT_LANGUAGE=language,
        )

    def handler_url(self, scenario_id: str, handler: str, student: str) -> str:
        return f"/handler/{self.usage_id(scenario_id)}/{handler}/?student={student}"

    def post(self, scenario_id: str, handler: str, student: str, payload=None, raw: bytes | None = None,
             language: str = "en"):
        body = raw if raw is not None else json.dumps(payload or {})
        return self.client.post(
            self.handler_url(scenario_id, handler, student), data=body,
            content_type="application/json", HTTP_ACCEPT_LANGUAGE=language,
        )

    def get(self, scenario_id: str, handler: str, student: str):
        return self.client.get(self.handler_url(scenario_id, handler, student))


@pytest.fixture
def workbench(client, scenarios):
    return Workbench(client, scenarios)


@pytest.fixture
def published_events(monkeypatch):
    """Every event the blocks publish through the workbench runtime, as (event_type, data) pairs."""
    from workbench.runtime import WorkbenchRuntime

    events = []
    monkeypatch.setattr(WorkbenchRuntime, "publish", lambda self, block, kind, data: events.append((kind, data)))
    return events
