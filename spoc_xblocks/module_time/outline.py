"""The course outline the time per module rolls up to: sections, subsections and units, and which
of them hold each block.

In the LMS it is read from the modulestore (the course's published structure, cached by the
platform); the setting SPOC_COURSE_OUTLINE names another reader (the workbench's reads the demo
course plan). Without an outline, each block the events named is its own module.

Walking the published structure loads every block of the course, and each trainer's view reads the
outline for several figures: it is kept in the process for `OUTLINE_SECONDS`, so a course team's
publish shows in the trainers' figures at most that late.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from spoc_xblocks.common.process_memo import ProcessMemo

OUTLINE_SECONDS = 60
OUTLINES = ProcessMemo(OUTLINE_SECONDS, 32)

KINDS = {"chapter": "section", "sequential": "subsection", "vertical": "unit"}


@dataclass(frozen=True)
class Module:
    key: str
    block_id: str
    kind: str  # section, subsection, unit or block
    name: str
    depth: int = 0


@dataclass
class Outline:
    modules: list[Module] = field(default_factory=list)
    parents: dict[str, list[str]] = field(default_factory=dict)  # block -> its modules' keys


def course_outline(course_key: str) -> Outline | None:
    """The course's outline, at most `OUTLINE_SECONDS` old."""
    reader = getattr(settings, "SPOC_COURSE_OUTLINE", "") or modulestore_outline
    read = import_string(reader) if isinstance(reader, str) else reader
    return OUTLINES.computed(course_key, (reader,), timezone.now(), lambda: read(course_key))


def modulestore_outline(course_key: str) -> Outline | None:
    """The outline of the course's published structure, through the platform's modulestore."""
    try:
        from opaque_keys.edx.keys import CourseKey
        from xmodule.modulestore.django import modulestore
    except ImportError:
        return None
    course = modulestore().get_course(CourseKey.from_string(course_key), depth=None)
    if course is None:
        return None
    outline = Outline()

    def walk(block, holders: list[str], depth: int):
        kind = KINDS.get(block.location.block_type)
        key = str(block.location)
        if kind:
            outline.modules.append(
                Module(key, block.location.block_id, kind, block.display_name or "", depth)
            )
            holders = [key, *holders]
        outline.parents[key] = holders
        for child in block.get_children():
            walk(child, holders, depth + 1 if kind else depth)

    for chapter in course.get_children():
        walk(chapter, [], 0)
    return outline
