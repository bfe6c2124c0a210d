"""A course of the platform's shape for the whole course progress: an outline of two sections,
learners with real users, completions in edx-completion's own table and scores as the LMS's grade
signal carries them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spoc_xblocks.module_time.outline import Module, Outline
from tests.platform import completion

COURSE = "course-v1:SPOC+Onboarding+2026"
NOW = datetime(2026, 3, 20, 9, 0, tzinfo=UTC)


def key(block_type: str, block_id: str) -> str:
    return f"block-v1:SPOC+Onboarding+2026+type@{block_type}+block@{block_id}"


SECTION_1, SECTION_2 = key("chapter", "basics"), key("chapter", "refunds")
SUB_1, SUB_2 = key("sequential", "basics_seq"), key("sequential", "refunds_seq")
UNIT_1, UNIT_2, UNIT_3 = (
    key("vertical", "intro"),
    key("vertical", "calls"),
    key("vertical", "rules"),
)
INTRO, VIDEO, QUIZ = key("html", "intro_text"), key("video", "calls_video"), key("problem", "quiz")
RULES_TEXT, RULES_QUIZ = key("html", "rules_text"), key("problem", "rules_quiz")


def outline(course_key: str) -> Outline:
    """Module 1 "Basics" (units "Welcome", "Calls"), module 2 "Refunds" (unit "Refund rules")."""
    found = Outline(
        modules=[
            Module(SECTION_1, "basics", "section", "Basics"),
            Module(SUB_1, "basics_seq", "subsection", "Basics quiz", 1),
            Module(UNIT_1, "intro", "unit", "Welcome", 2),
            Module(UNIT_2, "calls", "unit", "Calls", 2),
            Module(SECTION_2, "refunds", "section", "Refunds"),
            Module(SUB_2, "refunds_seq", "subsection", "Refunds assignment", 1),
            Module(UNIT_3, "rules", "unit", "Refund rules", 2),
        ]
    )
    for block, unit, sub, section in (
        (INTRO, UNIT_1, SUB_1, SECTION_1),
        (VIDEO, UNIT_2, SUB_1, SECTION_1),
        (QUIZ, UNIT_2, SUB_1, SECTION_1),
        (RULES_TEXT, UNIT_3, SUB_2, SECTION_2),
        (RULES_QUIZ, UNIT_3, SUB_2, SECTION_2),
    ):
        found.parents[block] = [unit, sub, section]
    return found


@pytest.fixture
def course(settings, db):
    settings.SPOC_COURSE_OUTLINE = "tests.course_progress.conftest.outline"
    return COURSE


@pytest.fixture
def learner(course):
    """learner(name) -> (platform user id, anonymous id) of a new course member."""
    from django.contrib.auth import get_user_model

    from spoc_xblocks.common.members import record_members

    def make(name: str) -> tuple[str, str]:
        user = get_user_model().objects.create(username=name)
        record_members(course, [(str(user.id), f"anon-{name}", False)])
        return str(user.id), f"anon-{name}"

    return make


def complete(user_key: str, *blocks: str, at: datetime = NOW) -> None:
    """The LMS marks `blocks` complete for the learner, as it records a block's completion event,
    at `at`."""
    from completion.models import BlockCompletion
    from opaque_keys.edx.keys import UsageKey

    for block in blocks:
        completion.submit(int(user_key), UsageKey.from_string(block), 1.0)
    BlockCompletion.objects.filter(user_id=int(user_key), block_key__in=blocks).update(modified=at)
