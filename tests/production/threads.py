"""Running simulated users at once, bounded: every thread is joined against one deadline, and never
hangs a test."""

from __future__ import annotations

import threading
import time
import traceback


def run_at_once(tasks: dict, deadline: float) -> None:
    """Run each task (name -> callable) in its own thread; raise if one failed or is still running
    at `deadline`.

    `deadline` is a time.monotonic() value. Threads are daemons, so one stuck past the deadline
    cannot keep the test process alive; the test fails instead.
    """
    errors: dict[str, str] = {}

    def guarded(name, task):
        try:
            task()
        except BaseException:  # every failure is reported by the test
            errors[name] = "".join(traceback.format_exc().splitlines(keepends=True)[-6:])

    threads = {
        name: threading.Thread(target=guarded, args=(name, task), daemon=True, name=name)
        for name, task in tasks.items()
    }
    for thread in threads.values():
        thread.start()
    for thread in threads.values():
        thread.join(max(0.0, deadline - time.monotonic()))
    stalled = sorted(name for name, thread in threads.items() if thread.is_alive())
    assert not stalled, f"still running at the deadline: {', '.join(stalled)}"
    assert not errors, "\n".join(f"{name}: {error}" for name, error in sorted(errors.items())[:5])
