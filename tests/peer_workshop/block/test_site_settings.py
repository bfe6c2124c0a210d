"""The site's UPLOAD_MAX_MB and UPLOAD_EXTENSIONS cap the workshop's files, through the real
handlers and page, and Studio tells the author; wrong site values fall back to the defaults and are
named."""

import pytest

from spoc_xblocks.common.checks import check_operator_settings
from spoc_xblocks.common.operator_settings import BUCKET
from spoc_xblocks.peer_workshop.models import Upload

from .test_files import PDF, upload

MB = 1000 * 1000  # as the LMS and Tutor's proxy count


@pytest.fixture
def open_for_work(workshop):
    workshop.phase("submission")
    return workshop


def site(settings, **values):
    settings.XBLOCK_SETTINGS = {BUCKET: values}


def studio_messages(workshop, **submission) -> list[str]:
    """What Studio shows under the block, after the author set these submission settings."""
    if submission:
        workshop.configure(**submission)
    block = workshop.workbench.stored_block(workshop.scenario_id)
    return [message.text for message in block.validate().messages]


def test_the_sites_size_cap_lowers_the_authors_limit_on_the_page_and_the_server(
    open_for_work, settings
):
    site(settings, UPLOAD_MAX_MB=1)
    assert "Up to 3 files of 1 MB at most each." in open_for_work.page("alice")
    refused = upload(open_for_work, "alice", "big.pdf", b"x" * (MB + 1))
    assert refused.status_code == 400 and "larger than 1 MB" in refused.json()["error"]
    assert upload(open_for_work, "alice", "small.pdf", b"x" * (MB - 100)).status_code == 200
    messages = studio_messages(open_for_work, max_file_mb=5)
    assert (
        "Files are limited to 1 MB on this site: "
        "learners can attach files of 1 MB at most, not 5 MB." in messages
    )


def test_without_site_settings_the_authors_limit_holds(open_for_work):
    assert studio_messages(open_for_work, max_file_mb=3) == []
    assert "Up to 3 files of 3 MB at most each." in open_for_work.page("alice")
    assert upload(open_for_work, "alice", "big.pdf", b"x" * (MB + 1)).status_code == 200


def test_only_types_both_the_author_and_the_site_allow_are_accepted(open_for_work, settings):
    site(settings, UPLOAD_EXTENSIONS=["pdf", "zip"])
    page = open_for_work.page("alice")
    assert "Accepted: .pdf." in page and 'accept=".pdf"' in page
    refused = upload(open_for_work, "alice", "photo.png", b"\x89PNG")
    assert refused.status_code == 400 and "Accepted: .pdf." in refused.json()["error"]
    assert upload(open_for_work, "alice", "report.pdf", PDF).status_code == 200
    messages = studio_messages(open_for_work)
    assert any(
        text.startswith("This site does not accept these file types")
        and ".png" in text
        and ".pdf" not in text
        for text in messages
    )


def test_when_the_site_accepts_none_of_the_authors_types_the_workshop_takes_no_file(
    open_for_work, settings
):
    site(settings, UPLOAD_EXTENSIONS=[])
    assert "Attach a file" not in open_for_work.page("alice")
    refused = upload(open_for_work, "alice")
    assert refused.status_code == 400 and "does not take files" in refused.json()["error"]
    assert not Upload.objects.exists()
    assert any(
        "accepts none of the file types you chose" in text
        for text in studio_messages(open_for_work)
    )


def test_wrong_site_values_fall_back_to_the_defaults_and_are_named_in_the_check_and_in_studio(
    open_for_work, settings
):
    site(settings, UPLOAD_MAX_MB="lots", UPLOAD_EXTENSIONS="pdf")
    assert "Up to 3 files of 4 MB at most each." in open_for_work.page("alice")
    assert upload(open_for_work, "alice", "photo.png", b"\x89PNG").status_code == 200
    assert [message.id for message in check_operator_settings()] == [
        "spoc_xblocks.W002",
        "spoc_xblocks.W003",
    ]
    messages = studio_messages(open_for_work)
    assert (
        "A site setting is wrong (tell your Open edX administrator): UPLOAD_MAX_MB is 'lots': "
        "it must be a whole number of megabytes from 1 to 1024. The default, 4, is used."
    ) in messages
    assert any("UPLOAD_EXTENSIONS is 'pdf'" in text for text in messages)
