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
def concurrent_database(transactional_db, tmp_path):
    """The test database as concurrent requests need it, with the workbench scenarios in it.

    SQLite's in-memory test database refuses a second writer at once (table locks); for these tests the
    database is copied to a file opened with a lock timeout and IMMEDIATE transactions, as concurrent
    SQLite writers need. MySQL and PostgreSQL serve concurrent writers as they are.
    """
    import sqlite3

    from django.db import connection
    from workbench.scenarios import get_scenarios, init_scenarios

    init_scenarios()
    settings_dict = connection.settings_dict
    if settings_dict["ENGINE"] != "django.db.backends.sqlite3":
        yield get_scenarios()
        return
    connection.ensure_connection()
    copy = sqlite3.connect(tmp_path / "concurrent.sqlite3")
    connection.connection.backup(copy)
    copy.close()
    in_memory, saved = connection.connection, (settings_dict["NAME"], settings_dict["OPTIONS"])
    connection.connection = None  # the next query connects anew, to the copy
    settings_dict["NAME"] = str(tmp_path / "concurrent.sqlite3")
    settings_dict["OPTIONS"] = {**saved[1], "timeout": 60, "transaction_mode": "IMMEDIATE"}
    try:
        yield get_scenarios()
    finally:
        connection.close()
        settings_dict["NAME"], settings_dict["OPTIONS"] = saved
        connection.connection = in_memory


@pytest.fixture
def olx_block(db):
    """Parse a block's OLX through its own parse_xml on a workbench runtime (OlxError for bad OLX)."""
    from tests.olx import block_from_olx

    return block_from_olx


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


def pytest_sessionfinish(session, exitstatus):
    """Save this run's production-shaped figures for the summary `make test` prints last."""
    from tests import figures

    if not hasattr(session.config, "workerinput"):
        figures.save(failures=session.testsfailed, tests=session.testscollected)
