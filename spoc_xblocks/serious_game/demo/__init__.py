"""The demo scenario shipped with the block: a customer complaint call, in English and French."""

from __future__ import annotations

from importlib import resources

DEMO_LANGUAGES = ("en", "fr")


def demo_scenario_xml(language: str = "en") -> str:
    """The `<scenario>` OLX of the demo in `language` ('en' or 'fr'; other languages get
    English)."""
    code = language.split("-")[0].lower()
    code = code if code in DEMO_LANGUAGES else "en"
    return (resources.files(__package__) / f"complaint_call.{code}.xml").read_text(encoding="utf-8")
