"""Shared fixtures: the workbench's scenarios on a fresh test database, and handler calls as a given
user."""

from __future__ import annotations

import gc

import pytest

pytest_plugins = ["tests.celery_queue"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches, as its database starts empty."""
    from django.core.cache import cache

    from spoc_xblocks.common import process_memo

    cache.clear()
    process_memo.forget_all()


@pytest.fixture
def collector_state():
    """Whether the cyclic garbage collector runs, as the test found it."""
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


@pytest.fixture
def collector_seen(monkeypatch, collector_state):
    """`watch(module, name)`: a list that gets, at each call of `module.name`, whether the cyclic
    collector ran then; the collector runs when the test starts."""
    gc.enable()

    def watch(module, name: str) -> list[bool]:
        seen, real = [], getattr(module, name)

        def watched(*args, **kwargs):
            seen.append(gc.isenabled())
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, watched)
        return seen

    return watch


@pytest.fixture
def scenarios(db):
    """The workbench scenarios, parsed anew for this test's database."""
    from workbench.scenarios import get_scenarios, init_scenarios

    init_scenarios()
    return get_scenarios()


@pytest.fixture
def concurrent_database(transactional_db, tmp_path):
    """The test database as concurrent requests need it, with the workbench scenarios in it.

    SQLite's in-memory test database refuses a second writer at once (table locks); for these tests
    the database is copied to a file opened with a lock timeout and IMMEDIATE transactions, as
    concurrent SQLite writers need. MySQL and PostgreSQL serve concurrent writers as they are.
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
    """Parse a block's OLX through its own parse_xml on a workbench runtime (OlxError for bad
    OLX)."""
    from tests.olx import block_from_olx

    return block_from_olx


@pytest.fixture(params=["workbench", "platform"])
def workbench(request, client, scenarios):
    """The scenarios' blocks served by the xblock-sdk workbench, then by the stand-in for the Open
    edX platform (LMS and Studio, each request through the platform's route and runtime for its
    context: tests/platform)."""
    if request.param == "workbench":
        from tests.sites import WorkbenchSite

        site = WorkbenchSite(client, scenarios)
    else:
        from tests.platform.site import PlatformSite

        site = PlatformSite(client, scenarios)
    with site:
        yield site


@pytest.fixture
def published_events(monkeypatch, workbench):
    """Every event the blocks publish through the runtime, as (event_type, data) pairs: in a
    request, and in a job (whose block, made from its snapshot, publishes to the platform's
    tracker)."""
    from spoc_xblocks.common.detached import DetachedRuntime

    def record(self, block, kind, data):
        events.append((kind, data))

    if workbench.flavour == "platform":
        events = workbench.events
    else:
        from workbench.runtime import WorkbenchRuntime

        events = []
        monkeypatch.setattr(WorkbenchRuntime, "publish", record)
    monkeypatch.setattr(DetachedRuntime, "publish", record)
    return events


def pytest_collection_modifyitems(config, items):
    """A test about the workbench itself (marked `workbench_only`) runs on the workbench only; one
    about what only the platform stand-in reproduces (`platform_only`), on the platform only."""
    keep, dropped = [], []
    for item in items:
        site = getattr(item, "callspec", None) and item.callspec.params.get("workbench")
        other = {"workbench": "platform_only", "platform": "workbench_only"}.get(site)
        (dropped if other and item.get_closest_marker(other) else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_sessionfinish(session, exitstatus):
    """Save this run's production-shaped figures for the summary `make test` prints last."""
    from tests import figures

    if not hasattr(session.config, "workerinput"):
        figures.save(failures=session.testsfailed, tests=session.testscollected)
