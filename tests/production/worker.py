"""Debian's redis-server and a Celery worker beside the production-shaped server, as Tutor runs
Redis and `lms-worker` beside the LMS: both under var/production, stopped at the end, the worker
killable (SIGKILL to it and its pool) and restartable."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from .server import free_port

START_TIMEOUT_SECONDS = 60
STOP_TIMEOUT_SECONDS = 20
POLL_SECONDS = 0.05


def _answers_ping(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _stop(process: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(STOP_TIMEOUT_SECONDS)


@contextlib.contextmanager
def redis_broker(folder: Path):
    """A Redis server on a free loopback port, keeping nothing on disk; yields its broker URL."""
    binary = shutil.which("redis-server") or shutil.which("redis-server", path="/usr/sbin:/usr/bin")
    if not binary:
        raise SystemExit("redis-server is missing: install Debian's redis-server (make test does).")
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    with open(folder / "redis.log", "wb") as log:
        process = subprocess.Popen(
            [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly"]
            + ["no", "--dir", str(folder), "--daemonize", "no"],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not _answers_ping(port):
            assert process.poll() is None, (folder / "redis.log").read_text()
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(POLL_SECONDS)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        _stop(process)


class CeleryWorker:
    """`celery worker` on the development site's app, with the server's environment."""

    def __init__(self, environment: dict, log_path: Path):
        self.environment, self.log_path = environment, log_path
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        self.starts += 1
        marker = f"--hostname=spoc-test-{self.starts}@%h"
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "--app=spoc_xblocks.dev.celery", "worker"]
                + ["--loglevel=INFO", "--concurrency=2", "--prefetch-multiplier=1", marker]
                + ["--without-gossip", "--without-mingle", "--without-heartbeat"],
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while f"spoc-test-{self.starts}@" not in self._log() or " ready." not in self._tail():
            assert self.process.poll() is None, self._log()[-3000:]
            assert time.monotonic() < deadline, "the Celery worker did not start"
            time.sleep(POLL_SECONDS)

    def _log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def _tail(self) -> str:
        log = self._log()
        return log[log.rfind(f"spoc-test-{self.starts}@") :]

    def kill(self) -> None:
        """SIGKILL the worker and its pool at once, as an out-of-memory kill or a lost machine."""
        if self.process is not None:
            _stop(self.process, signal.SIGKILL)

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
