"""Importers from Twine 2 HTML, Twee 3 and H5P Branching Scenario, each with a fidelity report."""

from spoc_xblocks.serious_game.importers.h5p import import_h5p
from spoc_xblocks.serious_game.importers.report import ImportNote, ImportResult, ScenarioImportError
from spoc_xblocks.serious_game.importers.twee import import_twee
from spoc_xblocks.serious_game.importers.twee_export import (
    export_summary,
    scenario_to_twee,
    twee_export,
)
from spoc_xblocks.serious_game.importers.twine_html import import_twine_html

__all__ = [
    "ImportNote",
    "ImportResult",
    "ScenarioImportError",
    "export_summary",
    "import_h5p",
    "import_twee",
    "import_twine_html",
    "scenario_to_twee",
    "twee_export",
]
