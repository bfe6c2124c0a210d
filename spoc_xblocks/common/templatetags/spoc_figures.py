"""Template tags that write figures in the viewer's language (`common/numbers.py`):
`{% load spoc_figures %}`, then `{% number count %}` and `{% percent share %}`."""

from decimal import Decimal

from django import template

from spoc_xblocks.common.numbers import number_text, percent_text

register = template.Library()

MISSING = "—"


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _gettext(context):
    service = context.get("_i18n_service")
    return service.gettext if service is not None else (lambda message: message)


@register.simple_tag(takes_context=True)
def number(context, value, decimals=None):
    """A number (a dash when there is none, anything else as it is)."""
    if not _is_number(value):
        return MISSING if value in (None, "") else value
    return number_text(value, _gettext(context), decimals)


@register.simple_tag(takes_context=True)
def percent(context, value, decimals=None):
    """A percentage given out of 100 (a dash when there is none, anything else as it is)."""
    if not _is_number(value):
        return MISSING if value in (None, "") else value
    return percent_text(value, _gettext(context), decimals)
