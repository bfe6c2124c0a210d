"""A few real strings of the blocks and their French, read from the source catalog translators edit
(translations/fr/LC_MESSAGES/text.po), to check the compiled catalogs a platform would load."""

from __future__ import annotations

import functools
import gettext
import json
import re
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
SOURCE_CATALOG = ROOT / "translations" / "fr" / "LC_MESSAGES" / "text.po"
# Strings from each kind of source: Python (authoring labels), a template (plural), JavaScript.
SINGULAR = [
    "Anonymous answers",  # engagement/fields.py
    "Before the course",  # engagement/fields.py
    "Something went wrong. Please try again.",  # common/static/js/spoc.js
]
SCRIPT_STRING = SINGULAR[-1]
# cohort_coach/templates/trainer_table.html
PLURAL = ("%(counter)s learner", "%(counter)s learners")
JS_CATALOG = re.compile(
    r"var catalog = (\{.*?\});\n\s*function plural\(n\) \{ return \((.*?)\)", re.DOTALL
)


@functools.lru_cache(maxsize=1)
def _source():
    with SOURCE_CATALOG.open("rb") as handle:
        return read_po(handle, locale="fr")


def french(msgid: str) -> str:
    message = _source().get(msgid)
    assert message is not None and message.string, f"{msgid!r} has no French in the .po"
    assert message.string != msgid
    return message.string


def french_plural() -> tuple[str, str]:
    message = _source().get(PLURAL[0])
    assert message is not None and message.id == PLURAL, PLURAL
    return tuple(message.string)


def check_python_catalog(translator: gettext.NullTranslations) -> None:
    """The catalog translates our strings into the translators' French, with French plurals (0 and 1
    take the singular)."""
    for msgid in SINGULAR:
        assert translator.gettext(msgid) == french(msgid), msgid
    one, many = french_plural()
    assert [translator.ngettext(*PLURAL, count) for count in (0, 1, 2, 5)] == [one, one, many, many]


def javascript_catalog(path: Path) -> tuple[dict, str]:
    """The entries and the plural rule of one of our JavaScript catalogs
    (translations/<lang>/text.js)."""
    match = JS_CATALOG.search(path.read_text(encoding="utf-8"))
    assert match, f"{path} is not a catalog the i18n tool writes"
    return json.loads(match.group(1)), match.group(2)


def check_javascript_catalog(path: Path) -> None:
    """The scripts' strings are there in French, and only theirs: the server renders the rest, and
    every fragment carries this catalog."""
    entries, plural_rule = javascript_catalog(path)
    assert entries.get(SCRIPT_STRING) == french(SCRIPT_STRING)
    assert "Anonymous answers" not in entries and PLURAL[0] not in entries
    assert plural_rule == "n > 1"
