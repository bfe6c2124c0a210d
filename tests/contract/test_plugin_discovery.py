"""The LMS and Studio find our Django apps through the real edx-django-utils (in .venv from
requirements/test.txt, at openedx-platform's pin): get_plugin_apps, add_plugins for every settings
type, the URL, signal and view-context plugins, then migrate with the system checks. The same probe
runs on the built wheel in test_installed_wheel.py."""

import importlib.metadata
import sys

import pytest

from .discovery import OUR_APPS, PROJECT_TYPES, check_plugin_discovery, run_probe


@pytest.mark.parametrize("project_type", PROJECT_TYPES)
def test_the_platform_discovers_loads_and_migrates_every_app(project_type, tmp_path):
    check_plugin_discovery(run_probe(sys.executable, project_type, tmp_path))


@pytest.mark.parametrize("project_type", PROJECT_TYPES)
def test_the_entry_points_name_each_app_by_its_label(project_type):
    ours = {
        entry.name: entry.value
        for entry in importlib.metadata.entry_points(group=project_type)
        if entry.dist.name == "spoc-xblocks"
    }
    assert {name: value.replace(":", ".") for name, value in ours.items()} == {
        label: dotted for dotted, label in OUR_APPS.items()
    }
