"""Parsed scenarios and their best totals, cached by the XML text they come from (pure functions of
it)."""

from __future__ import annotations

import functools

from .logic.model import Scenario
from .logic.scoring import BestTotals, best_totals
from .olx import scenario_from_xml


@functools.lru_cache(maxsize=64)
def load_scenario(scenario_xml: str) -> Scenario:
    """The Scenario of an XML text (OlxError if it is not one)."""
    return scenario_from_xml(scenario_xml)


def points_text(value: float) -> str:
    """Points as shown: whole numbers without decimals, others with one."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


@functools.lru_cache(maxsize=64)
def best_for(scenario_xml: str) -> BestTotals:
    return best_totals(load_scenario(scenario_xml))
