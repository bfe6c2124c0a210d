"""What every benchmark needs: Django on a fresh database (SQLite, or with SPOC_DATABASE=mariadb a
private MariaDB server) with the workbench scenarios, and a timer."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import time
from contextlib import contextmanager


def workbench_usage_ids() -> dict[str, str]:
    """Set Django up once on a fresh database under a temporary folder, removed when the bench
    ends; the usage id of every scenario."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")  # the platform stand-in too
    import django
    from django.conf import settings
    from django.core.management import call_command

    if not settings.configured:  # never the developer's own var/ database
        os.environ["SPOC_VAR_DIR"] = tempfile.mkdtemp(prefix="spoc-bench-")
        atexit.register(shutil.rmtree, os.environ["SPOC_VAR_DIR"], ignore_errors=True)
        if os.environ.get("SPOC_DATABASE") == "mariadb":
            _private_mariadb()
    django.setup()
    call_command("migrate", run_syncdb=True, verbosity=0)
    from workbench.scenarios import get_scenarios, init_scenarios

    _load_unbound_scenarios()
    init_scenarios()
    return {name: scenario.usage_id for name, scenario in get_scenarios().items()}


def _private_mariadb() -> None:
    """SPOC_DATABASE=mariadb: a MariaDB server of the bench's own under its temporary folder, as
    the tests' (spoc_xblocks/dev/mariadb.py), with an empty database; stopped when the bench
    ends."""
    from spoc_xblocks.dev import mariadb

    mariadb.start()
    atexit.register(mariadb.stop)
    mariadb.create_database(os.environ.get("SPOC_DATABASE_NAME", "spoc"))


def _load_unbound_scenarios() -> None:
    """branching-xblock 0.3.3, an anchor of bench_anchors, declares workbench_scenarios without
    @staticmethod: the SDK calls it on the class, which stops every scenario's loading. Such a
    block gets none here (bench_anchors adds its own)."""
    import inspect

    from xblock.core import XBlock

    for _name, block_class in XBlock.load_classes():
        method = inspect.getattr_static(block_class, "workbench_scenarios", None)
        if inspect.isfunction(method) and "self" in inspect.signature(method).parameters:
            block_class.workbench_scenarios = staticmethod(list)


def measured(call):
    """Run `call()`; return what it returned, the seconds it took and the SQL queries it made."""
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    # the log keeps 9,000 queries: a long setup would saturate it and hide this call's
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        began = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - began
    return result, elapsed, len(queries)


def median_of(times: int, timed) -> tuple:
    """The median of `times` calls of `timed()`, which gives (milliseconds, queries): single views
    swing with the machine."""
    return sorted(timed() for _ in range(times))[times // 2]


@contextmanager
def lms_stand_in():
    """The LMS stand-in (`tests/platform`) on the workbench's scenarios, set as the LMS runs: its
    enrollments are the course's roster (not the workbench's `SPOC_DEV_ROSTER`), and it has
    Celery workers (Tutor's `lms-worker`), so that a page no longer looks for jobs whose date has
    come, which only a site without workers asks its pages to run. No benchmark of it queues a
    job: the broker is never reached."""
    from django.test import Client, override_settings
    from workbench.scenarios import get_scenarios

    from tests.platform.site import PlatformSite

    with (
        override_settings(SPOC_DEV_ROSTER=[], BROKER_URL="memory://"),
        PlatformSite(Client(), get_scenarios()) as site,
    ):
        yield site
