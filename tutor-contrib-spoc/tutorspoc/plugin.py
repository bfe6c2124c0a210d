"""Tutor plugin "spoc": installs spoc-xblocks in the Open edX image and renders its XBLOCK_SETTINGS
for LMS and CMS.

It works under Tutor 21 (Open edX Ulmo) and Tutor 22 (Verawood): every hook, filter and patch it
uses exists in both, except the ENV_SAVED action, which Tutor 22 added; under Tutor 21 the local
wheel is copied when the full configuration is loaded instead (_copy_local_wheel_on_config_loaded).
"""

from __future__ import annotations

import functools
import shutil
from pathlib import Path

import click
from tutor import env as tutor_env
from tutor import hooks
from tutor.commands.context import Context as TutorContext
from tutor.exceptions import TutorError

from . import __version__
from .requirement import (
    WHEELS_DIR,
    default_requirement,
    is_local_wheel,
    pip_install_argument,
    sync_wheels_dir,
)
from .xblock_settings import config_defaults, python_literal

PLUGIN_NAME = "spoc"
HERE = Path(__file__).resolve().parent
PATCHES_DIR = HERE / "patches"


def _as_tutor_error(function):
    """Tutor prints a TutorError as one line, so a wrong setting reads as our sentence, not a
    traceback."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except ValueError as error:
            raise TutorError(str(error)) from error

    return wrapper


hooks.Filters.CONFIG_DEFAULTS.add_items(
    [
        ("SPOC_PIP_REQUIREMENT", default_requirement(__version__)),
        # The time per module: our backend in the LMS's EVENT_TRACKING_BACKENDS.
        ("SPOC_MODULE_TIME", True),
        *config_defaults(),
    ]
)

hooks.Filters.ENV_PATCHES.add_items(
    [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(PATCHES_DIR.iterdir())
        if path.is_file()
    ]
)

hooks.Filters.ENV_TEMPLATE_FILTERS.add_items(
    [
        ("spoc_python_literal", _as_tutor_error(python_literal)),
        ("spoc_pip_install_argument", _as_tutor_error(pip_install_argument)),
        ("spoc_is_local_wheel", is_local_wheel),
    ]
)

hooks.Filters.ENV_TEMPLATE_ROOTS.add_item(str(HERE / "templates"))
hooks.Filters.ENV_TEMPLATE_TARGETS.add_item((WHEELS_DIR, "build/openedx"))


def _sync_local_wheel(env_root: str, config: dict) -> None:
    build_context = Path(env_root) / "build" / "openedx"
    _as_tutor_error(sync_wheels_dir)(config.get("SPOC_PIP_REQUIREMENT"), build_context)


if hasattr(hooks.Actions, "ENV_SAVED"):
    # Tutor 22: after every save of the environment (config save, launch, upgrade).
    hooks.Actions.ENV_SAVED.add()(_sync_local_wheel)
else:

    @hooks.Actions.CONFIG_LOADED.add()
    def _copy_local_wheel_on_config_loaded(config: dict) -> None:
        """Tutor 21 has no ENV_SAVED. Every command that saves the environment loads the full
        configuration just before (as do most others, which then copy nothing new), and the
        project root is the command line's."""
        context = click.get_current_context(silent=True)
        tutor_context = context.find_object(TutorContext) if context else None
        if tutor_context is not None:
            _sync_local_wheel(tutor_env.pathjoin(tutor_context.root), config)


@hooks.Actions.PLUGIN_UNLOADED.add(priority=hooks.priorities.HIGH - 1)
def _remove_wheels_dir(plugin: str, root: str, _config: dict) -> None:
    """Tutor (21 and 22) forgets a plugin's hooks before deleting its env folders, so the plugin
    removes its own first."""
    if plugin == PLUGIN_NAME:
        shutil.rmtree(tutor_env.pathjoin(root, "build", "openedx", WHEELS_DIR), ignore_errors=True)
