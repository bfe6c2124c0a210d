"""The settings kit: one field declaration gives the save's shape, the editor's control and the OLX
read."""

from datetime import UTC, datetime

import pytest
from lxml import etree
from xblock.fields import Boolean, DateTime, Float, Integer, Scope, String

from spoc_xblocks.common.authoring import setting_shape, settings_from_olx
from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.common.payloads import Day, Moment, PayloadError, clean_payload
from spoc_xblocks.common.text import _


class Declared:
    """Fields as a block declares them (the kit reads only their metadata)."""

    fields = {
        "mode": String(
            display_name=_("Mode"),
            default="a",
            scope=Scope.settings,
            values=[{"display_name": _("A"), "value": "a"}, {"display_name": _("B"), "value": "b"}],
        ),
        "count": Integer(
            display_name=_("Count"), default=2, scope=Scope.settings, values={"min": 1, "max": 9}
        ),
        "limit": Integer(
            display_name=_("Limit"), default=None, scope=Scope.settings, values={"min": 0, "max": 5}
        ),
        "points": Float(
            display_name=_("Points"),
            default=1.0,
            scope=Scope.settings,
            values={"min": 0, "max": 10},
        ),
        "open": Boolean(display_name=_("Open"), default=True, scope=Scope.settings),
        "due": DateTime(display_name=_("Due"), default=None, scope=Scope.settings),
        "day": String(display_name=_("Start day"), default="", scope=Scope.settings, widget="date"),
        "title": String(display_name=_("Title"), default="", scope=Scope.settings, max_length=8),
    }


def shape(name):
    return setting_shape(Declared.fields[name])


def test_each_field_declares_its_own_shape():
    assert shape("mode").choices == ("a", "b")
    assert (shape("count").minimum, shape("count").maximum, shape("count").required) == (1, 9, True)
    assert shape("limit").required is False and shape("limit").default is None
    assert isinstance(shape("due"), Moment) and isinstance(shape("day"), Day)
    assert shape("title").max_length == 8


@pytest.mark.parametrize(
    "name, value, sentence",
    [
        ("count", 12, "'Count' must be from 1 to 9."),
        ("mode", "c", "'Mode' must be one of: a, b."),
        ("open", "yes", "'Open' must be true or false."),
        ("due", "next week", "'Due' must be a date and time such as 2026-03-02T09:00:00Z."),
        ("day", "2026-02-30", "'Start day' must be a date such as 2026-03-02."),
        ("title", "a long title", "'Title' is longer than 8 characters."),
    ],
)
def test_a_refused_value_is_named_by_its_label_and_its_field(name, value, sentence):
    with pytest.raises(PayloadError) as raised:
        clean_payload({name: shape(name)}, {name: value})
    assert raised.value.text() == sentence
    assert raised.value.field == name


def test_labels_are_translated_inside_the_sentence():
    french = {
        "'{name}' must be from {low} to {high}.": "« {name} » va de {low} à {high}.",
        "Count": "Nombre",
    }
    with pytest.raises(PayloadError) as raised:
        clean_payload({"count": shape("count")}, {"count": 0})
    assert raised.value.text(lambda text: french.get(text, text)) == "« Nombre » va de 1 à 9."


def test_times_are_read_as_utc_and_an_empty_one_is_none():
    assert shape("due").clean("due", "2026-03-02T09:00:00+01:00") == datetime(
        2026, 3, 2, 8, tzinfo=UTC
    )
    assert shape("due").clean("due", "2026-03-02T09:00") == datetime(2026, 3, 2, 9, tzinfo=UTC)
    assert shape("due").clean("due", "") is None


def test_olx_attributes_are_read_with_the_editors_checks():
    node = etree.fromstring(
        '<spoc_x count="3" open="false" due="2026-03-02T09:00:00" mode="b" other="1"/>'
    )
    assert settings_from_olx(Declared, node, Declared.fields) == {
        "count": 3,
        "open": False,
        "due": datetime(2026, 3, 2, 9, tzinfo=UTC),
        "mode": "b",
    }


def test_olx_reads_an_empty_date_and_time_as_none_as_xblock_writes_an_unset_one():
    node = etree.fromstring('<spoc_x due=""/>')
    assert settings_from_olx(Declared, node, ["due"]) == {"due": None}


@pytest.mark.parametrize(
    "attribute",
    [
        'count="0"',
        'count="two"',
        'mode="c"',
        'day="soon"',
        'open="yes"',
        'open="maybe"',
        'open="1"',
    ],
)
def test_olx_refuses_what_the_editor_refuses_naming_the_element(attribute):
    node = etree.fromstring(f"<spoc_x {attribute}/>")
    with pytest.raises(
        OlxError,
        match=r"<spoc_x> has .*, which is not allowed for this setting\. \(<spoc_x>, line 1\)",
    ):
        settings_from_olx(Declared, node, Declared.fields)
