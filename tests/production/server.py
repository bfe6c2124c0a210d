"""The running production-shaped server as the tests see it: its URL, its worker processes, its
database."""

from __future__ import annotations

import socket
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from spoc_xblocks.dev import mariadb


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class ProductionServer:
    database: str
    port: int
    error_log: Path
    workers: int = 4
    master_pid: int = 0
    environment: dict = field(default_factory=dict)
    logs: Path | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _connect(self, database: str | None = None):
        return mariadb.connect(database, charset="utf8mb4", connect_timeout=10, autocommit=True)

    def rows(self, query: str, *params) -> list[tuple]:
        """The rows a query reads from the server's database, on a fresh connection (it sees every
        commit)."""
        connection = self._connect(self.database)
        try:
            cursor = connection.cursor()
            cursor.execute(query, params or None)
            return list(cursor.fetchall())
        finally:
            connection.close()

    def execute_in(self, *statements: str) -> None:
        """Run statements in the server's database, each committed at once."""
        connection = self._connect(self.database)
        try:
            for statement in statements:
                connection.cursor().execute(statement)
        finally:
            connection.close()

    def value(self, query: str, *params):
        return self.rows(query, *params)[0][0]

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.master_pid}/task/{self.master_pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    def wait_for_workers(self, count: int, timeout: float) -> list[int]:
        deadline = time.monotonic() + timeout
        while len(pids := self.worker_pids()) < count:
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"gunicorn has {len(pids)} workers, not {count}, after {timeout} s"
                )
            time.sleep(0.1)
        return pids

    def wait_until_serving(self, process, timeout: float, expected_workers: int) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                log = self.error_log.parent / "gunicorn.log"
                raise AssertionError(
                    f"gunicorn stopped with status {process.returncode}: see {log}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/", timeout=5) as response:  # loopback
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"gunicorn did not answer within {timeout} s")
            time.sleep(0.2)
        self.wait_for_workers(expected_workers, timeout)

    def server_errors(self) -> str:
        return self.error_log.read_text() if self.error_log.exists() else ""

    def summary(self) -> str:
        return f"production server on port {self.port}, database {self.database}"
