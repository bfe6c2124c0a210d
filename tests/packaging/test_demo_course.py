"""The importable demo course: Studio's OLX layout and policy, every block read back by its own OLX
parsing."""

from __future__ import annotations

import json
import tarfile

import pytest
from lxml import etree
from xblock.core import XBlock
from xblock.fields import Scope

from spoc_xblocks.common.sanitize import sanitize_html
from spoc_xblocks.dev import demo_course
from spoc_xblocks.dev.demo_course_plan import COURSE, GRADING_POLICY, SECTIONS, demo_blocks

OUR_BLOCK_TYPES = {
    "spoc_serious_game",
    "spoc_peer_workshop",
    "spoc_cohort_coach",
    "spoc_pulse",
    "spoc_skills_check",
}
SCORED_BLOCK_TYPES = {"spoc_serious_game", "spoc_peer_workshop"}
CONTAINERS = {"course": "chapter", "chapter": "sequential", "sequential": "vertical"}
ROOT = demo_course.ARCHIVE_ROOT


class Archive:
    def __init__(self, path):
        self.path = path
        self.bytes = path.read_bytes()
        with tarfile.open(path) as tar:
            self.members = tar.getmembers()
            self.files = {
                member.name[len(ROOT) + 1 :]: tar.extractfile(member).read()
                for member in self.members
                if member.isfile()
            }

    def xml(self, name: str):
        return etree.fromstring(self.files[name])

    def verticals(self):
        return [self.xml(name) for name in sorted(self.files) if name.startswith("vertical/")]

    def our_blocks(self):
        """Our block elements in course order, as Studio would read them inside their verticals."""
        return [
            child
            for unit in units()
            for child in self.xml(f"vertical/{unit.url_name}.xml")
            if child.tag != "html"
        ]


def units():
    return [unit for section in SECTIONS for unit in section.units]


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return Archive(
        demo_course.build(tmp_path_factory.mktemp("demo-course") / "spoc-demo-course.tar.gz")
    )


def fields_of(block) -> dict:
    """Every authored field of a block (content and settings scopes) with its value and whether it
    was set."""
    return {
        name: (field.read_from(block), field.is_set_on(block))
        for name, field in block.fields.items()
        if field.scope in (Scope.content, Scope.settings)
    }


def test_the_archive_is_the_same_bytes_every_time_under_one_folder_with_fixed_times(
    archive, tmp_path
):
    again = demo_course.build(tmp_path / "nested" / "again.tar.gz")
    assert again.read_bytes() == archive.bytes
    assert {member.name.split("/")[0] for member in archive.members} == {ROOT}
    assert {(member.mtime, member.uid, member.gid, member.uname) for member in archive.members} == {
        (demo_course.FIXED_MTIME, 0, 0, "")
    }
    assert any(member.name == f"{ROOT}/static" and member.isdir() for member in archive.members)


def test_course_xml_points_to_the_course_file_and_the_course_lists_every_section_in_order(archive):
    root = archive.xml("course.xml")
    assert (root.tag, dict(root.attrib)) == (
        "course",
        {"url_name": COURSE.run, "org": COURSE.org, "course": COURSE.number},
    )
    course = archive.xml(f"course/{COURSE.run}.xml")
    assert [(child.tag, child.get("url_name")) for child in course] == [
        ("chapter", section.url_name) for section in SECTIONS
    ]
    titles = [
        archive.xml(f"chapter/{section.url_name}.xml").get("display_name") for section in SECTIONS
    ]
    assert titles == [
        "Welcome to the support team",
        "Practice: a customer complaint call",
        "Practice: a refund in the help-desk software",
        "Together: a complaint procedure",
        "Check-ins with your trainer",
        "Closing: how far have you come?",
    ]


def test_every_url_name_points_to_a_file_and_every_file_is_reached_from_course_xml(archive):
    reached = {
        "course.xml",
        f"policies/{COURSE.run}/policy.json",
        f"policies/{COURSE.run}/grading_policy.json",
        "policies/assets.json",
        "about/overview.html",
        "about/short_description.html",
    }
    pointers = [("course", COURSE.run)]
    inline_blocks = 0
    while pointers:
        tag, url_name = pointers.pop()
        name = f"{tag}/{url_name}.xml"
        assert name in archive.files, f"<{tag} url_name='{url_name}'/> points to no file"
        reached.add(name)
        element = archive.xml(name)
        assert element.tag == tag and element.get("url_name") is None
        if tag == "html":
            assert element.get("filename") == url_name
            reached.add(f"html/{url_name}.html")
            continue
        for child in element:
            assert child.get("url_name"), f"a <{child.tag}> in {name} has no url_name"
            if child.tag in OUR_BLOCK_TYPES:
                assert (
                    tag == "vertical"
                    and child.get("xblock-family") == "xblock.v1"
                    and len(child.attrib) > 2
                )
                inline_blocks += 1
            else:
                assert list(child.attrib) == ["url_name"], (
                    f"<{child.tag}> in {name} is not a pointer"
                )
                assert child.tag in (CONTAINERS.get(tag), "html")
                pointers.append((child.tag, child.get("url_name")))
    assert set(archive.files) == reached
    assert inline_blocks == len(demo_blocks()) == 9


def test_the_policy_names_the_course_and_lists_exactly_the_block_types_it_uses(archive):
    policy = json.loads(archive.files[f"policies/{COURSE.run}/policy.json"])
    assert list(policy) == [f"course/{COURSE.run}"]
    course = policy[f"course/{COURSE.run}"]
    used = {child.tag for vertical in archive.verticals() for child in vertical} - {"html"}
    assert course["advanced_modules"] == sorted(used) == sorted(OUR_BLOCK_TYPES)
    assert (course["display_name"], course["language"], course["start"]) == (
        "Onboarding new support staff",
        "en",
        COURSE.start,
    )
    assert json.loads(archive.files["policies/assets.json"]) == {}


def test_graded_subsections_hold_the_scored_blocks_and_match_the_grading_policy(archive):
    grading = json.loads(archive.files[f"policies/{COURSE.run}/grading_policy.json"])
    assert grading == GRADING_POLICY
    assert sum(grader["weight"] for grader in grading["GRADER"]) == pytest.approx(1)
    formats = {}
    for section in SECTIONS:
        sequential = archive.xml(f"sequential/{section.url_name}.xml")
        # An ungraded serious game (the simulation practice) scores nothing.
        tags = {
            child.tag
            for vertical in sequential
            for child in archive.xml(f"vertical/{vertical.get('url_name')}.xml")
            if child.get("grading_mode") != "ungraded"
        }
        if sequential.get("graded") == "true":
            formats[sequential.get("format")] = tags & SCORED_BLOCK_TYPES
        else:
            assert not tags & SCORED_BLOCK_TYPES, section.url_name
    assert formats == {
        "Serious game": {"spoc_serious_game"},
        "Peer workshop": {"spoc_peer_workshop"},
    }
    assert set(formats) == {grader["type"] for grader in grading["GRADER"]}


def test_every_block_reads_back_through_its_own_olx_parsing_with_every_field_of_its_demo(
    archive, olx_block
):
    elements = archive.our_blocks()
    placed = demo_blocks()
    assert [(element.tag, element.get("url_name")) for element in elements] == [
        (demo.block_type, unit.url_name) for unit, demo in placed
    ]
    for element, (unit, demo) in zip(elements, placed):
        imported = olx_block(etree.tostring(element))
        source = olx_block(demo.source_xml())
        assert type(imported).__name__ == type(source).__name__
        assert fields_of(imported) == fields_of(source), unit.url_name
        assert imported.display_name == (demo.display_name or source.display_name)
        # The course changes nothing of the demo but, where the plan says so, the display name.
        _title, demo_xml = XBlock.load_class(demo.block_type).workbench_scenarios()[demo.scenario]
        original = fields_of(olx_block(demo_xml))
        assert {
            name: value for name, value in fields_of(imported).items() if name != "display_name"
        } == {name: value for name, value in original.items() if name != "display_name"}


def test_the_blocks_keep_the_demo_content_they_are_built_from(archive, olx_block):
    from spoc_xblocks.peer_workshop.demo import DEFAULT_PROMPT
    from spoc_xblocks.serious_game.authoring import canonical_scenario_xml
    from spoc_xblocks.serious_game.demo import demo_scenario_xml

    blocks = {
        element.get("url_name"): olx_block(etree.tostring(element))
        for element in archive.our_blocks()
    }
    assert blocks["practice_call"].scenario_xml == canonical_scenario_xml(demo_scenario_xml("en"))
    assert blocks["workshop_procedure"].prompt == DEFAULT_PROMPT
    assert [
        criterion.get("name")
        for criterion in etree.fromstring(blocks["workshop_procedure"].rubric_xml).iter("criterion")
    ] == ["clarity", "tone", "escalation"]
    before, after = blocks["welcome_skills"], blocks["closing_skills"]
    assert (before.check_id, before.phase) == ("customer-calls", "before")
    assert (after.check_id, after.phase) == ("customer-calls", "after")
    welcome, closing = blocks["welcome_pulse"], blocks["closing_pulse"]
    assert welcome.pulse_definition == closing.pulse_definition
    assert (welcome.anonymous, welcome.learner_results) == (False, False)
    assert (closing.anonymous, closing.learner_results) == (True, True)


def test_html_components_and_about_pages_are_sanitised_and_not_empty(archive):
    pages = [name for name in archive.files if name.endswith(".html")]
    assert len(pages) == len(units()) + 2
    for name in pages:
        text = archive.files[name].decode("utf-8").strip()
        assert text and sanitize_html(text) == text, name
    assert "<script" not in b"".join(archive.files[name] for name in pages).decode()


def test_the_command_writes_the_same_archive_and_explains_its_arguments(archive, tmp_path, capsys):
    destination = tmp_path / "dist" / "spoc-demo-course.tar.gz"
    assert demo_course.main([str(destination)]) == 0
    assert destination.read_bytes() == archive.bytes
    assert "spoc_serious_game" in capsys.readouterr().out
    assert demo_course.main([]) == 2
    assert "usage:" in capsys.readouterr().err
