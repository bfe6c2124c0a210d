"""The course outline the time rolls up to, read from the platform's modulestore: each block
counts in its unit, subsection and section; read again at most once a minute."""

from __future__ import annotations

import sys
import types
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from opaque_keys.edx.keys import CourseKey

from spoc_xblocks.module_time import outline as outlines
from spoc_xblocks.module_time.outline import Outline, modulestore_outline

COURSE = "course-v1:SPOC+Onboarding+2026"


@dataclass
class Item:
    """A block as the modulestore hands it: its location, title and children."""

    block_type: str
    block_id: str
    display_name: str = ""
    children: list = field(default_factory=list)

    @property
    def location(self):
        return CourseKey.from_string(COURSE).make_usage_key(self.block_type, self.block_id)

    def get_children(self):
        return self.children


def install_modulestore(monkeypatch, course):
    """The platform's xmodule.modulestore.django.modulestore(), answering for one course."""

    class Store:
        def get_course(self, course_key, depth=0):
            assert depth is None  # the whole tree in one read
            return course if str(course_key) == COURSE else None

    module = types.ModuleType("xmodule.modulestore.django")
    module.modulestore = Store
    for name in ("xmodule", "xmodule.modulestore"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "xmodule.modulestore.django", module)


def test_each_block_counts_in_its_unit_subsection_and_section(monkeypatch):
    video = Item("video", "intro_video")
    unit = Item("vertical", "u1", "First unit", [video, Item("problem", "quiz")])
    sequence = Item("sequential", "s1", "Week 1", [unit])
    chapter = Item("chapter", "c1", "Welcome", [sequence])
    install_modulestore(monkeypatch, Item("course", "course", "Course", [chapter]))
    outline = modulestore_outline(COURSE)
    assert [(module.kind, module.name, module.depth) for module in outline.modules] == [
        ("section", "Welcome", 0),
        ("subsection", "Week 1", 1),
        ("unit", "First unit", 2),
    ]
    assert outline.parents[str(video.location)] == [
        str(unit.location),
        str(sequence.location),
        str(chapter.location),
    ]
    assert [module.block_id for module in outline.modules] == ["c1", "s1", "u1"]


def test_without_the_modulestore_or_the_course_there_is_no_outline(monkeypatch):
    assert modulestore_outline(COURSE) is None  # outside the platform
    install_modulestore(monkeypatch, None)
    assert modulestore_outline(COURSE) is None


def test_the_outline_is_read_again_a_minute_later_or_from_another_reader(settings, monkeypatch):
    read = []
    settings.SPOC_COURSE_OUTLINE = lambda course_key: read.append(course_key) or Outline()
    moment = timezone.now()
    monkeypatch.setattr(outlines.timezone, "now", lambda: moment)
    first = outlines.course_outline(COURSE)
    assert outlines.course_outline(COURSE) is first and read == [COURSE]
    outlines.course_outline("course-v1:other+course+run")
    assert len(read) == 2
    moment += timedelta(seconds=outlines.OUTLINE_SECONDS)
    assert outlines.course_outline(COURSE) is not first and len(read) == 3
    settings.SPOC_COURSE_OUTLINE = lambda course_key: None
    assert outlines.course_outline(COURSE) is None
