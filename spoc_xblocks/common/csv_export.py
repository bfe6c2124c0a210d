"""CSV exports that stream row by row and cannot carry a spreadsheet formula into a trainer's
computer."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable

from webob import Response

# What a spreadsheet reads as the start of a formula (with the full-width forms some accept).
FORMULA_STARTS = frozenset("=+-@\uff1d\uff0b\uff0d\uff20")
# Cells that start with these are quoted whatever follows.
CONTROL_STARTS = ("\t", "\r")
# Characters one does not see, which some spreadsheets skip before they look for a formula: blanks,
# line breaks, controls and format characters (zero-width space and joiners, direction marks, BOM).
INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})
# A signed decimal is a number to every spreadsheet, never a formula ("nan", "inf", "1e5" are not
# decimals).
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def _is_invisible(char: str) -> bool:
    return unicodedata.category(char) in INVISIBLE


def first_visible(text: str) -> str:
    """The first character of `text` a reader sees ("" when there is none)."""
    return next((char for char in text if not _is_invisible(char)), "")


def safe_cell(value) -> str:
    """A cell as text; one that a spreadsheet could run as a formula (judged by its first visible
    character) is prefixed with a quote."""
    text = "" if value is None else str(value)
    visible = "".join(char for char in text if not _is_invisible(char))
    if PLAIN_NUMBER.fullmatch(visible):
        return text
    if text.startswith(CONTROL_STARTS) or first_visible(text) in FORMULA_STARTS:
        return "'" + text
    return text


def _lines(header: list[str], rows: Iterable[list]):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    yield buffer.getvalue().encode("utf-8-sig")
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([safe_cell(cell) for cell in row])
        yield buffer.getvalue().encode("utf-8")


def csv_response(filename: str, header: list[str], rows: Iterable[list]) -> Response:
    """A streamed CSV download (UTF-8 with a BOM so spreadsheets read accents right)."""
    response = Response(content_type="text/csv", charset="utf-8", app_iter=_lines(header, rows))
    response.content_disposition = f'attachment; filename="{filename}"'
    return response
