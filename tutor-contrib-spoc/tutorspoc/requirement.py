"""Where the Open edX image gets spoc-xblocks: a pip requirement, or a wheel file on the operator's
machine.

SPOC_PIP_REQUIREMENT is anything pip installs ("spoc-xblocks==0.1.0", "git+https://...@v0.1.0",
the https address of a wheel) or the absolute path of a local .whl file. A local wheel is outside
Docker's build context, so `tutor config save` copies it into env/build/openedx/spoc-wheels/, which
the image build bind-mounts at IMAGE_WHEELS_DIR.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

PACKAGE = "spoc-xblocks"
WHEELS_DIR = "spoc-wheels"
# A bind mount that exists only during one RUN of the build.
IMAGE_WHEELS_DIR = "/tmp/spoc-wheels"  # noqa: S108
UNSAFE_CHARACTERS = set("'\"\\\n\r`$")


def default_requirement(version: str) -> str:
    return f"{PACKAGE}=={version}"


def is_local_wheel(requirement: str) -> bool:
    return (
        isinstance(requirement, str) and requirement.endswith(".whl") and "://" not in requirement
    )


def pip_install_argument(requirement: object) -> str:
    """What `pip install '...'` receives in the Dockerfile; ValueError with a sentence when it
    cannot be used."""
    if not isinstance(requirement, str) or not requirement.strip():
        raise ValueError(
            "SPOC_PIP_REQUIREMENT must be a pip requirement such as "
            f"{default_requirement('0.1.0')}, not {requirement!r}."
        )
    if UNSAFE_CHARACTERS & set(requirement):
        raise ValueError(
            "SPOC_PIP_REQUIREMENT cannot contain quotes, backslashes, '$', '`' or "
            f"line breaks: {requirement!r}."
        )
    if is_local_wheel(requirement):
        return f"{IMAGE_WHEELS_DIR}/{_local_wheel_path(requirement).name}"
    return requirement.strip()


def sync_wheels_dir(requirement: object, openedx_build_context: Path) -> Path | None:
    """Leave in the image's build context only the local wheel SPOC_PIP_REQUIREMENT names, if it
    names one; copied again only when it changed.

    A copy already there is kept when its source is gone (the image still builds from it): under
    Tutor 21 this runs at every command that loads the configuration, not only at `config save`.
    """
    target_dir = openedx_build_context / WHEELS_DIR
    wanted = _local_wheel_path(requirement).name if is_local_wheel(requirement) else None
    for stale in target_dir.glob("*.whl"):
        if stale.name != wanted:
            stale.unlink()
    if wanted is None:
        return None
    source = _local_wheel_path(requirement)
    target = target_dir / wanted
    if not source.is_file():
        if target.is_file():
            return target
        raise ValueError(
            f"SPOC_PIP_REQUIREMENT names the wheel {source}, which does not exist on this machine."
        )
    if target.is_file() and filecmp.cmp(source, target):
        return target
    target_dir.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(source, target))


def _local_wheel_path(requirement: str) -> Path:
    path = Path(requirement).expanduser()
    if not path.is_absolute():
        raise ValueError(
            f"SPOC_PIP_REQUIREMENT: give the wheel's absolute path, not {requirement!r}."
        )
    return path
