"""Web addresses typed for a piece of work: http(s) kept, a bare host completed, anything else not
an address."""

import pytest

from spoc_xblocks.peer_workshop.logic.links import web_address


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("https://example.com/guide", ("https://example.com/guide", False)),
        ("  HTTP://Example.com ", ("HTTP://Example.com", False)),
        ("www.example.com/guide", ("https://www.example.com/guide", True)),
        ("example.org:8080/a?b=1#c", ("https://example.org:8080/a?b=1#c", True)),
        ("café.fr/menu", ("https://café.fr/menu", True)),
        ("javascript:alert(1)", (None, False)),
        ("mailto:a@example.com", (None, False)),
        ("data:text/html,<b>x</b>", (None, False)),
        ("not an address", (None, False)),
        ("example", (None, False)),
        ("www.example.com/<script>", (None, False)),
        ("", (None, False)),
    ],
)
def test_web_address(typed, expected):
    assert web_address(typed) == expected
