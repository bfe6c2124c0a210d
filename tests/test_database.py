"""What production's databases ask of us, checked on whichever database the run uses (SQLite, then
MariaDB): our migrations apply from zero and back, and text keeps every Unicode character (utf8mb4
on MySQL)."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from submissions import api as submissions_api

from spoc_xblocks.cohort_coach.models import Goal
from spoc_xblocks.peer_workshop.models import Draft, Submission

OUR_APPS = [
    "spoc_common",
    "spoc_serious_game",
    "spoc_peer_workshop",
    "spoc_cohort_coach",
    "spoc_engagement",
    "spoc_module_time",
]
# Emoji (4 bytes in UTF-8: what MySQL's 3-byte "utf8" loses), CJK, Arabic, combining marks, a
# zero-width joiner.
WIDE_TEXT = "Merci 🙏🏽 客户投诉 شكوى e\u0301 👩‍💻 𝔘𝔫𝔦𝔠𝔬𝔡𝔢"
WORKSHOP = "spoc_peer_workshop.1"
COACH = "spoc_cohort_coach.0"


@pytest.mark.django_db(transaction=True)
def test_our_migrations_apply_from_zero_and_back():
    for app in reversed(OUR_APPS):
        call_command("migrate", app, "zero", verbosity=0)
    applied = {app for app, _name in MigrationRecorder(connection).applied_migrations()}
    assert applied.isdisjoint(OUR_APPS)
    call_command("migrate", verbosity=0)
    applied = {app for app, _name in MigrationRecorder(connection).applied_migrations()}
    assert set(OUR_APPS) <= applied
    tables = set(connection.introspection.table_names())
    assert {
        "spoc_common_blockprogress",
        "spoc_peer_workshop_submission",
        "spoc_cohort_coach_goal",
    } <= tables


def test_four_byte_characters_survive_every_kind_of_text_we_store(workbench):
    assert (
        workbench.post(WORKSHOP, "set_phase", "trainer", {"phase": "submission"}).status_code == 200
    )
    draft = workbench.post(WORKSHOP, "save_work", "alice", {"text": f"<p>{WIDE_TEXT}</p>"})
    assert draft.status_code == 200, draft.content
    submitted = workbench.post(
        WORKSHOP,
        "submit_work",
        "bruno",
        {
            "text": f"<p>{WIDE_TEXT}</p>",
            "links": [{"title": WIDE_TEXT, "url": "https://example.com/🙏"}],
        },
    )
    assert submitted.status_code == 200, submitted.content
    goal = workbench.post(COACH, "add_goal", "alice", {"text": WIDE_TEXT})
    assert goal.status_code == 200, goal.content

    assert Draft.objects.get().text == f"<p>{WIDE_TEXT}</p>"
    submission = Submission.objects.get()
    assert submission.text == f"<p>{WIDE_TEXT}</p>" and submission.links[0]["title"] == WIDE_TEXT
    assert (
        submissions_api.get_submission(submission.submission_uuid)["answer"]["text"]
        == f"<p>{WIDE_TEXT}</p>"
    )
    assert Goal.objects.get().text == WIDE_TEXT
    assert WIDE_TEXT in workbench.page(COACH, "alice").content.decode()
