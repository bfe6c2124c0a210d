"""`make run` starts without warnings: its commands (migrate, seed_demo, runserver) each load the
development settings and apps, as `manage.py check` does."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.workbench_only

ROOT = Path(__file__).resolve().parents[2]


def test_the_development_site_starts_without_warnings(tmp_path):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "spoc_xblocks.dev.settings",
        "SPOC_VAR_DIR": str(tmp_path),
    }
    started = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert started.returncode == 0, started.stderr
    assert "Warning" not in started.stderr, started.stderr
