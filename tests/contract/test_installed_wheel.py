"""The contracts of test_plugin_discovery.py and test_i18n_lookup.py on the built wheel, installed
in a fresh venv beside edx-django-utils (both at this project's pins, as an operator's image would
hold them), away from the source tree."""

import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.test_wheel import wheel  # noqa: F401 - the fixture that builds the wheel

from .discovery import PROJECT_TYPES, check_plugin_discovery, check_xblock_root_modules, run_probe
from .french import check_javascript_catalog, check_python_catalog
from .xblock_i18n import python_locale, python_translator

ROOT = Path(__file__).resolve().parents[2]
PINS = [ROOT / "requirements" / "dev.txt", ROOT / "requirements" / "test.txt"]

pytestmark = pytest.mark.slow


def constraints(path: Path) -> Path:
    """Our pins as one constraints file (pip would install what a nested `-r` names)."""
    lines = [
        line
        for pins in PINS
        for line in pins.read_text().splitlines()
        if line.strip() and not line.startswith(("#", "-"))
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def wheel_python(wheel, tmp_path_factory):  # noqa: F811 - pytest passes the imported fixture
    folder = tmp_path_factory.mktemp("wheel-venv")
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "-c",
            str(constraints(folder / "pins.txt")),
            str(wheel),
            "edx-django-utils",
        ],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stderr
    return python


@pytest.fixture(scope="module")
def probes(wheel_python, tmp_path_factory):
    cwd = tmp_path_factory.mktemp("probe")
    return {
        project_type: run_probe(wheel_python, project_type, cwd) for project_type in PROJECT_TYPES
    }


@pytest.mark.parametrize("project_type", PROJECT_TYPES)
def test_the_platform_discovers_loads_and_migrates_every_app_of_the_wheel(probes, project_type):
    check_plugin_discovery(probes[project_type])


def test_french_translates_through_the_platform_lookup_on_the_installed_files(probes, tmp_path):
    (package_root,) = check_xblock_root_modules(probes["lms.djangoapp"])
    package = Path(package_root)
    assert "site-packages" in package.parts and ROOT not in package.parents, package
    assert python_locale("spoc_xblocks", tmp_path, package) == ("text", package / "translations")
    check_python_catalog(python_translator("spoc_xblocks", "fr", tmp_path, package))
    check_javascript_catalog(package / "translations" / "fr" / "text.js")
