"""Playing demo learners through the real handler URLs, for the demo seeders and the benchmarks."""

from __future__ import annotations

import json

from django.test import Client


class DemoClient:
    """Calls workbench handlers as a given `?student=`; a refused call is reported, not raised."""

    def __init__(self, report=None):
        self.client = Client()
        self.report = report or (lambda line: None)

    def post(
        self, usage_id: str, handler: str, student: str, payload: dict | None = None
    ) -> dict | None:
        response = self.client.post(
            f"/handler/{usage_id}/{handler}/?student={student}",
            json.dumps(payload or {}),
            content_type="application/json",
        )
        if response.status_code != 200:
            self.report(
                f"{student}: {handler} answered {response.status_code}: {response.content[:200]!r}"
            )
            return None
        return response.json()

    def page(self, scenario_id: str, student: str, view: str = "student_view") -> str:
        return self.client.get(
            f"/view/{scenario_id}/{view}/", {"student": student}
        ).content.decode()
