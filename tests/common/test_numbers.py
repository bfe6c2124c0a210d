"""Figures are written as the viewer's language writes them, in messages too."""

from decimal import Decimal

import pytest

from spoc_xblocks.common.numbers import Figure, number_text, percent_text
from spoc_xblocks.common.payloads import Integer, PayloadError, String
from spoc_xblocks.common.text import Message

NARROW = "\u202f"
FRENCH = {"1,234.5": f"1{NARROW}234,5", "{percent}%": f"{{percent}}{NARROW}%"}


def french(message):
    return FRENCH.get(message, message)


@pytest.mark.parametrize(
    "value, decimals, english, in_french",
    [
        (7, 0, "7", "7"),
        (2000, 0, "2,000", f"2{NARROW}000"),
        (1234567.25, 1, "1,234,567.2", f"1{NARROW}234{NARROW}567,2"),
        (
            2**63 - 1,
            0,
            "9,223,372,036,854,775,807",
            "9 223 372 036 854 775 807".replace(" ", NARROW),
        ),
    ],
)
def test_numbers_take_the_languages_separators(value, decimals, english, in_french):
    assert number_text(value, decimals=decimals) == english
    assert number_text(value, french, decimals) == in_french


def test_percentages_take_the_languages_spacing():
    assert (percent_text(70), percent_text(70, french)) == ("70%", f"70{NARROW}%")


def test_a_figure_in_a_message_is_written_in_the_viewers_language():
    message = Message("{count} answers", {"count": Figure(1500)})
    assert (message.text(), message.text(french)) == ("1,500 answers", f"1{NARROW}500 answers")


def test_an_over_long_text_is_told_the_limit():
    with pytest.raises(PayloadError) as error:
        String(max_length=2000).clean("comment", "x" * 2001)
    assert error.value.text() == "'comment' is longer than 2,000 characters."
    assert error.value.text(french) == f"'comment' is longer than 2{NARROW}000 characters."


@pytest.mark.parametrize(
    "shape, value, sentence",
    [
        (Integer(minimum=0, maximum=100), 101, "'score' must be from 0 to 100."),
        (Integer(minimum=1), 0, "'score' must be from 1 to 9,223,372,036,854,775,807."),
    ],
)
def test_every_range_refusal_states_the_range(shape, value, sentence):
    with pytest.raises(PayloadError) as error:
        shape.clean("score", value)
    assert error.value.text() == sentence


class FrenchService:
    gettext = staticmethod(french)


def test_the_template_tags_write_figures_in_the_viewers_language():
    from django.template import Context, Engine, Template

    engine = Engine(libraries={"spoc_figures": "spoc_xblocks.common.templatetags.spoc_figures"})
    template = Template(
        "{% load spoc_figures %}{% number count %}|{% percent share %}|{% percent none %}",
        engine=engine,
    )
    values = {"count": 1234, "share": Decimal("70"), "none": None}

    assert template.render(Context(values)) == "1,234|70%|—"
    french_page = template.render(Context({**values, "_i18n_service": FrenchService()}))
    assert french_page == f"1{NARROW}234|70{NARROW}%|—"
