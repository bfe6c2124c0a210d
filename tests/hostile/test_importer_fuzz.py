"""The Twine 2 HTML, Twee 3 and H5P importers fuzzed with random input and with mutated real
stories: each either imports or raises ScenarioImportError with a message, never another exception;
entities, external files and oversized files are refused or left unexpanded, and nothing is fetched.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spoc_xblocks.serious_game.importers import (
    ScenarioImportError,
    import_h5p,
    import_twee,
    import_twine_html,
)
from spoc_xblocks.serious_game.importers.report import MAX_IMPORT_BYTES
from tests import figures

from .documents import ATTACKS, LEAKS, attack
from .values import any_json, awkward_text

FIXTURES = Path(__file__).parent.parent / "serious_game" / "formats" / "fixtures"
SOURCE = "OLX and importer fuzzing"
EXAMPLES = 120
IMPORTERS = {"twine html": import_twine_html, "twee": import_twee, "h5p": import_h5p}
SEEDS = {
    "twine html": "lost_parcel.html",
    "twee": "broken_printer.twee",
    "h5p": "broken_product.content.json",
}


def _try(importer, data):
    """Import, or check the refusal is the importer's own error with a message."""
    figures.record("payloads tried", 1, source=SOURCE)
    try:
        return importer(data)
    except ScenarioImportError as error:
        assert error.text().strip()
        return None


@st.composite
def mutated_text(draw, text: str):
    """The seed with up to three slices cut, repeated or replaced by awkward text."""
    for _edit in range(draw(st.integers(1, 3))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 200)))
        how = draw(st.sampled_from(["cut", "repeat", "replace"]))
        middle = {"cut": "", "repeat": text[start:end] * 3, "replace": draw(awkward_text(30))}[how]
        text = text[:start] + middle + text[end:]
    return text


def _h5p_package(content: bytes, manifest: bytes | None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content/content.json", content)
        if manifest is not None:
            archive.writestr("h5p.json", manifest)
    return buffer.getvalue()


def inputs_for(kind: str):
    seed = (FIXTURES / SEEDS[kind]).read_text(encoding="utf-8")
    options = [
        mutated_text(seed),
        st.text(max_size=300),
        st.binary(max_size=300),
        mutated_text(seed).map(lambda text: text.encode("utf-8", "surrogatepass")),
    ]
    if kind == "h5p":
        options += [
            any_json().map(lambda value: json.dumps({"branchingScenario": {"content": value}})),
            st.builds(
                _h5p_package,
                mutated_text(seed).map(lambda text: text.encode("utf-8", "surrogatepass")),
                st.one_of(st.none(), any_json().map(lambda value: json.dumps(value).encode())),
            ),
            st.binary(max_size=200).map(lambda tail: b"PK\x03\x04" + tail),
        ]
    return st.one_of(*options)


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_an_importer_imports_or_refuses_with_its_own_error(kind):
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None)
    @given(inputs_for(kind))
    def fuzz(data):
        _try(IMPORTERS[kind], data)

    fuzz()


@pytest.mark.parametrize("kind", sorted(IMPORTERS))
def test_an_importer_refuses_a_file_over_its_limit(kind):
    figures.record("payloads tried", 1, source=SOURCE)
    with pytest.raises(ScenarioImportError, match="limit"):
        IMPORTERS[kind]("x" * (MAX_IMPORT_BYTES + 1))


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_twine_html_neither_expands_entities_nor_fetches_files(name):
    story = (
        '<tw-storydata name="S" startnode="1"><tw-passagedata pid="1" name="Start">'
        f"{attack(name, 'p')}</tw-passagedata></tw-storydata>"
    )
    result = _try(import_twine_html, f"<html><body>{story}</body></html>")
    imported = repr(result.scenario) if result else ""
    assert not any(leak in imported for leak in LEAKS)


def test_a_lone_surrogate_in_imported_text_is_refused_as_not_unicode():
    for importer in IMPORTERS.values():
        with pytest.raises(ScenarioImportError):
            importer(":: Start\n\ud800")
