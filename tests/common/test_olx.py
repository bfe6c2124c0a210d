"""The safe XML parser: no entities, no DTD, a size limit, errors that name the line."""

import pytest

from spoc_xblocks.common.olx import OlxError, parse_xml

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<scenario start="a">&lol2;</scenario>"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><scenario start="a">&xxe;</scenario>"""


@pytest.mark.parametrize("text", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_declarations_are_refused(text):
    with pytest.raises(OlxError, match="DOCTYPE or entities"):
        parse_xml(text)


def test_oversized_input_is_refused():
    with pytest.raises(OlxError, match="limit"):
        parse_xml("<a>" + "x" * 100 + "</a>", max_bytes=50)


def test_syntax_errors_name_the_line():
    with pytest.raises(OlxError) as error:
        parse_xml("<scenario>\n<node>\n</scenario>")
    assert error.value.line == 3
    assert "line 3" in str(error.value)
