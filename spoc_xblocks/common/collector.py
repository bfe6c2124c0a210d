"""Python's cyclic garbage collector held back for the length of one large computation."""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    """Hold the cyclic collector back while a computation that grows with its input runs: a
    scenario's state space explored and scored, a cohort's rows and what is drawn from them.

    Such a computation makes many small objects (hundreds of thousands for a scenario of 10,000
    nodes, tens of thousands for a cohort of 500): each counts toward the collector's thresholds,
    and each full collection then walks every object alive in the process, which in a web server
    is far more than the computation's own. Reference counting still frees everything as usual;
    cycles made meanwhile are collected at the collector's next pass. Several threads may pause it
    at once: the first to finish lets it run again, which costs the others only the saving.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
