"""The Tutor plugin an operator enables: the real tutor from PyPI, the plugin from this tree, the
files they render.

The plugin admits Tutor 21 (Open edX Ulmo) and Tutor 22 (Verawood), so every test runs under the
newest release of each, pinned in requirements/tutor21.txt and requirements/tutor22.txt. Each Tutor
lives in its own virtual environment under var/, rebuilt only when its requirements file changes;
the plugin is installed there as an operator installs it (`pip install ./tutor-contrib-spoc`, not
editable, so its patches and templates must ship in the package), again whenever one of its files
changes.
Each test gets its own TUTOR_ROOT, where the plugin is enabled, and runs the tutor command line
there as an operator would.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tutorspoc.xblock_settings import DEFAULTS

from spoc_xblocks.cohort_coach.logic.rules import Thresholds
from spoc_xblocks.common.operator_settings import validate_operator_settings
from tests import figures

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "tutor-contrib-spoc"
VAR = ROOT / "var"
# The Tutor majors the plugin supports: 21 serves Open edX Ulmo, 22 serves Verawood.
TUTOR_MAJORS = ("21", "22")
SETTINGS_FILES = [
    f"apps/openedx/settings/{service}/{mode}.py"
    for service in ("lms", "cms")
    for mode in ("production", "development")
]
DOCKERFILE = "build/openedx/Dockerfile"
OTHER_BLOCKS_SETTINGS = {"VideoBlock": {"licensing_enabled": True}}

pytestmark = pytest.mark.slow


def tutor_requirements(major: str) -> Path:
    return ROOT / "requirements" / f"tutor{major}.txt"


def pinned_version(major: str) -> str:
    """The tutor==X.Y.Z that requirements/tutor<major>.txt pins."""
    pins = re.findall(r"^tutor==(\S+)$", tutor_requirements(major).read_text(), re.MULTILINE)
    assert len(pins) == 1, f"requirements/tutor{major}.txt pins tutor once"
    return pins[0]


def _plugin_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sorted([PLUGIN / "pyproject.toml", *(PLUGIN / "tutorspoc").rglob("*")]):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PLUGIN)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _pip_install(venv: Path, *args: str) -> None:
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *args],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, f"pip install {' '.join(args)} failed:\n{installed.stderr}"


def _create_tutor_venv(venv: Path, requirements: Path) -> None:
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
    _pip_install(venv, "-r", str(requirements))


def _install_plugin(venv: Path) -> None:
    _pip_install(venv, "--no-deps", "--force-reinstall", str(PLUGIN))
    # setuptools builds in the source tree
    for leftover in ("build", "tutor_contrib_spoc.egg-info"):
        shutil.rmtree(PLUGIN / leftover, ignore_errors=True)


def _install_once(stamp: Path, content: str, install) -> None:
    """Run `install` unless `stamp` says it already ran for this `content`."""
    if not stamp.exists() or stamp.read_text() != content:
        install()
        stamp.write_text(content)


@pytest.fixture(
    scope="module", params=TUTOR_MAJORS, ids=[f"tutor{major}" for major in TUTOR_MAJORS]
)
def tutor_major(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def tutor_command(tutor_major) -> Path:
    """tutor of this major with this tree's plugin installed beside it.

    One lock for every Tutor venv keeps parallel test runs apart: they build the plugin in the same
    source tree.
    """
    venv = VAR / f"tutor{tutor_major}-venv"
    requirements = tutor_requirements(tutor_major)
    VAR.mkdir(parents=True, exist_ok=True)
    with open(VAR / "tutor-venvs.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _install_once(
            venv / ".tutor-installed",
            requirements.read_text(),
            lambda: _create_tutor_venv(venv, requirements),
        )
        _install_once(
            venv / ".plugin-installed", _plugin_fingerprint(), lambda: _install_plugin(venv)
        )
    return venv / "bin" / "tutor"


class TutorProject:
    """One TUTOR_ROOT and the tutor command line run in it."""

    def __init__(self, command: Path, root: Path):
        self.command = command
        self.root = root
        self.environment = {
            **os.environ,
            "TUTOR_ROOT": str(root),
            "TUTOR_PLUGINS_ROOT": str(root / "plugins"),
        }

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [str(self.command), *args],
            env=self.environment,
            capture_output=True,
            text=True,
            cwd=self.root,
        )
        if check and result.returncode:
            raise AssertionError(
                f"tutor {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def save(self, *settings: str) -> subprocess.CompletedProcess:
        """`tutor config save`, with `--set NAME=VALUE` for each setting; counts as one
        configuration tried."""
        figures.record("payloads tried", 1, source="tutor plugin configurations")
        return self.run(
            "config", "save", *[arg for setting in settings for arg in ("--set", setting)]
        )

    def rendered(self, path: str) -> str:
        return (self.root / "env" / path).read_text()


@pytest.fixture(scope="module")
def enabled_root(tutor_command, tmp_path_factory) -> Path:
    """A TUTOR_ROOT where `tutor plugins enable spoc` has run (which saves the config and renders
    the env)."""
    project = TutorProject(tutor_command, tmp_path_factory.mktemp("enabled") / "tutor-root")
    project.root.mkdir()
    project.run("plugins", "enable", "spoc")
    return project.root


@pytest.fixture
def tutor(tutor_command, enabled_root, tmp_path) -> TutorProject:
    """A copy of the enabled TUTOR_ROOT for one test (rendering every template takes a second or
    two)."""
    root = tmp_path / "tutor-root"
    shutil.copytree(enabled_root, root)
    return TutorProject(tutor_command, root)


def spoc_settings_after(settings_source: str, existing: dict) -> dict:
    """XBLOCK_SETTINGS after running the statements of a rendered settings file that touch
    spoc_xblocks.

    The whole file must compile; only our statements run, on a namespace where the operator
    already has XBLOCK_SETTINGS (`existing`), as edx-platform's settings always define it.
    """
    module = ast.parse(settings_source)
    ours = [
        node
        for node in module.body
        if '"spoc_xblocks"' in ast.get_source_segment(settings_source, node)
    ]
    assert len(ours) == 1, "the plugin's settings patch appears once per settings file"
    namespace = {"XBLOCK_SETTINGS": existing}
    exec(compile(ast.Module(body=ours, type_ignores=[]), "<spoc patch>", "exec"), namespace)
    return namespace["XBLOCK_SETTINGS"]


def rendered_spoc_settings(tutor: TutorProject) -> list[dict]:
    """XBLOCK_SETTINGS["spoc_xblocks"] of every LMS and CMS settings file, each checked to keep the
    other blocks' and to be a bucket the blocks read without a problem."""
    buckets = []
    for path in SETTINGS_FILES:
        source = tutor.rendered(path)
        compile(source, path, "exec")
        result = spoc_settings_after(source, {**OTHER_BLOCKS_SETTINGS})
        assert result["VideoBlock"] == OTHER_BLOCKS_SETTINGS["VideoBlock"], path
        assert validate_operator_settings(result["spoc_xblocks"]).problems == (), path
        buckets.append(result["spoc_xblocks"])
    return buckets


def test_the_tutor_under_test_is_the_pinned_release_of_its_major(tutor, tutor_major):
    version = pinned_version(tutor_major)
    assert version.split(".")[0] == tutor_major
    assert tutor.run("--version").stdout.split()[-1] == version


def test_enabling_the_plugin_installs_spoc_xblocks_pinned_to_this_version(tutor):
    version = importlib.metadata.version("spoc-xblocks")
    assert f"$PIP_COMMAND install 'spoc-xblocks=={version}'" in tutor.rendered(DOCKERFILE)


def test_lms_and_cms_settings_get_the_defaults_and_keep_other_blocks_settings(tutor):
    assert rendered_spoc_settings(tutor) == [DEFAULTS] * len(SETTINGS_FILES)


def test_the_rendered_settings_merge_into_an_existing_spoc_xblocks_bucket(tutor):
    source = tutor.rendered("apps/openedx/settings/lms/production.py")
    existing = {"spoc_xblocks": {"UPLOAD_MAX_MB": 3, "SITE_NOTE": "kept"}}
    bucket = spoc_settings_after(source, existing)["spoc_xblocks"]
    assert bucket["SITE_NOTE"] == "kept"
    assert bucket["UPLOAD_MAX_MB"] == DEFAULTS["UPLOAD_MAX_MB"]


def test_values_set_in_yaml_reach_python_with_their_types(tutor):
    tutor.save(
        "SPOC_UPLOAD_MAX_MB=3",
        "SPOC_NUDGE_EMAILS=false",
        "SPOC_UPLOAD_EXTENSIONS=[PDF, .odt, pdf]",
        "SPOC_AT_RISK_DEFAULTS={inactive_days: 10, score_floor: 0}",
    )
    expected = {
        "UPLOAD_MAX_MB": 3,
        "NUDGE_EMAILS": False,
        "UPLOAD_EXTENSIONS": ["pdf", "odt"],
        "AT_RISK_DEFAULTS": {**Thresholds().as_dict(), "inactive_days": 10, "score_floor": 0},
    }
    assert rendered_spoc_settings(tutor) == [expected] * len(SETTINGS_FILES)


def test_the_upload_limit_stops_at_the_4_mb_tutor_lets_through(tutor):
    """Tutor's Caddy (max_size 4MB on LMS request bodies) and the LMS (STUDENT_FILEUPLOAD_MAX_SIZE)
    refuse larger uploads, so a larger setting would promise learners what the site refuses."""
    lms_host = tutor.run("config", "printvalue", "LMS_HOST").stdout.strip()
    caddyfile = tutor.rendered("apps/caddy/Caddyfile")
    lms_site = caddyfile.split(f"\n{lms_host}{{$default_site_port}} {{\n", 1)[1].split("\n}\n")[0]
    assert lms_site.endswith(
        "handle_path /* {\n        request_body {\n            max_size 4MB\n        }\n    }"
    )
    tutor.save("SPOC_UPLOAD_MAX_MB=4")
    assert all(bucket["UPLOAD_MAX_MB"] == 4 for bucket in rendered_spoc_settings(tutor))
    figures.record("payloads tried", 1, source="tutor plugin configurations")
    result = tutor.run("config", "save", "--set", "SPOC_UPLOAD_MAX_MB=5", check=False)
    assert result.returncode != 0
    assert (
        "Error: SPOC_UPLOAD_MAX_MB must be a whole number of megabytes from 1 to 4, not 5: "
        "Tutor's Caddy and the LMS refuse LMS uploads over 4 MB, whatever this setting says."
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_wrong_value_stops_config_save_with_a_sentence(tutor):
    figures.record("payloads tried", 1, source="tutor plugin configurations")
    result = tutor.run("config", "save", "--set", "SPOC_UPLOAD_MAX_MB=0", check=False)
    assert result.returncode != 0
    assert (
        "Error: SPOC_UPLOAD_MAX_MB must be a whole number of megabytes from 1 to 4, not 0."
        in result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_local_wheel_is_installed_from_the_build_context_until_the_requirement_is_a_url_again(
    tutor, tmp_path
):
    wheel = tmp_path / "spoc_xblocks-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"wheel bytes")
    wheels_dir = tutor.root / "env/build/openedx/spoc-wheels"
    tutor.save(f"SPOC_PIP_REQUIREMENT={wheel}")
    assert (wheels_dir / wheel.name).read_bytes() == b"wheel bytes"
    dockerfile = tutor.rendered(DOCKERFILE)
    assert "--mount=type=bind,source=spoc-wheels,target=/tmp/spoc-wheels" in dockerfile
    assert f"$PIP_COMMAND install '/tmp/spoc-wheels/{wheel.name}'" in dockerfile

    url = "git+https://github.com/example/spoc-xblocks.git@v0.1.0"
    tutor.save(f"SPOC_PIP_REQUIREMENT={url}")
    assert f"$PIP_COMMAND install '{url}'" in tutor.rendered(DOCKERFILE)
    assert "spoc-wheels" not in tutor.rendered(DOCKERFILE)
    assert not list(wheels_dir.glob("*.whl"))


def test_a_rebuilt_wheel_is_copied_again_and_a_deleted_one_does_not_stop_tutor(tutor, tmp_path):
    wheel = tmp_path / "spoc_xblocks-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"first build")
    copied = tutor.root / "env/build/openedx/spoc-wheels" / wheel.name
    tutor.save(f"SPOC_PIP_REQUIREMENT={wheel}")
    wheel.write_bytes(b"second build")
    tutor.save()
    assert copied.read_bytes() == b"second build"
    wheel.unlink()
    assert tutor.run("config", "printvalue", "SPOC_PIP_REQUIREMENT").stdout.strip() == str(wheel)
    tutor.save()
    assert copied.read_bytes() == b"second build"


def test_an_empty_requirement_leaves_installing_spoc_xblocks_to_the_operator(tutor):
    tutor.save("SPOC_PIP_REQUIREMENT=")
    assert "spoc-xblocks" not in tutor.rendered(DOCKERFILE)
    assert all(bucket == DEFAULTS for bucket in rendered_spoc_settings(tutor))


def test_a_missing_local_wheel_stops_config_save(tutor, tmp_path):
    missing = tmp_path / "spoc_xblocks-0.1.0-py3-none-any.whl"
    result = tutor.run("config", "save", "--set", f"SPOC_PIP_REQUIREMENT={missing}", check=False)
    assert result.returncode != 0
    assert (
        f"Error: SPOC_PIP_REQUIREMENT names the wheel {missing}, which does not exist"
        in result.stderr
    )


def tracking_backends_after(source: str) -> dict:
    """EVENT_TRACKING_BACKENDS once the plugin's statement in `source` has run on the LMS's."""
    start = source.index('EVENT_TRACKING_BACKENDS["spoc_module_time"]')
    statement = source[start : source.index("\n}", start) + 2]
    namespace = {"EVENT_TRACKING_BACKENDS": {"tracking_logs": {"ENGINE": "logger"}}}
    exec(statement, namespace)  # the plugin's own rendered settings
    return namespace["EVENT_TRACKING_BACKENDS"]


def test_the_lms_sends_its_tracking_events_to_the_time_per_module_unless_switched_off(tutor):
    engine = "spoc_xblocks.module_time.backend.ModuleTimeBackend"
    for path in SETTINGS_FILES:
        if "/lms/" in path:
            backends = tracking_backends_after(tutor.rendered(path))
            assert backends["tracking_logs"] == {"ENGINE": "logger"}, path
            assert backends["spoc_module_time"]["ENGINE"] == engine, path
        else:
            assert engine not in tutor.rendered(path), path
    tutor.save("SPOC_MODULE_TIME=false")
    assert not any(engine in tutor.rendered(path) for path in SETTINGS_FILES)


def test_disabling_the_plugin_removes_the_install_and_the_settings(tutor):
    tutor.run("plugins", "disable", "spoc")
    tutor.save()
    assert "spoc" not in tutor.rendered(DOCKERFILE)
    for path in SETTINGS_FILES:
        assert "spoc_xblocks" not in tutor.rendered(path), path
    assert not (tutor.root / "env/build/openedx/spoc-wheels").exists()
