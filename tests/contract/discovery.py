"""Running platform_probe.py in a Python environment, and what the LMS and Studio must find."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

PROBE = Path(__file__).resolve().parent / "platform_probe.py"
PROJECT_TYPES = ("lms.djangoapp", "cms.djangoapp")
# Our Django apps: dotted AppConfig path (what get_plugin_apps adds to INSTALLED_APPS) and label
# (the prefix of every table, so it can never change).
OUR_APPS = {
    "spoc_xblocks.common.apps.SpocCommonConfig": "spoc_common",
    "spoc_xblocks.serious_game.apps.SeriousGameConfig": "spoc_serious_game",
    "spoc_xblocks.peer_workshop.apps.PeerWorkshopConfig": "spoc_peer_workshop",
    "spoc_xblocks.cohort_coach.apps.CohortCoachConfig": "spoc_cohort_coach",
    "spoc_xblocks.engagement.apps.EngagementConfig": "spoc_engagement",
    "spoc_xblocks.module_time.apps.ModuleTimeConfig": "spoc_module_time",
    "spoc_xblocks.course_progress.apps.CourseProgressConfig": "spoc_course_progress",
}
OUR_BLOCKS = {
    "spoc_serious_game",
    "spoc_peer_workshop",
    "spoc_cohort_coach",
    "spoc_pulse",
    "spoc_skills_check",
}


def run_probe(python: Path | str, project_type: str, cwd: Path) -> dict:
    """What platform_probe.py finds when `python` runs it (from `cwd`, away from the tree)."""
    result = subprocess.run(
        [str(python), str(PROBE), project_type], capture_output=True, text=True, cwd=cwd
    )
    assert result.returncode == 0, f"the probe failed for {project_type}:\n{result.stderr}"
    return json.loads(result.stdout)


def check_plugin_discovery(found: dict) -> None:
    """Every app is discovered, loads with its label and migrates; plugin_app adds no settings,
    URLs or view context."""
    assert set(OUR_APPS) <= set(found["plugin_apps"]), found["plugin_apps"]
    for dotted, label in OUR_APPS.items():
        module_path, class_name = dotted.rsplit(".apps.", 1)[0], dotted.rsplit(".", 1)[1]
        assert found["app_configs"][module_path] == {"label": label, "class": class_name}, dotted
        assert label in found["migrated"], label
    assert found["settings_added"] == []
    assert [url for url in found["url_patterns"] if url[0].startswith("spoc_xblocks")] == []
    assert found["view_context"] == {"plugins": {}}


def check_xblock_root_modules(found: dict) -> set[str]:
    """Every block's i18n root module is spoc_xblocks (read through the mixed class, as the runtime
    hands it to the service); returns the package folders where that module was found."""
    blocks = found["xblocks"]
    assert set(blocks) == OUR_BLOCKS
    assert {block["root_module"] for block in blocks.values()} == {"spoc_xblocks"}
    return {block["package_root"] for block in blocks.values()}
