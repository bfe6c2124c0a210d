"""The workbench's course outline for the time per module and the whole course progress: the demo
course plan's sections (each with its one subsection) and units, holding the workbench scenarios
of our blocks and each unit's HTML introduction."""

from __future__ import annotations

from spoc_xblocks.module_time.outline import Module, Outline

from .demo_course_plan import SECTIONS


def intro_key(course_key: str, unit) -> str:
    """The usage key of a unit's HTML introduction in the importable demo course (demo_course.py
    names it `<unit>_intro`); the workbench does not show it, the course progress counts it."""
    course = course_key.split(":", 1)[1]
    return f"block-v1:{course}+type@html+block@{unit.url_name}_intro"


def demo_outline(course_key: str) -> Outline:
    from workbench.scenarios import get_scenarios

    scenarios = get_scenarios()
    outline = Outline()
    for section in SECTIONS:
        outline.modules.append(Module(section.url_name, section.url_name, "section", section.title))
        for unit in section.units:
            outline.modules.append(Module(unit.url_name, unit.url_name, "unit", unit.title, 1))
            scenario = unit.block and scenarios.get(
                f"{unit.block.block_type}.{unit.block.scenario}"
            )
            if scenario is not None:
                outline.parents[scenario.usage_id] = [unit.url_name, section.url_name]
            outline.parents[intro_key(course_key, unit)] = [unit.url_name, section.url_name]
    return outline
