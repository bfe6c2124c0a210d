"""What the importable demo SPOC holds: its sections, units, short introductions and where each
block comes from.

The blocks' content is the workbench demo of each block (its `workbench_scenarios()`), read where it
is defined; this module only places the blocks in a course and adds the few lines of HTML that
introduce them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from xblock.core import XBlock

from spoc_xblocks.common.olx import parse_xml


@dataclass(frozen=True)
class DemoBlock:
    """One of our blocks, as the workbench demo scenario number `scenario` of its block type defines
    it."""

    block_type: str
    scenario: int
    display_name: str = ""  # the title this place in the course needs, when the demo's does not fit

    def source_xml(self) -> str:
        """The block's demo OLX, with the display name of this place in the course when one is
        given."""
        _title, xml = XBlock.load_class(self.block_type).workbench_scenarios()[self.scenario]
        if not self.display_name:
            return xml
        root = parse_xml(xml)
        root.set("display_name", self.display_name)
        return etree.tostring(root, encoding="unicode")


@dataclass(frozen=True)
class Unit:
    """A vertical: an HTML introduction, then the block (if any)."""

    url_name: str
    title: str
    intro_html: str
    block: DemoBlock | None = None


@dataclass(frozen=True)
class Section:
    """A chapter holding one subsection of the same title; `grading_format` names its assignment
    type if graded."""

    url_name: str
    title: str
    units: tuple[Unit, ...]
    grading_format: str = ""


@dataclass(frozen=True)
class CourseInfo:
    org: str
    number: str
    run: str
    title: str
    language: str
    start: str
    short_description: str
    overview_html: str


COURSE = CourseInfo(
    org="SPOC",
    number="Onboarding",
    run="2026",
    title="Onboarding new support staff",
    language="en",
    start="2026-01-05T08:00:00Z",
    short_description=(
        "A small private course for new support staff at Lumen Telecom: handle customer calls "
        "and complaints, practise in a serious game, write a procedure together, with a trainer "
        "who follows each of you."
    ),
    overview_html=(
        "<h2>About this course</h2>"
        "<p>New to the support team? In a few weeks you learn to handle customer calls, calm an "
        "angry customer and "
        "follow the refund procedure, with a trainer who follows each of you.</p>"
        "<h3>How it works</h3>"
        "<ol><li>Rate your skills and tell us how your first week went.</li>"
        "<li>Practise a complaint call in a serious game.</li>"
        "<li>Write a complaint procedure and review your colleagues' work.</li>"
        "<li>Check in with your trainer every week.</li>"
        "<li>Rate your skills again and see how far you have come.</li></ol>"
    ),
)

SECTIONS = (
    Section(
        "welcome",
        "Welcome to the support team",
        (
            Unit(
                "welcome_course",
                "How this course works",
                "<p>Welcome to the support team of <strong>Lumen Telecom</strong>! This course "
                "prepares you for your "
                "first customer calls.</p>"
                "<ul><li>You practise a complaint call in a serious game, as often as you "
                "like.</li>"
                "<li>You write a complaint procedure and review three colleagues' procedures.</li>"
                "<li>Your trainer follows each of you: answer the weekly check-in, and ask for a "
                "one-to-one when you "
                "need one.</li></ul>"
                "<p>Your grade comes from the serious game and the workshop.</p>",
            ),
            Unit(
                "welcome_skills",
                "Where do you start?",
                "<p>Before anything else, rate yourself on the three competencies this course "
                "builds. It takes five "
                "minutes and is not graded.</p>",
                DemoBlock("spoc_skills_check", 0),
            ),
            Unit(
                "welcome_pulse",
                "Your first week",
                "<p>At the end of your first week, tell your trainer how it is going.</p>",
                DemoBlock("spoc_pulse", 1),
            ),
        ),
    ),
    Section(
        "practice",
        "Practice: a customer complaint call",
        (
            Unit(
                "practice_call",
                "A customer complaint call",
                "<p>A customer has been charged twice and she is angry. Each choice changes the "
                "call: try, go back, play "
                "again. Your best attempt counts towards your grade.</p>",
                DemoBlock("spoc_serious_game", 0),
            ),
            Unit(
                "practice_module_check",
                "How was this module?",
                "<p>One click tells your trainer whether this module was right for you.</p>",
                DemoBlock("spoc_pulse", 3),
            ),
        ),
        grading_format="Serious game",
    ),
    Section(
        "simulation",
        "Practice: a refund in the help-desk software",
        (
            Unit(
                "simulation_refund",
                "Refund a double charge",
                "<p>Before your first shift, try the help-desk software on a replica: find the "
                "customer, open the invoice and issue the refund. Hints come when you need "
                "them; this practice is not graded.</p>",
                DemoBlock("spoc_serious_game", 3),
            ),
        ),
    ),
    Section(
        "workshop",
        "Together: a complaint procedure",
        (
            Unit(
                "workshop_procedure",
                "Write and review a complaint procedure",
                "<p>Put what you practised into words for the next newcomer. Your trainer opens "
                "the reviews once "
                "everyone has submitted.</p>",
                DemoBlock("spoc_peer_workshop", 1, display_name="Complaint procedure workshop"),
            ),
        ),
        grading_format="Peer workshop",
    ),
    Section(
        "coach",
        "Check-ins with your trainer",
        (
            Unit(
                "coach_checkins",
                "Your weekly check-in",
                "<p>Every week, tell your trainer where you are and what blocks you. Your trainer "
                "answers you "
                "personally.</p>",
                DemoBlock("spoc_cohort_coach", 0),
            ),
        ),
    ),
    Section(
        "closing",
        "Closing: how far have you come?",
        (
            Unit(
                "closing_skills",
                "Where are you now?",
                "<p>Rate yourself on the same competencies as on your first day.</p>",
                DemoBlock("spoc_skills_check", 1),
            ),
            Unit(
                "closing_pulse",
                "Your last word on the course",
                "<p>Tell us what to keep and what to change for the next newcomers.</p>",
                DemoBlock("spoc_pulse", 0, display_name="How did the course go?"),
            ),
            Unit(
                "closing_next",
                "What next",
                "<p>Well done! Keep your procedure at hand for your first calls, and keep booking "
                "one-to-ones with "
                "your trainer while you settle in.</p>",
            ),
        ),
    ),
)

GRADING_POLICY = {
    "GRADER": [
        {
            "type": "Serious game",
            "short_label": "Game",
            "min_count": 1,
            "drop_count": 0,
            "weight": 0.4,
        },
        {
            "type": "Peer workshop",
            "short_label": "Workshop",
            "min_count": 1,
            "drop_count": 0,
            "weight": 0.6,
        },
    ],
    "GRADE_CUTOFFS": {"Pass": 0.6},
}


def demo_blocks() -> list[tuple[Unit, DemoBlock]]:
    """Every unit that holds one of our blocks, with that block, in course order."""
    return [
        (unit, unit.block)
        for section in SECTIONS
        for unit in section.units
        if unit.block is not None
    ]
