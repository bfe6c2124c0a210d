"""French reaches a real LMS through the platform's own lookup (xblock_i18n.py says how it goes):
our blocks' root module, the catalogs the package ships, what Tutor's atlas pull leaves behind, and
the Tutor plugin's fix for it. On this tree's package; test_installed_wheel.py checks the wheel."""

import importlib.metadata
import shutil
import subprocess
from pathlib import Path

import pytest
from django.utils import translation
from xblock.runtime import Mixologist

from spoc_xblocks.common.i18n import javascript_catalog

from .french import check_javascript_catalog, check_python_catalog
from .xblock_i18n import (
    ATLAS_LOCALE_ROOT,
    BUNDLED_DOMAIN,
    python_locale,
    python_translator,
    root_module_name,
)

ROOT = Path(__file__).resolve().parents[2]
PATCH = ROOT / "tutor-contrib-spoc" / "tutorspoc" / "patches" / "openedx-dockerfile-pre-assets"
PACKAGE = ROOT / "spoc_xblocks"
MODULE = "spoc_xblocks"


class PlatformMixin:
    """Stands for the mixins the runtime mixes into every block class (XBLOCK_MIXINS)."""


def atlas_pull_found_nothing(repo_root: Path) -> Path:
    """What `pull_xblock_translations` leaves for a module openedx-translations does not know: atlas
    0.7.x creates the destination folder (`mkdir -p`) before it looks for anything to copy there."""
    folder = repo_root / ATLAS_LOCALE_ROOT / MODULE
    folder.mkdir(parents=True)
    return folder


def run_patch(repo_root: Path) -> None:
    """Run the Tutor plugin's pre-assets RUN instructions as Docker does (/bin/sh -c, in the
    platform's folder, which Tutor's Dockerfile sets as WORKDIR)."""
    lines = [line for line in PATCH.read_text().splitlines() if not line.startswith("#")]
    instructions = "\n".join(lines).replace("\\\n", " ").split("\n")
    commands = [line.removeprefix("RUN ") for line in instructions if line.startswith("RUN ")]
    assert commands, f"{PATCH.name} has no RUN instruction"
    for command in commands:
        subprocess.run(["/bin/sh", "-c", command], check=True, cwd=repo_root)


def test_every_block_class_names_spoc_xblocks_as_its_root_module():
    for entry in importlib.metadata.entry_points(group="xblock.v1"):
        if entry.dist.name == "spoc-xblocks":
            block_class = entry.load()
            assert root_module_name(block_class) == MODULE, entry.name
            mixed = Mixologist([PlatformMixin]).mix(block_class)
            assert root_module_name(mixed) == MODULE, entry.name


@pytest.mark.parametrize("language", ["fr", "fr-fr", "fr-ca"])
def test_without_an_atlas_folder_the_catalog_shipped_in_the_package_translates(language, tmp_path):
    assert python_locale(MODULE, tmp_path) == (BUNDLED_DOMAIN, PACKAGE / "translations")
    translator = python_translator(MODULE, language, tmp_path)
    assert translator is not None, f"no catalog for {language}: the LMS would show English"
    check_python_catalog(translator)


def test_a_language_we_do_not_ship_falls_back_on_the_platform_catalog(tmp_path):
    assert python_translator(MODULE, "de", tmp_path) is None


def test_the_empty_atlas_folder_of_a_tutor_image_hides_our_catalog(tmp_path):
    atlas_pull_found_nothing(tmp_path)
    assert python_translator(MODULE, "fr", tmp_path) is None


def test_the_tutor_plugin_removes_that_empty_folder_and_french_comes_back(tmp_path):
    folder = atlas_pull_found_nothing(tmp_path)
    run_patch(tmp_path)
    assert not folder.exists()
    check_python_catalog(python_translator(MODULE, "fr", tmp_path))


def test_the_tutor_plugin_keeps_an_atlas_folder_that_holds_a_catalog(tmp_path):
    folder = atlas_pull_found_nothing(tmp_path)
    (folder / "fr" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(
        PACKAGE / "translations/fr/LC_MESSAGES/text.mo", folder / "fr/LC_MESSAGES/django.mo"
    )
    run_patch(tmp_path)
    assert python_locale(MODULE, tmp_path) == ("django", folder)
    check_python_catalog(python_translator(MODULE, "fr", tmp_path))


def test_the_tutor_plugin_does_nothing_where_no_atlas_pull_ran(tmp_path):
    run_patch(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_french_javascript_catalog_ships_beside_the_python_one_and_the_blocks_send_it():
    catalog = PACKAGE / "translations" / "fr" / "text.js"
    check_javascript_catalog(catalog)
    with translation.override("fr"):
        assert javascript_catalog() == catalog.read_text(encoding="utf-8")
