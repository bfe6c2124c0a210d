"""The demo scenarios shipped with the block, in English and French: a customer complaint call, and
a software simulation (refunding a double charge in a help-desk application drawn by screens.py)."""

from __future__ import annotations

from importlib import resources

DEMO_LANGUAGES = ("en", "fr")
DEMO_NAMES = ("complaint_call", "refund_simulation")


def demo_scenario_xml(language: str = "en", name: str = "complaint_call") -> str:
    """The `<scenario>` OLX of the demo `name` in `language` ('en' or 'fr'; other languages get
    English)."""
    code = language.split("-")[0].lower()
    code = code if code in DEMO_LANGUAGES else "en"
    return (resources.files(__package__) / f"{name}.{code}.xml").read_text(encoding="utf-8")
