"""The demo SPOC as an OLX course archive (.tar.gz) that a course team imports in Studio (Tools >
Import).

The archive has Studio's own export layout under one `course/` folder: `course.xml` points to
`course/<run>.xml`, which lists the chapters; every chapter, sequential, vertical and HTML component
has its own file (`<tag>/<url_name>.xml`, the HTML in `html/<url_name>.html`);
`policies/<run>/policy.json` lists our block types in `advanced_modules`. Our blocks are pure
XBlocks: Studio exports them inline in their vertical, and its importer reads them from there (it
resolves `<tag url_name=.../>` pointer files only for its own XmlMixin blocks), so each is written
inline, by its own `add_xml_to_node`, from its parsed demo OLX.

Same content, same bytes: entries are sorted, with a fixed time, owner and mode, and gzip carries no
name or time.

    python -m spoc_xblocks.dev.demo_course dist/spoc-demo-course.tar.gz
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import tarfile
from pathlib import Path, PurePosixPath

from lxml import etree
from xblock.runtime import DictKeyValueStore, KvsFieldData, MemoryIdManager, Runtime

from spoc_xblocks.common.sanitize import sanitize_html

from .demo_course_plan import (
    COURSE,
    GRADING_POLICY,
    SECTIONS,
    DemoBlock,
    Section,
    Unit,
    demo_blocks,
)

ARCHIVE_ROOT = "course"
FIXED_MTIME = 1767225600  # 2026-01-01T00:00:00Z


class MemoryRuntime(Runtime):
    """An XBlock runtime that keeps fields in memory: enough to parse and export OLX, with no
    database."""

    def __init__(self):
        ids = MemoryIdManager()
        super().__init__(ids, ids, services={"field-data": KvsFieldData(DictKeyValueStore())})

    def handler_url(self, block, handler_name, suffix="", query="", thirdparty=False):
        raise NotImplementedError("the OLX runtime serves no handlers")

    def resource_url(self, resource):
        raise NotImplementedError("the OLX runtime serves no resources")

    def local_resource_url(self, block, uri):
        raise NotImplementedError("the OLX runtime serves no resources")

    def publish(self, block, event_type, event_data):
        raise NotImplementedError("the OLX runtime publishes no events")


def block_element(demo: DemoBlock, url_name: str) -> etree._Element:
    """The block as Studio exports it inside a vertical: its demo OLX parsed then written by the
    block itself."""
    runtime = MemoryRuntime()
    block = runtime.get_block(runtime.parse_xml_string(demo.source_xml()))
    element = etree.Element(demo.block_type, url_name=url_name)
    block.add_xml_to_node(element)
    return element


def _xml(element: etree._Element) -> bytes:
    return etree.tostring(element, encoding="utf-8", xml_declaration=False, pretty_print=True)


def _json(data) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def _html(text: str) -> bytes:
    return (sanitize_html(text) + "\n").encode("utf-8")


def _unit_files(unit: Unit) -> dict[str, bytes]:
    vertical = etree.Element("vertical", display_name=unit.title)
    intro_name = f"{unit.url_name}_intro"
    etree.SubElement(vertical, "html", url_name=intro_name)
    files = {
        f"html/{intro_name}.xml": _xml(
            etree.Element("html", filename=intro_name, display_name=unit.title)
        ),
        f"html/{intro_name}.html": _html(unit.intro_html),
    }
    if unit.block is not None:
        vertical.append(block_element(unit.block, unit.url_name))
    files[f"vertical/{unit.url_name}.xml"] = _xml(vertical)
    return files


def _section_files(section: Section) -> dict[str, bytes]:
    chapter = etree.Element("chapter", display_name=section.title)
    etree.SubElement(chapter, "sequential", url_name=section.url_name)
    sequential = etree.Element("sequential", display_name=section.title)
    if section.grading_format:
        sequential.set("graded", "true")
        sequential.set("format", section.grading_format)
    files = {}
    for unit in section.units:
        etree.SubElement(sequential, "vertical", url_name=unit.url_name)
        files.update(_unit_files(unit))
    files[f"chapter/{section.url_name}.xml"] = _xml(chapter)
    files[f"sequential/{section.url_name}.xml"] = _xml(sequential)
    return files


def advanced_modules() -> list[str]:
    """Our block types the course uses, which Studio's Advanced Module List must name to show
    them."""
    return sorted({demo.block_type for _unit, demo in demo_blocks()})


def course_files() -> dict[str, bytes]:
    """Every file of the course, by its path under the archive's top folder."""
    course = etree.Element("course")
    files = {}
    for section in SECTIONS:
        etree.SubElement(course, "chapter", url_name=section.url_name)
        files.update(_section_files(section))
    policy = {
        "display_name": COURSE.title,
        "language": COURSE.language,
        "start": COURSE.start,
        "advanced_modules": advanced_modules(),
    }
    files.update(
        {
            "course.xml": _xml(
                etree.Element("course", url_name=COURSE.run, org=COURSE.org, course=COURSE.number)
            ),
            f"course/{COURSE.run}.xml": _xml(course),
            f"policies/{COURSE.run}/policy.json": _json({f"course/{COURSE.run}": policy}),
            f"policies/{COURSE.run}/grading_policy.json": _json(GRADING_POLICY),
            "policies/assets.json": _json({}),
            "about/overview.html": _html(COURSE.overview_html),
            "about/short_description.html": _html(COURSE.short_description),
        }
    )
    return files


def _entry(name: str, kind: bytes, size: int = 0) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.size, info.mtime = kind, size, FIXED_MTIME
    info.mode = 0o755 if kind == tarfile.DIRTYPE else 0o644
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def archive_bytes(files: dict[str, bytes]) -> bytes:
    """A gzipped tar of `files` under ARCHIVE_ROOT/, with every folder (an empty `static/` too),
    deterministic."""
    paths = {PurePosixPath(ARCHIVE_ROOT, name) for name in files}
    folders = {str(parent) for path in paths for parent in path.parents if str(parent) != "."}
    folders.add(f"{ARCHIVE_ROOT}/static")
    tar_data = io.BytesIO()
    with tarfile.open(fileobj=tar_data, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        for folder in sorted(folders):
            tar.addfile(_entry(folder, tarfile.DIRTYPE))
        for name in sorted(files):
            tar.addfile(
                _entry(f"{ARCHIVE_ROOT}/{name}", tarfile.REGTYPE, len(files[name])),
                io.BytesIO(files[name]),
            )
    compressed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=compressed, mtime=0, compresslevel=9) as gz:
        gz.write(tar_data.getvalue())
    return compressed.getvalue()


def build(destination: Path) -> Path:
    """Write the demo course archive to `destination` (its folder is created) and return the
    path."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_bytes(archive_bytes(course_files()))
    return destination


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m spoc_xblocks.dev.demo_course <archive.tar.gz>", file=sys.stderr)
        return 2
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spoc_xblocks.dev.settings")
    import django

    django.setup()
    path = build(Path(argv[0]))
    print(
        f"{path}: the demo SPOC for Studio (Tools > Import); block types for the Advanced Module "
        f"List: "
        f"{', '.join(advanced_modules())}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
