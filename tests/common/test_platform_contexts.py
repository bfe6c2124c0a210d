"""Each block in each context a real Open edX gives it, as the platform stand-in reproduces them
(tests/platform): Studio's editor (authors only, no anonymous id), Studio's preview (nothing of the
course's learners changes), course export and import, the LMS's staff page (its debug wrapper reads
every field), and enrolled staff."""

from __future__ import annotations

import json

import pytest
from xblock.fields import Scope

from tests.olx import export_block

pytestmark = pytest.mark.platform_only

BLOCKS = (
    "spoc_serious_game.0",
    "spoc_peer_workshop.0",
    "spoc_cohort_coach.0",
    "spoc_pulse.0",
    "spoc_skills_check.0",
)
# A learner write each block takes in the LMS, tried through Studio's preview.
LEARNER_WRITES = {
    "spoc_serious_game.0": ("start", {}),
    "spoc_cohort_coach.0": ("add_goal", {"text": "Call back within a day."}),
    "spoc_pulse.0": (
        "answer",
        {"answers": {"pace": 3, "sessions": 4, "recommend": 8, "helped": "game"}},
    ),
    "spoc_skills_check.0": (
        "answer",
        {"levels": {"listening": 2, "deescalation": 1, "procedure": 3}},
    ),
}


def authored(block) -> dict:
    """The block's content and settings fields (not its parent, children or anyone's state)."""
    return {
        name: field.read_from(block)
        for name, field in block.fields.items()
        if field.scope in (Scope.content, Scope.settings) and field.is_set_on(block)
    }


@pytest.mark.parametrize("scenario_id", BLOCKS)
def test_an_author_with_no_anonymous_id_opens_the_editor_and_the_block_validates(
    workbench, scenario_id
):
    """Studio's editor gives the author a user with no anonymous id, no staff flag and the student
    role."""
    editor = workbench.page(scenario_id, "trainer", view="studio_view")
    assert editor.status_code == 200 and b"<form" in editor.content
    messages = workbench.stored_block(scenario_id).validate().messages
    assert [message.text for message in messages if message.type == "error"] == []


@pytest.mark.parametrize("scenario_id", BLOCKS)
def test_a_course_export_imports_back_as_the_same_block(workbench, scenario_id):
    original = workbench.stored_block(scenario_id)
    copy_id = f"{scenario_id}-copy"
    workbench.import_olx(copy_id, export_block(original))
    assert authored(workbench.stored_block(copy_id)) == authored(original)


@pytest.mark.parametrize("scenario_id", BLOCKS)
def test_a_learner_account_cannot_author_in_studio(workbench, scenario_id):
    refused = workbench.post(scenario_id, "studio_submit", "alice", {})
    assert refused.status_code == 403 and "authors" in refused.json()["error"]


@pytest.mark.parametrize("scenario_id", BLOCKS)
def test_the_preview_shows_the_block_and_changes_no_learner_data(workbench, scenario_id):
    """Studio's preview shares the course's usage keys, with the anonymous id 'student' for every
    author."""
    preview = workbench.page(scenario_id, "trainer", view="author_view")
    assert preview.status_code == 200 and preview.content.strip()
    if scenario_id not in LEARNER_WRITES:
        return
    handler, payload = LEARNER_WRITES[scenario_id]
    url = workbench.handler_url(scenario_id, handler).replace(
        f"/courses/{workbench.course_key}/xblock/", "/cms/preview/xblock/"
    )
    answer = workbench.client.post(
        url,
        data=json.dumps(payload),
        content_type="application/json",
        HTTP_X_STANDIN_USER="trainer",
    )
    assert answer.status_code == 403 and "This is Studio" in answer.json()["error"]


@pytest.mark.parametrize("scenario_id", BLOCKS)
def test_staff_pages_survive_the_debug_wrapper_reading_every_field(workbench, scenario_id):
    """The LMS wraps staff pages with add_staff_markup, which reads every field of the block: the
    workshop's Filesystem field made the fs service create its folder there, which fails under
    Tutor."""
    for viewer in ("trainer", "trainer~alice"):
        assert workbench.page(scenario_id, viewer).status_code == 200, viewer


def test_enrolled_course_staff_are_not_counted_as_learners(workbench, settings):
    """The LMS lists every active enrollment, the trainer's included: the cohort is the roster's
    learners."""
    html = workbench.page("spoc_cohort_coach.0", "trainer").content.decode()
    assert f"{len(settings.SPOC_DEV_ROSTER)} learners" in html
    assert '<th scope="row">trainer</th>' not in html
