"""Packaging for spoc-xblocks: Open edX XBlocks for small private online courses."""

import os
import re

from setuptools import find_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def load_requirements(path):
    """The requirement lines of a requirements/*.in file, without comments or includes."""
    with open(os.path.join(HERE, path), encoding="utf-8") as handle:
        lines = (re.sub(r"#.*", "", line).strip() for line in handle)
        return [line for line in lines if line and not line.startswith("-r")]


def package_data(package, folders):
    """Every file under the given folders of a package, as package_data patterns."""
    found = []
    for folder in folders:
        for root, _dirs, files in os.walk(os.path.join(HERE, package, folder)):
            for name in files:
                if not name.endswith((".pyc", ".po~")):
                    found.append(
                        os.path.relpath(os.path.join(root, name), os.path.join(HERE, package))
                    )
    return found


def read(path):
    with open(os.path.join(HERE, path), encoding="utf-8") as handle:
        return handle.read()


BLOCK_PACKAGES = ("serious_game", "peer_workshop", "cohort_coach", "engagement")
BLOCKS = [
    "spoc_serious_game = spoc_xblocks.serious_game.block:SeriousGameBlock",
    "spoc_peer_workshop = spoc_xblocks.peer_workshop.block:PeerWorkshopBlock",
    "spoc_cohort_coach = spoc_xblocks.cohort_coach.block:CohortCoachBlock",
    "spoc_pulse = spoc_xblocks.engagement.pulse:PulseBlock",
    "spoc_skills_check = spoc_xblocks.engagement.skills:SkillsCheckBlock",
]
DJANGO_APPS = [
    "spoc_common = spoc_xblocks.common.apps:SpocCommonConfig",
    "spoc_serious_game = spoc_xblocks.serious_game.apps:SeriousGameConfig",
    "spoc_peer_workshop = spoc_xblocks.peer_workshop.apps:PeerWorkshopConfig",
    "spoc_cohort_coach = spoc_xblocks.cohort_coach.apps:CohortCoachConfig",
    "spoc_engagement = spoc_xblocks.engagement.apps:EngagementConfig",
    "spoc_module_time = spoc_xblocks.module_time.apps:ModuleTimeConfig",
    "spoc_course_progress = spoc_xblocks.course_progress.apps:CourseProgressConfig",
]

setup(
    name="spoc-xblocks",
    version="0.1.0",
    description=(
        "Open edX XBlocks for SPOCs: serious games, peer workshops, trainer coaching and "
        "engagement widgets."
    ),
    long_description=read("README.md"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    python_requires=">=3.11",
    packages=find_packages(include=["spoc_xblocks", "spoc_xblocks.*"]),
    include_package_data=True,
    package_data={
        "spoc_xblocks": package_data(
            "spoc_xblocks",
            ["translations", "common/templates", "common/static"]
            + [
                f"{block}/{folder}"
                for block in BLOCK_PACKAGES
                for folder in ("templates", "static", "demo")
            ],
        ),
    },
    install_requires=load_requirements("requirements/base.in"),
    extras_require={
        "dev": load_requirements("requirements/dev.in"),
        "test": load_requirements("requirements/test.in"),
    },
    entry_points={
        "xblock.v1": BLOCKS,
        "lms.djangoapp": DJANGO_APPS,
        "cms.djangoapp": DJANGO_APPS,
    },
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "License :: OSI Approved :: GNU Affero General Public License v3",
    ],
)
