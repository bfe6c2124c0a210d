"""Faults injected into the production-shaped server while simulated users work: killed workers, a
restarted database. Each injector waits for the users' progress (answers received) so the fault
lands mid-load."""

from __future__ import annotations

import os
import random
import signal
import threading
import time

from spoc_xblocks.dev import mariadb

from .client import Outcomes

RESPAWN_TIMEOUT_SECONDS = 30
POLL_SECONDS = 0.05


def _wait_for_answers(outcomes: Outcomes, count: int, stop: threading.Event) -> bool:
    while len(outcomes.answers) < count:
        if stop.is_set():
            return False
        time.sleep(POLL_SECONDS)
    return True


def kill_workers(
    server, outcomes: Outcomes, kills: int, every: int, killed: list, stop: threading.Event
) -> None:
    """SIGKILL one of gunicorn's workers each time `every` more answers came back, `kills` times;
    after each, wait until gunicorn has respawned it."""
    rng = random.Random(kills)
    for _kill in range(kills):
        if not _wait_for_answers(outcomes, len(outcomes.answers) + every, stop):
            return
        workers = server.wait_for_workers(server.workers, RESPAWN_TIMEOUT_SECONDS)
        victim = rng.choice(workers)
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)
        deadline = time.monotonic() + RESPAWN_TIMEOUT_SECONDS
        while victim in server.worker_pids() or len(server.worker_pids()) < server.workers:
            assert time.monotonic() < deadline, "gunicorn did not respawn a killed worker"
            time.sleep(POLL_SECONDS)


def restart_database(
    outcomes: Outcomes, after: int, restarted: list, stop: threading.Event
) -> None:
    """Restart the MariaDB server once `after` answers came back."""
    if _wait_for_answers(outcomes, after, stop):
        mariadb.restart()
        restarted.append(time.monotonic())
