"""The yardsticks every figure is read against, measured in the same run: the workbench's hello
block for a page, the thumbs block's vote for a handler. Absolute times vary from machine to
machine and with what else runs; a ratio to these varies far less."""

from __future__ import annotations

import json
import statistics

from .workbench import measured

REQUESTS = 30
PAGE_SCENARIO, HANDLER_SCENARIO = "helloworld_demo.0", "thumbs.0"


def _median_ms(call) -> tuple[float, int]:
    times, queries = [], []
    for _request in range(REQUESTS):
        response, elapsed, count = measured(call)
        assert response.status_code == 200, response.content[:300]
        times.append(elapsed * 1000)
        queries.append(count)
    return statistics.median(times), max(queries)


def measure(usage_ids: dict) -> dict[str, tuple[float, int]]:
    """{"page": (median ms, SQL), "handler": (median ms, SQL)}."""
    from django.test import Client
    from workbench.runtime import WorkbenchRuntime

    client = Client()
    thumbs = WorkbenchRuntime("bench").get_block(usage_ids[HANDLER_SCENARIO]).children[0]
    url = f"/handler/{thumbs}/vote/?student=bench"
    return {
        "page": _median_ms(lambda: client.get(f"/view/{PAGE_SCENARIO}/?student=bench")),
        "handler": _median_ms(
            lambda: client.post(url, json.dumps({"voteType": "up"}), "application/json")
        ),
    }


def yardstick(figure: str) -> str | None:
    """Which baseline a figure is read against: handlers against the vote, pages and dashboards
    against the hello page; None for what is neither (pure logic, counts)."""
    if "handler" in figure:
        return "handler"
    if "page" in figure or "dashboard" in figure:
        return "page"
    return None


def ratio(figure: str, value: str, baselines: dict[str, tuple[float, int]]) -> str:
    """'x2.4' for a timed page or handler figure ('12.3 ms'), '' otherwise."""
    kind = yardstick(figure)
    number = value.removesuffix(" ms")
    if kind is None or number == value:
        return ""
    try:
        return f"x{float(number) / baselines[kind][0]:.1f}"
    except ValueError:
        return ""
