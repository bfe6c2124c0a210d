"""The operator's settings (XBLOCK_SETTINGS["spoc_xblocks"]): defaults, the validator, the reader,
the system check."""

import logging
from types import SimpleNamespace

import pytest
from django.core.checks import Warning
from django.test import override_settings
from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.cohort_coach.block import CohortCoachBlock
from spoc_xblocks.cohort_coach.fields import THRESHOLDS
from spoc_xblocks.cohort_coach.logic.rules import Thresholds
from spoc_xblocks.common import operator_settings
from spoc_xblocks.common.checks import CHECK_IDS, check_operator_settings
from spoc_xblocks.common.operator_settings import (
    AT_RISK_LIMITS,
    BUCKET,
    DEFAULTS,
    read_operator_settings,
    validate_operator_settings,
)
from spoc_xblocks.peer_workshop.fields import DEFAULT_FILE_TYPES
from spoc_xblocks.peer_workshop.logic.file_limits import file_limits
from spoc_xblocks.peer_workshop.rules import file_extensions
from tests import figures

KEYS = ("UPLOAD_MAX_MB", "UPLOAD_EXTENSIONS", "AT_RISK_DEFAULTS", "NUDGE_EMAILS")
valid_buckets = st.fixed_dictionaries(
    {},
    optional={
        "UPLOAD_MAX_MB": st.integers(1, 1024),
        "UPLOAD_EXTENSIONS": st.lists(
            st.from_regex(r"[a-z0-9]{1,16}", fullmatch=True), max_size=20
        ),
        "AT_RISK_DEFAULTS": st.dictionaries(
            st.sampled_from(sorted(AT_RISK_LIMITS)), st.integers(0, 4), max_size=8
        ),
        "NUDGE_EMAILS": st.booleans(),
    },
)
any_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=10,
)


def test_the_defaults_are_the_contract_and_the_blocks_own_defaults_fit_in_them():
    settings = validate_operator_settings({})
    assert (settings.upload_max_mb, settings.nudge_emails, settings.problems) == (4, True, ())
    assert settings.upload_extensions == (
        "pdf",
        "docx",
        "odt",
        "pptx",
        "odp",
        "xlsx",
        "ods",
        "png",
        "jpg",
        "jpeg",
        "txt",
        "zip",
    )
    assert settings.at_risk_defaults == Thresholds().as_dict() == DEFAULTS["AT_RISK_DEFAULTS"]
    authored = {name: CohortCoachBlock.fields[name].values["max"] for name in THRESHOLDS}
    assert authored == AT_RISK_LIMITS and set(AT_RISK_LIMITS) == set(Thresholds().as_dict())
    workshop_default = {extension.lstrip(".") for extension in file_extensions(DEFAULT_FILE_TYPES)}
    assert workshop_default <= set(settings.upload_extensions)


@given(valid_buckets)
def test_every_valid_setting_is_taken_as_it_is_with_no_problem(bucket):
    settings = validate_operator_settings(bucket)
    figures.record("payloads tried", source="operator settings validator")
    assert settings.problems == ()
    assert settings.upload_max_mb == bucket.get("UPLOAD_MAX_MB", 4)
    assert settings.upload_extensions == tuple(
        dict.fromkeys(bucket.get("UPLOAD_EXTENSIONS", DEFAULTS["UPLOAD_EXTENSIONS"]))
    )
    assert settings.at_risk_defaults == {
        **DEFAULTS["AT_RISK_DEFAULTS"],
        **bucket.get("AT_RISK_DEFAULTS", {}),
    }
    assert settings.nudge_emails is bucket.get("NUDGE_EMAILS", True)


@given(st.sampled_from(KEYS), any_value)
def test_any_value_gives_typed_settings_and_a_wrong_one_a_sentence_naming_the_key_and_value(
    key, value
):
    figures.record("payloads tried", source="operator settings validator")
    settings = validate_operator_settings({key: value})
    assert isinstance(settings.upload_max_mb, int) and 1 <= settings.upload_max_mb <= 1024
    assert all(
        isinstance(extension, str) and "." not in extension
        for extension in settings.upload_extensions
    )
    assert set(settings.at_risk_defaults) == set(AT_RISK_LIMITS)
    assert all(
        0 <= number <= AT_RISK_LIMITS[name] for name, number in settings.at_risk_defaults.items()
    )
    assert isinstance(settings.nudge_emails, bool)
    for problem in settings.problems:
        assert problem.key == key and problem.text().startswith(key)


@pytest.mark.parametrize(
    ("bucket", "expected", "sentence"),
    [
        (
            {"UPLOAD_MAX_MB": 0},
            ("upload_max_mb", 4),
            "UPLOAD_MAX_MB is 0: it must be a whole number of megabytes from 1 to 1024. "
            "The default, 4, is used.",
        ),
        (
            {"UPLOAD_MAX_MB": "20"},
            ("upload_max_mb", 4),
            "UPLOAD_MAX_MB is '20': it must be a whole number",
        ),
        ({"UPLOAD_MAX_MB": True}, ("upload_max_mb", 4), "UPLOAD_MAX_MB is True"),
        (
            {"UPLOAD_EXTENSIONS": "pdf,png"},
            ("upload_extensions", tuple(DEFAULTS["UPLOAD_EXTENSIONS"])),
            "UPLOAD_EXTENSIONS is 'pdf,png': it must be a list of file extensions",
        ),
        (
            {"UPLOAD_EXTENSIONS": ["pdf", ".PNG"]},
            ("upload_extensions", tuple(DEFAULTS["UPLOAD_EXTENSIONS"])),
            "UPLOAD_EXTENSIONS holds '.PNG': each extension must be in lowercase letters and "
            "digits, without a dot",
        ),
        (
            {"AT_RISK_DEFAULTS": {"inactive_days": 200, "missed_checkins": 3}},
            ("at_risk_defaults", {**DEFAULTS["AT_RISK_DEFAULTS"], "missed_checkins": 3}),
            'AT_RISK_DEFAULTS["inactive_days"] is 200: it must be a whole number from 0 (rule off) '
            "to 90. The default, 7",
        ),
        (
            {"AT_RISK_DEFAULTS": {"inactive": 3}},
            ("at_risk_defaults", DEFAULTS["AT_RISK_DEFAULTS"]),
            "AT_RISK_DEFAULTS has 'inactive', which is not a threshold: use inactive_days, "
            "missed_checkins",
        ),
        (
            {"AT_RISK_DEFAULTS": [7]},
            ("at_risk_defaults", DEFAULTS["AT_RISK_DEFAULTS"]),
            "AT_RISK_DEFAULTS is [7]: it must be a dictionary of threshold names and whole "
            "numbers, such as "
            '{"inactive_days": 7}.',
        ),
        (
            {"NUDGE_EMAILS": "false"},
            ("nudge_emails", True),
            "NUDGE_EMAILS is 'false': it must be True or False. The default, True, is used.",
        ),
    ],
)
def test_a_wrong_value_falls_back_to_its_default_with_a_clear_sentence(bucket, expected, sentence):
    settings = validate_operator_settings(bucket)
    attribute, value = expected
    assert getattr(settings, attribute) == value
    assert len(settings.problems) == 1 and sentence in settings.problems[0].text()


def test_one_wrong_key_leaves_the_others_as_set():
    settings = validate_operator_settings(
        {"UPLOAD_MAX_MB": -1, "NUDGE_EMAILS": False, "UPLOAD_EXTENSIONS": []}
    )
    assert (settings.upload_max_mb, settings.nudge_emails, settings.upload_extensions) == (
        4,
        False,
        (),
    )
    assert [problem.key for problem in settings.problems] == ["UPLOAD_MAX_MB"]


def test_a_bucket_that_is_not_a_dictionary_or_has_an_unknown_key_is_named():
    wrong = validate_operator_settings(["UPLOAD_MAX_MB", 5])
    assert wrong.upload_max_mb == 4
    assert "must be a dictionary of settings" in wrong.problems[0].text()
    typo = validate_operator_settings({"UPLOAD_MAX_MBS": 5})
    assert typo.upload_max_mb == 4 and not typo.problems[0].known_key
    assert (
        "unknown key 'UPLOAD_MAX_MBS': the keys are UPLOAD_MAX_MB, UPLOAD_EXTENSIONS"
        in typo.problems[0].text()
    )


def test_a_problem_reads_in_the_authors_language():
    problem = validate_operator_settings({"NUDGE_EMAILS": 1}).problems[0]
    french = {problem.template: "NUDGE_EMAILS vaut {value} : True ou False attendu."}
    assert (
        problem.text(lambda message: french.get(message, message))
        == "NUDGE_EMAILS vaut 1 : True ou False attendu."
    )


def test_the_site_cap_lowers_the_authors_size_and_keeps_only_types_both_allow():
    limits = file_limits(50, (".pdf", ".md", ".png"), 10, ("png", "pdf", "zip"))
    assert (limits.max_mb, limits.extensions, limits.lowered_from, limits.refused) == (
        10,
        (".pdf", ".png"),
        50,
        (".md",),
    )
    assert file_limits(5, (".pdf",), 10, ("pdf",)).lowered_from is None
    assert file_limits(5, (".md",), 10, ()).extensions == ()


class FakeSettingsService:
    def __init__(self, xblock_settings):
        self.xblock_settings = xblock_settings

    def get_settings_bucket(self, block, default=None):
        return self.xblock_settings.get(
            block.block_settings_key, default if default is not None else {}
        )


def block_with(service):
    runtime = SimpleNamespace(service=lambda block, name: service if name == "settings" else None)
    return SimpleNamespace(runtime=runtime, block_settings_key=BUCKET)


def test_the_reader_gives_the_defaults_without_a_service_or_a_bucket():
    assert read_operator_settings(block_with(None)) == validate_operator_settings({})
    other_block_only = FakeSettingsService({"other_block": {}})
    assert read_operator_settings(block_with(other_block_only)).upload_max_mb == 4
    reading = read_operator_settings(
        block_with(FakeSettingsService({BUCKET: {"UPLOAD_MAX_MB": 3}}))
    )
    assert reading.upload_max_mb == 3


def test_the_reader_logs_each_problem_once_per_process(caplog, monkeypatch):
    monkeypatch.setattr(operator_settings, "_logged", set())
    block = block_with(FakeSettingsService({BUCKET: {"UPLOAD_MAX_MB": 5000, "NUDGE_EMAILS": "no"}}))
    with caplog.at_level(logging.WARNING, logger="spoc_xblocks.common.operator_settings"):
        for _ in range(3):
            assert read_operator_settings(block).upload_max_mb == 4
    assert len(caplog.records) == 2 and "UPLOAD_MAX_MB is 5000" in caplog.records[0].getMessage()


def test_the_system_check_names_each_wrong_key_with_its_id():
    assert (
        check_operator_settings() == []
    )  # the development settings set no bucket: the defaults hold
    bucket = {
        "UPLOAD_MAX_MB": 0,
        "UPLOAD_EXTENSIONS": "pdf",
        "AT_RISK_DEFAULTS": None,
        "NUDGE_EMAILS": "off",
        "UPLOAD_MB": 4,
    }
    with override_settings(XBLOCK_SETTINGS={BUCKET: bucket}):
        messages = check_operator_settings()
    assert {(type(message), message.id) for message in messages} == {
        (Warning, CHECK_IDS["UPLOAD_MAX_MB"]),
        (Warning, "spoc_xblocks.W003"),
        (Warning, "spoc_xblocks.W004"),
        (Warning, "spoc_xblocks.W005"),
        (Warning, "spoc_xblocks.W001"),
    }
    assert all(message.hint and "XBLOCK_SETTINGS" in message.hint for message in messages)
    with override_settings(XBLOCK_SETTINGS={BUCKET: "everything"}):
        assert [message.id for message in check_operator_settings()] == ["spoc_xblocks.W006"]
    with override_settings(XBLOCK_SETTINGS={BUCKET: {"UPLOAD_MAX_MB": 4, "NUDGE_EMAILS": False}}):
        assert check_operator_settings() == []


def test_a_limit_above_the_lms_own_is_named_too():
    """The LMS refuses files over STUDENT_FILEUPLOAD_MAX_SIZE before the block runs: a higher
    UPLOAD_MAX_MB would promise learners what the platform refuses."""
    with override_settings(
        XBLOCK_SETTINGS={BUCKET: {"UPLOAD_MAX_MB": 50}}, STUDENT_FILEUPLOAD_MAX_SIZE=4_000_000
    ):
        [message] = check_operator_settings()
    assert message.id == "spoc_xblocks.W007" and "learners are told 4 MB" in message.msg
    with override_settings(
        XBLOCK_SETTINGS={BUCKET: {"UPLOAD_MAX_MB": 50}}, STUDENT_FILEUPLOAD_MAX_SIZE=60_000_000
    ):
        assert check_operator_settings() == []


@pytest.mark.django_db
def test_a_wrong_setting_never_stops_migrate_which_tutor_runs_for_the_whole_platform(capsys):
    """`migrate` aborts on a check Error, and Tutor's init runs it for every app: ours are
    Warnings."""
    from django.core.management import call_command

    with override_settings(XBLOCK_SETTINGS={BUCKET: {"UPLOAD_MAX_MB": "big"}}):
        call_command("check")
        call_command("migrate", "spoc_common", verbosity=0)
    assert "spoc_xblocks.W002" in capsys.readouterr().err
