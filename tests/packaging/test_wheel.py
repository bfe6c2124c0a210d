"""The wheel an operator installs: built from this tree, installed in a fresh virtual environment,
complete."""

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECK_SCRIPT = textwrap.dedent("""
    import importlib.metadata as metadata
    import django
    from django.conf import settings

    settings.configure(
        INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "submissions"]
        + [
            entry.value.rsplit(".apps:", 1)[0]
            for entry in metadata.entry_points(group="lms.djangoapp")
            if entry.dist.name == "spoc-xblocks"
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
    )
    django.setup()
    loaded = []
    for group in ("xblock.v1", "lms.djangoapp", "cms.djangoapp"):
        for entry in metadata.entry_points(group=group):
            if entry.dist.name == "spoc-xblocks":
                entry.load()
                loaded.append(f"{group}:{entry.name}")
    print("\\n".join(loaded))
""")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    return next(out.glob("spoc_xblocks-*.whl"))


@pytest.mark.slow
def test_the_wheel_ships_templates_static_migrations_and_catalogs(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "spoc_xblocks/serious_game/templates/student.html",
        "spoc_xblocks/serious_game/static/js/serious_game.js",
        "spoc_xblocks/serious_game/static/js/simulation_editor.js",
        "spoc_xblocks/serious_game/static/css/serious_game.css",
        "spoc_xblocks/serious_game/migrations/0001_initial.py",
        "spoc_xblocks/common/migrations/0001_initial.py",
        "spoc_xblocks/common/static/js/spoc.js",
        "spoc_xblocks/serious_game/demo/complaint_call.fr.xml",
        "spoc_xblocks/translations/fr/LC_MESSAGES/text.mo",
        "spoc_xblocks/translations/fr/text.js",
        "spoc_xblocks/translations/fr/studio.js",
        "spoc_xblocks/serious_game/static/screens/helpdesk-home-en.svg",
    ):
        assert expected in names, expected


@pytest.mark.slow
def test_the_wheel_installs_in_a_fresh_venv_and_every_entry_point_resolves(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [str(python), "-c", CHECK_SCRIPT], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    loaded = set(result.stdout.split())
    assert {
        "xblock.v1:spoc_serious_game",
        "xblock.v1:spoc_pulse",
        "xblock.v1:spoc_skills_check",
        "xblock.v1:spoc_cohort_coach",
        "xblock.v1:spoc_peer_workshop",
    } <= loaded
    assert {"lms.djangoapp:spoc_common", "cms.djangoapp:spoc_serious_game"} <= loaded
