"""Figures for people, the same in every block: numbers and percentages as the viewer's language
writes them ("1,234" and "70%" in English, "1 234" and "70 %" in French, with the narrow no-break
space French typography wants). Python reads the separators from the catalog; spoc.js writes
`data-spoc-number` elements with the browser's Intl.NumberFormat. Pure: no Django, no XBlock."""

from __future__ import annotations

from dataclasses import dataclass

from .text import Gettext, _, untranslated

# Translators: this sample number written as your language writes numbers: its separator of
# thousands and its decimal mark are read from it (French: "1 234,5" with a narrow no-break space,
# U+202F).
NUMBER_SAMPLE = _("1,234.5")
# Translators: a percentage (French: "{percent} %" with a narrow no-break space, U+202F).
PERCENT = _("{percent}%")


def _separators(gettext: Gettext) -> tuple[str, str]:
    sample = gettext(NUMBER_SAMPLE)
    try:
        thousands = sample[sample.index("1") + 1 : sample.index("234")]
        decimal = sample[sample.index("234") + 3 : sample.rindex("5")]
    except ValueError:
        return ",", "."
    return thousands, decimal or "."


def _decimals_of(value: float) -> int:
    return 0 if float(value).is_integer() else len(repr(float(value)).partition(".")[2])


def number_text(value: float, gettext: Gettext = untranslated, decimals: int | None = None) -> str:
    """`value` rounded to `decimals` places (by default, as many as it has), with the language's
    separators."""
    thousands, decimal = _separators(gettext)
    decimals = _decimals_of(value) if decimals is None else decimals
    formatted = f"{round(value):,}" if decimals == 0 else f"{value:,.{decimals}f}"
    whole, _dot, fraction = formatted.partition(".")
    text = whole.replace(",", thousands)
    return f"{text}{decimal}{fraction}" if fraction else text


def percent_text(
    percent: float, gettext: Gettext = untranslated, decimals: int | None = None
) -> str:
    """A percentage given out of 100 (70 for 70 %), as the language writes it."""
    return gettext(PERCENT).format(percent=number_text(percent, gettext, decimals))


@dataclass(frozen=True)
class Figure:
    """A number given to a Message: written in the viewer's language when the message is."""

    value: float
    decimals: int | None = None

    def text(self, gettext: Gettext = untranslated) -> str:
        return number_text(self.value, gettext, self.decimals)

    def __str__(self) -> str:
        return self.text()
