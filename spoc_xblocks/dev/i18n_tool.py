"""Translation pipeline: extract strings (Python, Django templates, JavaScript), merge, compile,
check.

python -m spoc_xblocks.dev.i18n_tool extract
    translations/text.pot, then merge into each language's .po
python -m spoc_xblocks.dev.i18n_tool compile
    spoc_xblocks/translations/<lang>/LC_MESSAGES/text.mo and text.js
python -m spoc_xblocks.dev.i18n_tool check
    fail when a string has no French translation or a catalog is stale
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_javascript, extract_python
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from spoc_xblocks.common.i18n import STUDIO_CATALOG, is_studio_script

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "spoc_xblocks"
SOURCES = ROOT / "translations"
COMPILED = PACKAGE / "translations"
LANGUAGES = ("fr",)
DOMAIN = "text"
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "gettext_noop": None,
    "pgettext": ((1, "c"), 2),
}
SKIP_PARTS = {"dev", "migrations", "translations", "__pycache__"}
JS_PLURALS = {"en": "n != 1", "fr": "n > 1"}


def _template_messages(path: Path):
    from django.utils.translation.template import templatize

    code = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    # templatize keeps the template's indentation, which Python's tokenizer may reject; the line
    # numbers are all that matter, and every string it emits stands on one line.
    code = "\n".join(line.lstrip() for line in code.splitlines())
    yield from extract_python(io.BytesIO(code.encode("utf-8")), KEYWORDS.keys(), [], {})


def _source_files():
    for path in sorted(PACKAGE.rglob("*")):
        if SKIP_PARTS & set(path.relative_to(PACKAGE).parts) or not path.is_file():
            continue
        if path.suffix in (".py", ".html", ".js"):
            yield path


def extract_catalog() -> Catalog:
    """Every user-visible string of the package, with where it stands."""
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure()
        django.setup()
    catalog = Catalog(project="spoc-xblocks", domain=DOMAIN, charset="utf-8")
    for path in _source_files():
        relative = str(path.relative_to(ROOT))
        if path.suffix == ".py":
            with path.open("rb") as handle:
                messages = list(extract_python(handle, KEYWORDS.keys(), [], {}))
        elif path.suffix == ".js":
            with path.open("rb") as handle:
                messages = list(extract_javascript(handle, KEYWORDS.keys(), [], {}))
        else:
            messages = list(_template_messages(path))
        for lineno, funcname, message, _comments in messages:
            if funcname == "pgettext" or not message:
                continue
            if isinstance(message, tuple):
                if not message[0]:
                    continue
                message = message[:2] if funcname == "ngettext" else message[0]
            catalog.add(message, locations=[(relative, lineno)])
    return catalog


def _read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def _write_po(catalog: Catalog, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(
            handle, catalog, width=120, sort_output=True, omit_header=False, include_previous=False
        )


def po_path(language: str) -> Path:
    return SOURCES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract():
    template = extract_catalog()
    _write_po(template, SOURCES / f"{DOMAIN}.pot")
    for language in LANGUAGES:
        path = po_path(language)
        catalog = (
            _read(path, language) if path.exists() else Catalog(locale=language, domain=DOMAIN)
        )
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        _write_po(catalog, path)
    print(f"{len(template)} strings extracted to {SOURCES.relative_to(ROOT)}/")


def _used_by_scripts(message, studio: bool) -> bool:
    """Whether the catalog for learners' and trainers' pages (`studio` False: a script of theirs
    uses it) or the Studio editors' one (True: only editors' scripts use it) holds the message."""
    scripts = [path for path, _line in message.locations if path.endswith(".js")]
    if not scripts:
        return False
    editors_only = all(is_studio_script(path) for path in scripts)
    return editors_only if studio else not editors_only


def _js_entries(catalog: Catalog, studio: bool) -> dict:
    entries = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if not _used_by_scripts(message, studio):
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        entries[key] = list(message.string) if isinstance(message.string, tuple) else message.string
    return entries


def _js_studio_catalog(catalog: Catalog) -> str:
    """The strings only Studio's editors translate, added to the page's catalog by their
    fragments."""
    entries = json.dumps(_js_entries(catalog, True), ensure_ascii=False, sort_keys=True, indent=0)
    return (
        "/* Generated by spoc_xblocks.dev.i18n_tool: do not edit. */\n"
        f"window.SpocI18N.add({entries});\n"
    )


def _js_catalog(catalog: Catalog, language: str) -> str:
    """The strings our learners' and trainers' scripts translate (those the server renders, and the
    Studio editors', stay out: every fragment carries this catalog, so it stays a few
    kilobytes)."""
    entries = _js_entries(catalog, False)
    return (
        "/* Generated by spoc_xblocks.dev.i18n_tool: do not edit. */\n"
        "window.SpocI18N = (function () {\n"
        f"  var catalog = {json.dumps(entries, ensure_ascii=False, sort_keys=True, indent=0)};\n"
        f"  function plural(n) {{ return ({JS_PLURALS.get(language, 'n != 1')}) ? 1 : 0; }}\n"
        "  return {\n"
        "    gettext: function (text) "
        "{ var t = catalog[text]; return typeof t === 'string' && t ? t : text; },\n"
        "    ngettext: function (one, many, n) {\n"
        "      var t = catalog[one]; var index = plural(n);\n"
        "      return Array.isArray(t) && t[index] ? t[index] : (index ? many : one);\n"
        "    },\n"
        "    add: function (more) { Object.keys(more).forEach(function (key) "
        "{ catalog[key] = more[key]; }); }\n"
        "  };\n"
        "}());\n"
    )


def compiled_files() -> dict[Path, bytes]:
    """What `compile` writes: a .mo and a JS catalog per language (English from the template)."""
    files = {}
    template = _read(SOURCES / f"{DOMAIN}.pot", "en")
    catalogs = {
        "en": template,
        **{language: _read(po_path(language), language) for language in LANGUAGES},
    }
    for language, catalog in catalogs.items():
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        files[COMPILED / language / "LC_MESSAGES" / f"{DOMAIN}.mo"] = buffer.getvalue()
        files[COMPILED / language / f"{DOMAIN}.js"] = _js_catalog(catalog, language).encode("utf-8")
        files[COMPILED / language / STUDIO_CATALOG] = _js_studio_catalog(catalog).encode("utf-8")
    return files


def compile_catalogs():
    for path, content in compiled_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    print(f"catalogs compiled into {COMPILED.relative_to(ROOT)}/")


def missing_translations() -> dict[str, list[str]]:
    """For each language, the strings found in the code that its catalog does not translate."""
    template = extract_catalog()
    missing = {}
    for language in LANGUAGES:
        catalog = _read(po_path(language), language) if po_path(language).exists() else Catalog()
        absent = []
        for message in template:
            if not message.id:
                continue
            translated = catalog.get(message.id)
            strings = translated.string if translated else None
            strings = strings if isinstance(strings, tuple) else (strings,)
            if translated is None or translated.fuzzy or not all(strings):
                absent.append(message.id[0] if isinstance(message.id, tuple) else message.id)
        missing[language] = absent
    return missing


def stale_compiled_files() -> list[str]:
    return [
        str(path.relative_to(ROOT))
        for path, content in compiled_files().items()
        if not path.exists() or path.read_bytes() != content
    ]


def check() -> int:
    problems = [
        f"{language}: no translation for {text!r}"
        for language, texts in missing_translations().items()
        for text in texts
    ]
    problems += [
        f"compiled catalog out of date: {path} (run make translations)"
        for path in stale_compiled_files()
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(
            "translations: every string has a French translation; compiled catalogs are up to date"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_catalogs()
    elif command == "check":
        sys.exit(check())
    else:
        print(__doc__)
        sys.exit(2)
