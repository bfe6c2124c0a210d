"""The development site (`make run`) is safe to open: no view name written into the page, no 500
for an unknown handler or a handler URL outside Latin-1."""

import pytest

pytestmark = pytest.mark.workbench_only  # the development site's own middleware

HOSTILE_VIEW = "<img src=x onerror=alert(1)>"


def test_an_unknown_view_name_answers_404_without_writing_it_into_a_page(client, scenarios):
    response = client.get(f"/scenario/spoc_pulse.0/{HOSTILE_VIEW}/?student=alice")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == f"This block has no view named '{HOSTILE_VIEW}'."


def test_a_block_method_that_is_not_a_view_is_not_rendered(client, scenarios):
    response = client.get("/view/spoc_pulse.0/save/?student=alice")

    assert response.status_code == 404


def test_the_views_the_platform_renders_still_render(client, scenarios):
    for scenario, view in [
        ("spoc_pulse.0", "student_view"),
        ("spoc_pulse.0", "studio_view"),
        ("spoc_serious_game.0", "author_view"),
    ]:
        response = client.get(f"/scenario/{scenario}/{view}/?student=trainer")
        assert response.status_code == 200, view


def test_a_block_without_an_author_view_is_previewed_through_its_student_view(client, scenarios):
    preview = client.get("/scenario/spoc_pulse.0/author_view/?student=trainer")
    page = client.get("/scenario/spoc_pulse.0/student_view/?student=trainer")

    assert preview.status_code == 200 and b"No such view" not in preview.content
    assert b"spoc-pulse" in preview.content and b"spoc-pulse" in page.content


def test_an_unknown_handler_answers_404_json(client, scenarios):
    usage_id = scenarios["spoc_pulse.0"].usage_id

    response = client.post(
        f"/handler/{usage_id}/no_such_handler/?student=alice", "{}", "application/json"
    )

    assert (response.status_code, response.json()) == (
        404,
        {"error": "This block has no handler named 'no_such_handler'."},
    )


def test_a_handler_suffix_outside_latin_1_reaches_the_handler(client, scenarios):
    usage_id = scenarios["spoc_cohort_coach.0"].usage_id

    response = client.get(f"/handler/{usage_id}/meeting_ics/%E2%82%AC?student=alice")

    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")


def test_a_handler_name_outside_latin_1_answers_404_json(client, scenarios):
    usage_id = scenarios["spoc_pulse.0"].usage_id

    response = client.post(
        f"/handler/{usage_id}/%E2%82%AC/?student=alice", "{}", "application/json"
    )

    assert response.status_code == 404
    assert response.json() == {"error": "This block has no handler named '€'."}


@pytest.mark.parametrize(
    "scenario",
    [
        "spoc_serious_game.0",
        "spoc_peer_workshop.0",
        "spoc_cohort_coach.0",
        "spoc_pulse.0",
        "spoc_skills_check.0",
    ],
)
def test_each_blocks_studio_editor_opens_as_the_readme_says(client, scenarios, scenario):
    response = client.get(f"/scenario/{scenario}/studio_view/?student=trainer")

    assert response.status_code == 200
    assert b"studio" in response.content.lower()
