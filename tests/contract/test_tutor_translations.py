"""The real Tutor (requirements/tutor.txt) renders the plugin's fix for the empty atlas folder into
the openedx image after the translation pull and compile steps, in the stage the LMS and Studio run
from (test_i18n_lookup.py runs the fix itself)."""

import pytest

from tests.packaging.test_tutor_plugin import (  # noqa: F401 - fixtures
    DOCKERFILE,
    enabled_root,
    tutor,
    tutor_command,
    tutor_major,
)

from .test_i18n_lookup import PATCH

pytestmark = pytest.mark.slow


def test_the_fix_runs_after_the_translation_steps_in_the_production_stage(tutor):  # noqa: F811
    lines = tutor.rendered(DOCKERFILE).splitlines()
    ours = next(line for line in PATCH.read_text().splitlines() if line.startswith("RUN "))
    assert lines.count(ours) == 1
    position = lines.index(ours)
    stages = [index for index, line in enumerate(lines) if line.startswith("FROM ")]
    stage = lines[max(index for index in stages if index < position)]
    assert stage.endswith(" AS production"), stage
    for step in (
        "pull_xblock_translations",
        "lms --settings=tutor.i18n compile_xblock_translations",
        "cms --settings=tutor.i18n compile_xblock_translations",
    ):
        assert any(step in line for line in lines[:position]), step
