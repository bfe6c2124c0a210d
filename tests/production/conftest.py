"""A production-shaped server: gunicorn with four worker processes serving the workbench from
MariaDB.

`production_server` starts a MariaDB server of its own (under var/production, so restarting it
disturbs no other test run on the shared one), creates a fresh database for the module, migrates it,
starts gunicorn on a free loopback port (the scenarios are parsed once, in gunicorn's master, before
the workers fork: see spoc_xblocks/dev/wsgi.py), and at the end stops gunicorn and its workers and
drops the database, whatever happened.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from spoc_xblocks.dev import mariadb

from .server import ProductionServer, free_port

ROOT = Path(__file__).resolve().parents[2]
WORKERS = 4
ROSTER_SIZE = 50
START_TIMEOUT_SECONDS = 90
MIGRATE_TIMEOUT_SECONDS = 300
STOP_TIMEOUT_SECONDS = 20


def _server_environment(database: str, error_log: Path) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "SPOC_DATABASE": "mariadb",
        "SPOC_DATABASE_NAME": database,
        "SPOC_DEV_ROSTER_SIZE": str(ROSTER_SIZE),
        "DJANGO_SETTINGS_MODULE": "tests.production.server_settings",
        "SPOC_SERVER_ERROR_LOG": str(error_log),
    }


def _stop(process: subprocess.Popen) -> None:
    """TERM to gunicorn's master (it stops its workers); KILL to the whole process group if it
    lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT_SECONDS)


@pytest.fixture(scope="session")
def own_mariadb():
    """The SPOC_VAR_DIR the production-shaped tests' own MariaDB server lives under; stopped at the
    end."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SPOC_VAR_DIR", str(ROOT / "var" / "production"))
        mariadb.start()
        try:
            yield os.environ["SPOC_VAR_DIR"]
        finally:
            mariadb.stop()


@contextlib.contextmanager
def serving(tmp_path_factory, **extra_environment):
    """gunicorn serving the workbench from a fresh MariaDB database, with these environment
    variables added; stopped, and its database dropped, at the end."""
    database = f"spoc_production_{uuid.uuid4().hex[:12]}"
    logs = tmp_path_factory.mktemp("production")
    environment = {**_server_environment(database, logs / "errors.log"), **extra_environment}
    server = ProductionServer(
        database=database,
        port=free_port(),
        error_log=logs / "errors.log",
        workers=WORKERS,
        environment=environment,
        logs=logs,
    )
    mariadb.create_database(database)
    process = None
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--run-syncdb", "--verbosity", "0"],
            cwd=ROOT,
            env=environment,
            check=True,
            timeout=MIGRATE_TIMEOUT_SECONDS,
        )
        with open(logs / "gunicorn.log", "wb") as gunicorn_log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "spoc_xblocks.dev.wsgi:application",
                    "--preload",
                    "--workers",
                    str(WORKERS),
                    "--bind",
                    f"127.0.0.1:{server.port}",
                    "--timeout",
                    "60",
                    "--graceful-timeout",
                    "5",
                ],
                cwd=ROOT,
                env=environment,
                stdout=gunicorn_log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        server.master_pid = process.pid
        server.wait_until_serving(process, START_TIMEOUT_SECONDS, expected_workers=WORKERS)
        yield server
    finally:
        if process is not None:
            _stop(process)
        mariadb.drop_database(database)
        print(f"\n{server.summary()}")


@pytest.fixture(scope="module")
def production_server(own_mariadb, tmp_path_factory):
    with serving(tmp_path_factory) as server:
        yield server
