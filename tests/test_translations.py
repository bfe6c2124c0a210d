"""Every string in the code has a French translation, and the shipped catalogs match their
sources."""

from spoc_xblocks.dev import i18n_tool


def test_every_string_in_the_code_has_a_french_translation():
    missing = i18n_tool.missing_translations()
    assert missing["fr"] == [], (
        f"{len(missing['fr'])} strings lack French; run make translations and translate"
    )


def test_the_compiled_catalogs_are_up_to_date():
    assert i18n_tool.stale_compiled_files() == [], "run make translations"


def test_the_french_javascript_catalog_translates():
    catalog = (i18n_tool.COMPILED / "fr" / "text.js").read_text(encoding="utf-8")
    assert "window.SpocI18N" in catalog and "Something went wrong. Please try again." in catalog
