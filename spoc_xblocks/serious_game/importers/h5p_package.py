"""Reading an H5P input: a `.h5p` package (a zip holding `h5p.json` and `content/content.json`) or
the text of `content.json` alone, with size limits and errors a course team can act on."""

from __future__ import annotations

import io
import json
import zipfile

from spoc_xblocks.common.json_input import load_storable_json
from spoc_xblocks.common.text import _
from spoc_xblocks.serious_game.importers.html_text import html_to_line
from spoc_xblocks.serious_game.importers.report import (
    MAX_IMPORT_BYTES,
    ScenarioImportError,
    check_size,
    read_text,
)

MAX_PACKAGE_BYTES = 32 * 1024 * 1024


def read_package(data: str | bytes) -> tuple[object, str]:
    """The parsed content.json and the package title (from h5p.json, when the input is a
    package)."""
    if isinstance(data, bytes) and data[:4] == b"PK\x03\x04":
        check_size(data, MAX_PACKAGE_BYTES)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                manifest = (
                    _parse_json(_member(archive, "h5p.json"), "h5p.json")
                    if _has(archive, "h5p.json")
                    else {}
                )
                main_library = _dict(manifest).get("mainLibrary")
                if main_library and main_library != "H5P.BranchingScenario":
                    raise ScenarioImportError(
                        _("This H5P package is a {library}, not a Branching Scenario."),
                        {"library": main_library},
                    )
                content = _parse_json(
                    _member(archive, "content/content.json"), "content/content.json"
                )
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            RuntimeError,
            NotImplementedError,
            EOFError,
        ) as exc:
            raise ScenarioImportError(
                _("This .h5p package cannot be read: {error}"), {"error": str(exc)}
            ) from exc
        return content, html_to_line(str(_dict(manifest).get("title") or ""))
    return _parse_json(read_text(data), "content.json"), ""


def _has(archive: zipfile.ZipFile, name: str) -> bool:
    return name in archive.namelist()


def _member(archive: zipfile.ZipFile, name: str) -> str:
    """A file of the package as text, read no further than the size limit (the sizes a zip claims
    may lie)."""
    if not _has(archive, name):
        raise ScenarioImportError(_("This .h5p package has no {name}."), {"name": name})
    with archive.open(name) as member:
        raw = member.read(MAX_IMPORT_BYTES + 1)
    return read_text(raw)


def _parse_json(text: str, name: str):
    try:
        return load_storable_json(text)
    except json.JSONDecodeError as exc:
        raise ScenarioImportError(
            _("{name} is not valid JSON: {error} (line {line}, column {column})."),
            {"name": name, "error": exc.msg, "line": exc.lineno, "column": exc.colno},
        ) from exc
    except RecursionError as exc:
        raise ScenarioImportError(
            _("{name} is nested too deeply to read."), {"name": name}
        ) from exc
    except UnicodeEncodeError as exc:
        raise ScenarioImportError(
            _("{name} holds text that is not valid Unicode."), {"name": name}
        ) from exc


def _dict(value) -> dict:
    return value if isinstance(value, dict) else {}
