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
