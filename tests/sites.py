"""The two sites every block test runs on: the xblock-sdk workbench, and the stand-in Open edX
platform.

Both answer the same calls (`page`, `post`, `get`, `upload`, `usage_id`, `anonymous_id`,
`stored_block`, `set_fields`, `delete_learner_state`); the `workbench` fixture gives each test one,
then the other. `current_site()` is the one in use, for helpers called without it (a learner's
anonymous id differs between the two).
"""

from __future__ import annotations

import contextvars
import json
from urllib.parse import quote

_current: contextvars.ContextVar = contextvars.ContextVar("spoc_test_site")


# The runtime's own field store, which a block's query counts leave out: the workbench's table (a
# query per field read; the LMS reads authored settings from the modulestore, with none) and the
# LMS's StudentModule and shared-field rows (read once per request that loads the block).
FIELD_STORE_TABLES = (
    "workbench_xblockstate",
    "platform_standin_studentmodule",
    "platform_standin_userstatesummaryfield",
)


def is_field_store_query(sql: str) -> bool:
    return any(table in sql for table in FIELD_STORE_TABLES)


def current_site():
    return _current.get()


def anonymous_id(student: str) -> str:
    """A person's anonymous id in the demo course, on the site the test runs on (the workbench's
    outside a test, as in the benchmarks)."""
    site = _current.get(None)
    if site is None:
        from spoc_xblocks.dev.services import anonymous_id_for

        return anonymous_id_for(student)
    return site.anonymous_id(student)


def send(client, method: str, url: str, data: bytes | dict, content_type: str, **headers):
    """One request through Django's test client: a GET, a multipart form (a dict) or a body of any
    type."""
    if method == "GET":
        return client.get(url, **headers)
    if isinstance(data, dict):
        return client.post(url, data=data, **headers)
    return client.generic(method, url, data, content_type, **headers)


def answered_by_platform(response) -> bool:
    """The stand-in platform answered this itself, before any block code ran (see
    tests/platform/views.py)."""
    headers = getattr(response, "headers", {})
    return headers.get("X-Standin-Platform-Answer") == "1"


def user_key(student: str) -> str:
    """A person's platform user id, on the site the test runs on (the workbench's outside a
    test)."""
    site = _current.get(None)
    if site is None:
        from spoc_xblocks.dev.services import user_id_of

        return str(user_id_of(student))
    return site.user_key(student)


class Site:
    """Makes itself the current site while the test uses it."""

    def __enter__(self):
        self._token = _current.set(self)
        return self

    def __exit__(self, *exc_info):
        _current.reset(self._token)


class WorkbenchSite(Site):
    """Calls a workbench scenario's pages and handlers through Django's test client, as the real
    URLs."""

    flavour = "workbench"

    def __init__(self, client, scenarios):
        self.client = client
        self.scenarios = scenarios

    def usage_id(self, scenario_id: str) -> str:
        return self.scenarios[scenario_id].usage_id

    def anonymous_id(self, student: str) -> str:
        from spoc_xblocks.dev.services import anonymous_id_for

        return anonymous_id_for(student)

    def block_for(self, scenario_id: str, student: str):
        """The block as a request of `student` gets it (its runtime, its services)."""
        from workbench.runtime import WorkbenchRuntime

        return WorkbenchRuntime(student).get_block(self.usage_id(scenario_id))

    def in_studio(self, scenario_id: str, handler: str) -> bool:
        """Whether the handler is reached through Studio (the workbench has no Studio: every call is
        the LMS's)."""
        return False

    def user_key(self, student: str) -> str:
        from spoc_xblocks.dev.services import user_id_of

        return str(user_id_of(student))

    def stored_block(self, scenario_id: str, student: str = "trainer"):
        """The block as stored now, read through a fresh workbench runtime."""
        return self.block_for(scenario_id, student)

    def set_fields(self, scenario_id: str, **values) -> None:
        """Change authored fields and save them, as a Studio save does."""
        block = self.stored_block(scenario_id)
        for name, value in values.items():
            setattr(block, name, value)
        block.save()

    def page(
        self, scenario_id: str, student: str, view: str = "student_view", language: str = "en"
    ):
        return self.client.get(
            f"/view/{scenario_id}/{view}/",
            {"student": student},
            HTTP_ACCEPT_LANGUAGE=language,
        )

    def delete_learner_state(self, scenario_id: str, student: str, by: str = "trainer"):
        """The block's `clear_student_state`, called as the LMS's "Delete learner state" calls it
        (the learner's and the requester's anonymous ids). The workbench has no instructor dashboard
        and no StudentModule: nothing else is deleted (the learner's own user-state fields stay),
        and it answers 200."""
        from django.http import JsonResponse

        from spoc_xblocks.common.keys import course_key_for

        block = self.block_for(scenario_id, by)
        usage_key = self.usage_id(scenario_id)
        block.clear_student_state(
            user_id=self.anonymous_id(student),
            course_id=course_key_for(block),
            item_id=usage_key,
            requesting_user_id=self.anonymous_id(by),
        )
        return JsonResponse({"problem_to_reset": usage_key, "student": student})

    def handler_url(self, scenario_id: str, handler: str, student: str, suffix: str = "") -> str:
        path = quote(suffix, safe="/%")
        return f"/handler/{self.usage_id(scenario_id)}/{handler}/{path}?student={student}"

    def send(
        self,
        method: str,
        scenario_id: str,
        handler: str,
        student: str,
        *,
        suffix: str = "",
        data: bytes | dict = b"",
        content_type: str = "application/json",
        language: str = "en",
    ):
        """Any request to a handler: `data` as the body, or a dict sent as a multipart form."""
        return send(
            self.client,
            method,
            self.handler_url(scenario_id, handler, student, suffix),
            data,
            content_type,
            HTTP_ACCEPT_LANGUAGE=language,
        )

    def post(
        self,
        scenario_id: str,
        handler: str,
        student: str,
        payload=None,
        raw: bytes | None = None,
        language: str = "en",
    ):
        body = raw if raw is not None else json.dumps(payload or {})
        return self.send("POST", scenario_id, handler, student, data=body, language=language)

    def get(self, scenario_id: str, handler: str, student: str, suffix: str = ""):
        return self.send("GET", scenario_id, handler, student, suffix=suffix)

    def upload(self, scenario_id: str, handler: str, student: str, data: dict):
        """A multipart POST (a file upload) to a handler."""
        return self.send("POST", scenario_id, handler, student, data=data)
