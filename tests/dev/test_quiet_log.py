"""The development log holds what went wrong, not a traceback for every variable a template looks
up and finds absent."""

import logging

import pytest

pytestmark = pytest.mark.workbench_only  # the development site's pages and log

VIEWS = [
    ("alice", "student_view"),
    ("trainer", "student_view"),
    ("trainer", "studio_view"),
    ("trainer", "author_view"),
]


def test_no_page_logs_a_failed_template_lookup(client, scenarios, caplog):
    caplog.set_level(logging.DEBUG, logger="django.template")
    for scenario_id in sorted(scenarios):
        if not scenario_id.startswith("spoc_"):
            continue
        for student, view in VIEWS:
            response = client.get(f"/view/{scenario_id}/{view}/", {"student": student})
            assert response.status_code in (200, 404), (scenario_id, view)
    lookups = [record.getMessage() for record in caplog.records if record.name == "django.template"]
    assert "\n".join(sorted(set(lookups))) == ""
