"""The garbage collector is held back during a validation or a path listing, and only then."""

import gc

from spoc_xblocks.serious_game.logic import paths
from spoc_xblocks.serious_game.logic import validate as validate_module

from .scenarios import choice, decision, ending, scenario

SMALL = scenario("a", decision("a", choice("c1", "end"), choice("c2", "end")), ending("end"))


def test_validating_and_listing_paths_run_with_the_collector_paused_then_restore_it(
    collector_seen,
):
    validating = collector_seen(validate_module, "scenario_graph")
    listing = collector_seen(paths, "best_totals")
    assert all(found.level != "error" for found in validate_module.validate(SMALL))
    assert len(paths.list_paths(SMALL).paths) == 2
    assert validating == listing == [False] and gc.isenabled()
