"""CSV exports that stream row by row and cannot carry a spreadsheet formula into a trainer's
computer."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from webob import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Some spreadsheets trim a cell's leading blanks on import, so " =1+1" would run too.
LEADING_BLANKS = " \n\u00a0"


def safe_cell(value) -> str:
    """A cell as text; one that a spreadsheet would run as a formula is prefixed with a quote."""
    text = "" if value is None else str(value)
    if text.lstrip(LEADING_BLANKS).startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


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
