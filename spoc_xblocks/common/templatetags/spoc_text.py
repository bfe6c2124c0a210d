"""Template filters for people's text: `{{ name|bidi }}` isolates a name or a short text typed by
someone (Arabic or Hebrew in a French sentence, say) so it cannot reorder the words around it."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bidi(value) -> str:
    """The value, escaped, in a <bdi>: never inside an attribute."""
    return format_html("<bdi>{}</bdi>", value)
