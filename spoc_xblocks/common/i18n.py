"""Translating through the runtime's i18n service, and the JavaScript catalog for the current
language."""

from __future__ import annotations

import functools
import gettext
from importlib import resources

from django.conf import settings
from django.utils import translation

JS_CATALOG_FALLBACK = "en"


def gettext_for(block):
    """The gettext function of the block's i18n service (a need, so always there in a real
    runtime)."""
    service = block.runtime.service(block, "i18n")
    return service.gettext


def ngettext_for(block):
    service = block.runtime.service(block, "i18n")
    return service.ngettext


def current_language() -> str:
    """The language Django activated for this request, as a short code ('fr', 'en')."""
    return (translation.get_language() or "en").split("-")[0].lower()


@functools.lru_cache(maxsize=16)
def _catalog_source(language: str) -> str:
    folder = resources.files("spoc_xblocks") / "translations"
    for code in (language, JS_CATALOG_FALLBACK):
        catalog = folder / code / "text.js"
        if catalog.is_file():
            return catalog.read_text(encoding="utf-8")
    return "window.SpocI18N = window.SpocI18N || {gettext: function (s) { return s; }};"


def javascript_catalog() -> str:
    """JavaScript that defines window.SpocI18N.gettext/ngettext for the current language."""
    return _catalog_source(current_language())


@functools.lru_cache(maxsize=16)
def _package_catalog(language: str):
    """The package's catalog for a language, found once per process (templates ask for it at every
    string); Django's own where the package has none."""
    localedir = str(resources.files("spoc_xblocks") / "translations")
    try:
        return gettext.translation("text", localedir, [language, language.split("_")[0]])
    except OSError:
        return translation


class PackageI18nService:
    """Translations from the package's own `spoc_xblocks/translations/<lang>/LC_MESSAGES/text.mo`
    for the active language, as the LMS's i18n service gives them."""

    runtime = None

    @property
    def translator(self):
        return _package_catalog(
            translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)
        )

    def __getattr__(self, name):
        name = "gettext" if name == "ugettext" else name
        return getattr(self.translator, name)
