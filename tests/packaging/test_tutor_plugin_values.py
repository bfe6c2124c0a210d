"""The Tutor plugin's own logic, without Tutor: its defaults, its checks of YAML values, its pip
requirement."""

import ast
import importlib.metadata
from pathlib import Path

import pytest
from tutorspoc import __version__ as plugin_version
from tutorspoc import xblock_settings as plugin_settings
from tutorspoc.requirement import IMAGE_WHEELS_DIR, pip_install_argument, sync_wheels_dir
from tutorspoc.xblock_settings import DEFAULTS, config_defaults, python_literal

from spoc_xblocks.cohort_coach.logic.rules import Thresholds
from spoc_xblocks.common import operator_settings
from tests import figures


def test_the_plugin_defaults_are_the_package_ones_and_its_bounds_within_the_package_ones():
    assert DEFAULTS == operator_settings.DEFAULTS
    assert DEFAULTS["AT_RISK_DEFAULTS"] == Thresholds().as_dict()
    assert plugin_settings.AT_RISK_LIMITS == operator_settings.AT_RISK_LIMITS
    assert plugin_settings.EXTENSION.pattern == operator_settings.EXTENSION.pattern
    low, high = plugin_settings.UPLOAD_MAX_MB_RANGE
    package_low, package_high = operator_settings.UPLOAD_MAX_MB_RANGE
    assert package_low <= low <= DEFAULTS["UPLOAD_MAX_MB"] <= high <= package_high


def test_the_plugin_caps_uploads_at_what_tutor_lets_through():
    """Tutor's Caddy (max_size 4MB on LMS request bodies) and the LMS (STUDENT_FILEUPLOAD_MAX_SIZE,
    4 MB) refuse larger uploads before a block sees them."""
    assert plugin_settings.TUTOR_UPLOAD_CAP_MB == 4
    assert plugin_settings.UPLOAD_MAX_MB_RANGE == (1, 4)
    assert DEFAULTS["UPLOAD_MAX_MB"] == 4


def test_the_plugin_version_is_the_spoc_xblocks_version_it_pins():
    assert plugin_version == importlib.metadata.version("spoc-xblocks")


def test_tutor_settings_carry_the_prefix_and_are_copies():
    settings = dict(config_defaults())
    assert set(settings) == {
        "SPOC_UPLOAD_MAX_MB",
        "SPOC_UPLOAD_EXTENSIONS",
        "SPOC_AT_RISK_DEFAULTS",
        "SPOC_NUDGE_EMAILS",
    }
    settings["SPOC_UPLOAD_EXTENSIONS"].append("exe")
    assert "exe" not in DEFAULTS["UPLOAD_EXTENSIONS"]


@pytest.mark.parametrize(
    ("key", "yaml_value", "python_value"),
    [
        ("UPLOAD_MAX_MB", 1, 1),
        ("UPLOAD_MAX_MB", 4, 4),
        ("UPLOAD_EXTENSIONS", [".PDF", "odt", "pdf"], ["pdf", "odt"]),
        ("UPLOAD_EXTENSIONS", "pdf, .png", ["pdf", "png"]),
        ("UPLOAD_EXTENSIONS", [], []),
        (
            "AT_RISK_DEFAULTS",
            {"inactive_days": 10},
            {**Thresholds().as_dict(), "inactive_days": 10},
        ),
        ("AT_RISK_DEFAULTS", {}, Thresholds().as_dict()),
        ("AT_RISK_DEFAULTS", operator_settings.AT_RISK_LIMITS, operator_settings.AT_RISK_LIMITS),
        ("AT_RISK_DEFAULTS", {"score_floor": 0}, {**Thresholds().as_dict(), "score_floor": 0}),
        ("NUDGE_EMAILS", False, False),
        ("NUDGE_EMAILS", True, True),
    ],
)
def test_yaml_values_become_python_literals_the_blocks_accept(key, yaml_value, python_value):
    figures.record("payloads tried", 1, source="tutor plugin settings checks")
    value = ast.literal_eval(python_literal(yaml_value, key))
    assert value == python_value
    assert type(value) is type(python_value)
    assert operator_settings.validate_operator_settings({key: value}).problems == ()


@pytest.mark.parametrize(
    ("key", "yaml_value", "message"),
    [
        ("UPLOAD_MAX_MB", 0, "from 1 to 4, not 0."),
        (
            "UPLOAD_MAX_MB",
            5,
            "from 1 to 4, not 5: Tutor's Caddy and the LMS refuse LMS uploads over "
            "4 MB, whatever this setting says.",
        ),
        (
            "UPLOAD_MAX_MB",
            1024,
            "from 1 to 4, not 1024: Tutor's Caddy and the LMS refuse LMS uploads",
        ),
        ("UPLOAD_MAX_MB", "10", "from 1 to 4, not '10'."),
        ("UPLOAD_MAX_MB", True, "from 1 to 4, not True."),
        ("UPLOAD_MAX_MB", 2.5, "from 1 to 4, not 2.5."),
        ("UPLOAD_MAX_MB", None, "from 1 to 4, not None."),
        ("UPLOAD_EXTENSIONS", {"pdf": 1}, "must be a list of file extensions"),
        ("UPLOAD_EXTENSIONS", [1, 2], "must be a list of file extensions"),
        ("UPLOAD_EXTENSIONS", ["tar.gz"], "'tar.gz' is not a file extension"),
        ("UPLOAD_EXTENSIONS", ["pdf", ""], "'' is not a file extension"),
        ("UPLOAD_EXTENSIONS", ["p df"], "'p df' is not a file extension"),
        ("UPLOAD_EXTENSIONS", ["x" * 17], "is not a file extension (1 to 16 letters"),
        ("AT_RISK_DEFAULTS", [7, 2], "must be a mapping"),
        (
            "AT_RISK_DEFAULTS",
            {"inactive_dayz": 3},
            "inactive_dayz is not a threshold; the thresholds are inactive_days",
        ),
        (
            "AT_RISK_DEFAULTS",
            {"inactive_days": -1},
            "inactive_days must be a whole number from 0 (rule off) to 90",
        ),
        (
            "AT_RISK_DEFAULTS",
            {"inactive_days": 91},
            "inactive_days must be a whole number from 0 (rule off) to 90",
        ),
        (
            "AT_RISK_DEFAULTS",
            {"confidence_floor": 5},
            "confidence_floor must be a whole number from 0 (rule off) to 4",
        ),
        ("AT_RISK_DEFAULTS", {"inactive_days": "7"}, "inactive_days must be a whole number from 0"),
        (
            "AT_RISK_DEFAULTS",
            {"inactive_days": False},
            "inactive_days must be a whole number from 0",
        ),
        ("NUDGE_EMAILS", "yes please", "must be true or false"),
        ("NUDGE_EMAILS", 1, "must be true or false"),
        ("NUDGE_EMAILS", None, "must be true or false"),
        ("SECRET_KEY", "x", "SECRET_KEY is not a spoc-xblocks setting"),
    ],
)
def test_a_wrong_value_is_refused_with_a_sentence_naming_the_setting(key, yaml_value, message):
    figures.record("payloads tried", 1, source="tutor plugin settings checks")
    with pytest.raises(ValueError, match="SPOC_|spoc-xblocks setting") as refused:
        python_literal(yaml_value, key)
    assert message in str(refused.value)


@pytest.mark.parametrize(
    ("requirement", "argument"),
    [
        ("spoc-xblocks==0.1.0", "spoc-xblocks==0.1.0"),
        ("spoc-xblocks>=0.1,<0.2", "spoc-xblocks>=0.1,<0.2"),
        (
            "git+https://github.com/example/spoc-xblocks.git@v0.1.0",
            "git+https://github.com/example/spoc-xblocks.git@v0.1.0",
        ),
        (
            "https://example.org/spoc_xblocks-0.1.0-py3-none-any.whl",
            "https://example.org/spoc_xblocks-0.1.0-py3-none-any.whl",
        ),
        (
            "/srv/wheels/spoc_xblocks-0.1.0-py3-none-any.whl",
            f"{IMAGE_WHEELS_DIR}/spoc_xblocks-0.1.0-py3-none-any.whl",
        ),
    ],
)
def test_the_dockerfile_installs_a_requirement_as_given_and_a_local_wheel_from_the_build_context(
    requirement, argument
):
    assert pip_install_argument(requirement) == argument


@pytest.mark.parametrize(
    ("requirement", "message"),
    [
        ("", "must be a pip requirement"),
        (None, "must be a pip requirement"),
        (["spoc-xblocks"], "must be a pip requirement"),
        ("spoc-xblocks'; rm -rf /", "cannot contain quotes"),
        ("spoc-xblocks\nRUN curl evil", "cannot contain quotes"),
        ("spoc-xblocks==$(whoami)", "cannot contain quotes"),
        ("dist/spoc_xblocks-0.1.0-py3-none-any.whl", "give the wheel's absolute path"),
    ],
)
def test_a_requirement_that_would_break_the_dockerfile_is_refused(requirement, message):
    figures.record("payloads tried", 1, source="tutor plugin settings checks")
    with pytest.raises(ValueError, match="SPOC_PIP_REQUIREMENT") as refused:
        pip_install_argument(requirement)
    assert message in str(refused.value)


def test_the_build_context_holds_only_the_local_wheel_named(tmp_path):
    build_context = tmp_path / "env" / "build" / "openedx"
    wheels = build_context / "spoc-wheels"
    wheels.mkdir(parents=True)
    (wheels / "spoc_xblocks-0.0.9-py3-none-any.whl").write_bytes(b"old")
    (wheels / "README.txt").write_text("kept")
    wheel = tmp_path / "spoc_xblocks-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"new")

    copied = sync_wheels_dir(str(wheel), build_context)

    assert copied == wheels / wheel.name
    assert sorted(path.name for path in wheels.iterdir()) == ["README.txt", wheel.name]
    assert copied.read_bytes() == b"new"
    assert sync_wheels_dir("spoc-xblocks==0.1.0", build_context) is None
    assert sorted(path.name for path in wheels.iterdir()) == ["README.txt"]


def test_a_local_wheel_that_does_not_exist_is_refused(tmp_path):
    missing = Path(tmp_path) / "spoc_xblocks-0.1.0-py3-none-any.whl"
    with pytest.raises(ValueError, match="which does not exist on this machine"):
        sync_wheels_dir(str(missing), tmp_path / "build")


def test_a_wheel_in_the_build_context_is_kept_when_its_source_is_gone_and_copied_again_if_changed(
    tmp_path,
):
    """Under Tutor 21 the copy runs at every command that loads the configuration: deleting the
    wheel after building the image must not stop `tutor local stop`."""
    build_context = tmp_path / "env" / "build" / "openedx"
    wheel = tmp_path / "spoc_xblocks-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"first")
    copied = sync_wheels_dir(str(wheel), build_context)
    wheel.write_bytes(b"second build")
    assert sync_wheels_dir(str(wheel), build_context) == copied
    assert copied.read_bytes() == b"second build"
    wheel.unlink()
    assert sync_wheels_dir(str(wheel), build_context) == copied
    assert copied.read_bytes() == b"second build"
