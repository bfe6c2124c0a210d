"""Translating through the runtime's i18n service, and the JavaScript catalog for the current
language."""

from __future__ import annotations

import functools
import gettext
from contextlib import contextmanager
from importlib import resources

from django.conf import settings
from django.utils import translation
from django.utils.translation import trans_real

JS_CATALOG_FALLBACK = "en"


def i18n_service(block):
    """The block's i18n service (a need, so always there in a real runtime) for the active
    language, asked of the runtime once per block and language: the LMS makes a new one at each
    ask, which looks for the package's catalogs on disk again, and a page asks some twenty times.
    Emails switch the language per recipient, so each language keeps its own."""
    services = vars(block).setdefault("_spoc_i18n_services", {})
    language = translation.get_language()
    if language not in services:
        services[language] = block.runtime.service(block, "i18n")
    return services[language]


def gettext_for(block):
    """The gettext function of the block's i18n service."""
    return i18n_service(block).gettext


def ngettext_for(block):
    return i18n_service(block).ngettext


def current_language() -> str:
    """The language Django activated for this request, as a short code ('fr', 'en')."""
    return (translation.get_language() or "en").split("-")[0].lower()


STUDIO_CATALOG = "studio.js"


def is_studio_script(path: str) -> bool:
    """Whether a script serves Studio's editors only: its strings go to the Studio catalog, which
    learners' and trainers' pages do not carry."""
    name = path.rsplit("/", 1)[-1]
    return "_studio" in name or "_editor" in name or name == "spoc_form_tools.js"


@functools.lru_cache(maxsize=32)
def _catalog_source(language: str, name: str = "text.js") -> str:
    folder = resources.files("spoc_xblocks") / "translations"
    for code in (language, JS_CATALOG_FALLBACK):
        catalog = folder / code / name
        if catalog.is_file():
            return catalog.read_text(encoding="utf-8")
    if name == STUDIO_CATALOG:
        return ""
    return "window.SpocI18N = window.SpocI18N || {gettext: function (s) { return s; }};"


def javascript_catalog(scripts=()) -> str:
    """JavaScript that defines window.SpocI18N.gettext/ngettext for the current language, with the
    Studio editors' strings when one of `scripts` is an editor's."""
    language = current_language()
    source = _catalog_source(language)
    if any(is_studio_script(script) for script in scripts):
        source += _catalog_source(language, STUDIO_CATALOG)
    return source


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


class _ServiceFirst:
    """Django's translation for the request's language with the block's i18n service before it:
    what a template's {% trans %} finds while it renders."""

    def __init__(self, service, django_translation):
        self._service, self._django = service, django_translation

    def gettext(self, message):
        translated = self._service.gettext(message)
        return translated if translated != message else self._django.gettext(message)

    def ngettext(self, singular, plural, number):
        translated = self._service.ngettext(singular, plural, number)
        if translated in (singular, plural):
            return self._django.ngettext(singular, plural, number)
        return translated

    def __getattr__(self, name):
        return getattr(self._django, name)


@contextmanager
def translating_through(service):
    """Templates rendered inside translate through the block's i18n service, then Django's catalog.

    xblock.utils' {% trans %} merges the service's catalog into Django's at every tag it renders;
    in a template compiled once per process, each merge adds a copy of the catalog for good, so
    every later lookup Django misses reads one more (the list grew by one per page)."""
    active = getattr(trans_real._active, "value", None)
    trans_real._active.value = _ServiceFirst(service, trans_real.catalog())
    try:
        yield
    finally:
        if active is None:
            del trans_real._active.value
        else:
            trans_real._active.value = active
