"""One simulated user's HTTP session with the production-shaped server, over loopback.

Every answer's status is kept (with the handler it came from) so a test can assert that none was a
500. A request cut off by a fault (a killed worker, a restarted database) is retried a bounded
number of times.
"""

from __future__ import annotations

import json
import re
import threading
import time
from html import unescape

import requests
from django.utils.text import slugify
from xblock.core import XBlock

REQUEST_TIMEOUT_SECONDS = 30
# Any 32 letters: Django's CSRF check compares the cookie with the header, the server needs not have
# issued it.
CSRF_TOKEN = "productiontestsproductiontestsab"
RETRYABLE = {502, 503, 504}
RETRY_PAUSE_SECONDS = 0.25


def usage_id(scenario_id: str) -> str:
    """The workbench's usage id for a scenario whose root is the block itself
    ("<slug>.<type>.d0.u0")."""
    block_type, index = scenario_id.rsplit(".", 1)
    description, _xml = XBlock.load_class(block_type).workbench_scenarios()[int(index)]
    return f"{slugify(description)}.{block_type}.d0.u0"


class Outcomes:
    """Every (handler, status) answered, from every thread; "cut" when no HTTP answer came back."""

    def __init__(self):
        self._lock = threading.Lock()
        self.answers: list[tuple[str, int | str]] = []
        self.failures: list[tuple[str, int | str, str]] = []

    def add(self, handler: str, status, text: str = "") -> None:
        with self._lock:
            self.answers.append((handler, status))
            if status != 200:
                self.failures.append((handler, status, text))

    def statuses(self) -> dict:
        counts: dict = {}
        for _handler, status in self.answers:
            counts[status] = counts.get(status, 0) + 1
        return counts

    def with_status(self, status) -> list[str]:
        return [handler for handler, answered in self.answers if answered == status]


class UserSession:
    def __init__(self, base_url: str, student: str, outcomes: Outcomes, retries: int = 0):
        self.base_url = base_url
        self.student = student
        self.outcomes = outcomes
        self.retries = retries
        self.retried = False
        self.http = requests.Session()
        self.http.cookies.set("csrftoken", CSRF_TOKEN)

    def _send(self, name: str, method: str, path: str, **options) -> requests.Response | None:
        self.retried = False
        for attempt in range(self.retries + 1):
            self.retried = attempt > 0
            try:
                response = self.http.request(
                    method, f"{self.base_url}{path}", timeout=REQUEST_TIMEOUT_SECONDS, **options
                )
            except requests.ConnectionError:
                self.outcomes.add(name, "cut")
            else:
                self.outcomes.add(name, response.status_code, response.text[:200])
                if response.status_code not in RETRYABLE:
                    return response
            if attempt < self.retries:
                time.sleep(RETRY_PAUSE_SECONDS * min(attempt + 1, 4))
        return None

    def post(
        self, scenario_id: str, handler: str, payload: dict | None = None
    ) -> requests.Response | None:
        return self._send(
            handler,
            "POST",
            f"/handler/{usage_id(scenario_id)}/{handler}/?student={self.student}",
            data=json.dumps(payload or {}),
            headers={"Content-Type": "application/json", "X-CSRFToken": CSRF_TOKEN},
        )

    def post_json(self, scenario_id: str, handler: str, payload: dict | None = None) -> dict:
        """A write that must succeed: its JSON answer, or an AssertionError naming what came back.

        After a request cut off or refused for a while (503), the retry may find the write done
        already: its refusal as a repeat (400 or 409 JSON) answers {}; the database checks then
        prove the write was kept once.
        """
        response = self.post(scenario_id, handler, payload)
        if self.retried and response is not None and response.status_code in (400, 409):
            assert "error" in response.json()
            return {}
        assert response is not None and response.status_code == 200, (
            f"{self.student}: {handler} answered "
            f"{'nothing' if response is None else (response.status_code, response.text[:300])}"
        )
        return response.json()

    def get(self, scenario_id: str, handler: str) -> requests.Response | None:
        return self._send(
            handler, "GET", f"/handler/{usage_id(scenario_id)}/{handler}/?student={self.student}"
        )

    def page(self, scenario_id: str) -> requests.Response | None:
        return self._send(
            f"page {scenario_id}",
            "GET",
            f"/view/{scenario_id}/student_view/?student={self.student}",
        )


def review_ids(html: str) -> list[int]:
    """The ids of the review forms a learner's workshop page offers."""
    forms = [form for form in re.findall(r"<form[^>]*>", html) if "data-spoc-rubric" in form]
    return [
        json.loads(unescape(re.search(r'data-spoc-payload="([^"]*)"', form)[1]))["review_id"]
        for form in forms
        if 'data-spoc-handler="submit_review"' in form
    ]
