"""CSV exports neutralise spreadsheet formulas and stream their rows."""

import csv
import io

import pytest

from spoc_xblocks.common.csv_export import csv_response, safe_cell


@pytest.mark.parametrize(
    "value, expected",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("-3", "-3"),
        ("plain", "plain"),
        (None, ""),
        (0.5, "0.5"),
        (" =1+1", "' =1+1"),
        ("\n@SUM(A1)", "'\n@SUM(A1)"),
        ("\u00a0+1+1", "'\u00a0+1+1"),
        (" -3", " -3"),
        ("+1.5", "+1.5"),
        (-2, "-2"),
        ("+nan", "'+nan"),
        ("-inf", "'-inf"),
        ("-Infinity", "'-Infinity"),
        ("+1_000", "'+1_000"),
        ("-1e5", "'-1e5"),
        (float("-inf"), "'-inf"),
        ("\u200b=1+1", "'\u200b=1+1"),
        ("\u2060\ufeff@SUM(A1)", "'\u2060\ufeff@SUM(A1)"),
        ("\u200e-2+3", "'\u200e-2+3"),
        ("\u3000=1+1", "'\u3000=1+1"),
        ("\u200bplain", "\u200bplain"),
    ],
)
def test_cells_that_would_be_formulas_are_quoted(value, expected):
    assert safe_cell(value) == expected


def test_the_response_is_a_csv_attachment_with_every_row():
    response = csv_response("x.csv", ["a", "b"], iter([["=1", "é"], [2, None]]))
    assert response.content_type == "text/csv"
    assert 'filename="x.csv"' in response.content_disposition
    rows = list(csv.reader(io.StringIO(response.body.decode("utf-8-sig"))))
    assert rows == [["a", "b"], ["'=1", "é"], ["2", ""]]
