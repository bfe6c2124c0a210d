"""Files: limits enforced on the server, stored with the learner's work, served only to those
allowed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from submissions import api as submissions_api

from spoc_xblocks.peer_workshop.learner_files import FileStore, safe_filename
from spoc_xblocks.peer_workshop.models import Upload
from tests.sites import answered_by_platform

PDF = b"%PDF-1.4 a small diagram"


def upload(workshop, student, name="diagram.pdf", data=PDF):
    return workshop.workbench.upload(
        workshop.scenario_id, "upload_file", student, {"file": SimpleUploadedFile(name, data)}
    )


def download(workshop, student, file_id):
    return workshop.workbench.get(workshop.scenario_id, "download_file", student, str(file_id))


@pytest.fixture
def open_for_work(workshop):
    workshop.phase("submission")
    return workshop


def test_a_file_is_attached_to_the_draft_and_sent_with_the_submission(open_for_work):
    response = upload(open_for_work, "alice")
    assert response.status_code == 200, response.content
    assert "diagram.pdf" in response.json()["html"] and "is attached" in response.json()["message"]
    stored = Upload.objects.get()
    assert (
        stored.content_type == "application/pdf"
        and stored.size == len(PDF)
        and stored.stored_name.endswith(".pdf")
    )
    open_for_work.submit("alice", "<p>See the diagram.</p>")
    answer = submissions_api.get_submission(open_for_work.submission("alice").submission_uuid)[
        "answer"
    ]
    assert answer["files"][0]["name"] == "diagram.pdf"
    refused = upload(open_for_work, "alice", "second.pdf")
    assert refused.status_code == 400 and "already submitted" in refused.json()["error"]


@pytest.mark.parametrize(
    "name, data, fragment",
    [
        ("virus.exe", b"MZ", "not accepted"),
        ("huge.pdf", b"x" * (4 * 1000 * 1000 + 1), "larger than 4 MB"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_files_outside_the_limits_are_refused_and_nothing_is_stored(
    open_for_work, name, data, fragment
):
    response = upload(open_for_work, "alice", name, data)
    if answered_by_platform(
        response
    ):  # over 4 MB Tutor's proxy and the LMS refuse it before the block runs
        assert response.status_code == 413 and name == "huge.pdf"
    else:
        assert response.status_code == 400 and fragment in response.json()["error"]
    assert not Upload.objects.exists()


def test_learners_are_told_the_limit_the_platform_enforces(open_for_work, settings):
    """The LMS refuses any file over STUDENT_FILEUPLOAD_MAX_SIZE before the block sees it: the page
    says so."""
    assert "Up to 3 files of 4 MB at most each." in open_for_work.page("alice")
    settings.STUDENT_FILEUPLOAD_MAX_SIZE = 2 * 1000 * 1000
    assert "Up to 3 files of 2 MB at most each." in open_for_work.page("alice")
    refused = upload(open_for_work, "alice", "big.pdf", b"x" * (2 * 1000 * 1000 + 1))
    assert refused.status_code in (400, 413)
    assert upload(open_for_work, "alice", "fits.pdf", b"x" * (2 * 1000 * 1000)).status_code == 200


@pytest.mark.platform_only
def test_the_platform_refuses_large_bodies_before_the_block_as_tutor_does(open_for_work, settings):
    """Tutor's proxy answers an empty 413 over 4 MB; below it, the LMS answers 413 with {"success":
    message} for a file over its own limit. The page's script turns both into a sentence
    (tests/browser)."""
    proxy = upload(open_for_work, "alice", "big.pdf", b"x" * (4 * 1000 * 1000 + 1))
    assert proxy.status_code == 413 and proxy.content == b""
    settings.STUDENT_FILEUPLOAD_MAX_SIZE = 1000 * 1000
    lms = upload(open_for_work, "alice", "big.pdf", b"x" * (2 * 1000 * 1000))
    assert lms.status_code == 413 and "too large" in lms.json()["success"]
    assert not Upload.objects.exists()


def test_at_most_the_allowed_number_of_files(open_for_work):
    for index in range(3):
        assert upload(open_for_work, "alice", f"part{index}.pdf").status_code == 200
    refused = upload(open_for_work, "alice", "part4.pdf")
    assert refused.status_code == 400 and "at most 3 files" in refused.json()["error"]
    assert Upload.objects.count() == 3


def test_uploads_are_refused_outside_the_submission_window_and_when_masquerading(workshop):
    refused = upload(workshop, "alice")
    assert refused.status_code == 400 and "not open" in refused.json()["error"]
    workshop.phase("submission")
    assert upload(workshop, "trainer~alice").status_code == 403
    no_file = workshop.workbench.upload(workshop.scenario_id, "upload_file", "alice", {})
    assert no_file.status_code == 400
    assert not Upload.objects.exists()


def test_a_file_is_removed_by_its_owner_only(open_for_work):
    file_id = upload(open_for_work, "alice").json()["file_id"]
    refused = open_for_work.post("remove_file", "bruno", {"file_id": file_id})
    assert refused.status_code == 400 and Upload.objects.count() == 1
    open_for_work.ok("remove_file", "alice", {"file_id": file_id})
    assert not Upload.objects.exists()
    assert download(open_for_work, "alice", file_id).status_code == 404


def test_a_file_is_served_to_its_author_its_reviewers_and_the_trainer_only(open_for_work):
    file_id = upload(open_for_work, "alice").json()["file_id"]
    for student in ("alice", "bruno", "chloe"):
        open_for_work.submit(student)
    assert download(open_for_work, "bruno", file_id).status_code == 404  # not a reviewer yet
    open_for_work.phase("review")
    reviewer = open_for_work.reviewers_of("alice")[0]
    for student in ("alice", reviewer, "trainer"):
        response = download(open_for_work, student, file_id)
        assert response.status_code == 200, student
        assert response.content == PDF
        assert response["Content-Disposition"] == "attachment; filename*=UTF-8''diagram.pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
    assert download(open_for_work, "lea", file_id).status_code == 404
    assert download(open_for_work, "alice", 99999).status_code == 404
    assert download(open_for_work, "alice", "../../etc/passwd").status_code == 404


def test_filenames_are_made_safe():
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename('C:\\Users\\x\\<evil>"name".pdf') == "evilname.pdf"
    assert safe_filename("") == "file"
    long = safe_filename("é" * 300 + ".PDF")
    assert len(long) == 200 and long.endswith("….PDF") and long.startswith("éé")
    assert safe_filename("a" * 300) == "a" * 199 + "…"


def test_a_long_file_name_is_shortened_keeping_its_extension(open_for_work):
    name = "minutes of the meeting " * 12 + ".pdf"  # 280 characters
    response = upload(open_for_work, "alice", name)
    assert response.status_code == 200, response.content
    stored = Upload.objects.get().filename
    assert len(stored) == 200 and stored.endswith("….pdf") and stored.startswith("minutes of")


def test_files_go_to_djangos_storage_even_where_the_fs_service_cannot_work(
    workshop, tmp_path, settings
):
    """Under Tutor the platform's `fs` service (django-pyfs) cannot even create its folder: the
    block never uses it, and keeps files in Django's storage, which Tutor points at MinIO or S3 for
    every LMS process."""
    settings.MEDIA_ROOT = str(tmp_path)
    block = workshop.workbench.block_for(workshop.scenario_id, "alice")
    store = FileStore(block)
    store.save("b.pdf", b"data")
    assert store.read("b.pdf") == b"data"
    assert list((tmp_path / "spoc_peer_workshop").iterdir())
    store.delete("b.pdf")
    assert not any(path.is_file() for path in (tmp_path / "spoc_peer_workshop").rglob("*"))
