"""Dates for people, the same in every block: UTC moments as <time> elements (spoc.js shows them in
the viewer's language and time zone), ages in days, and the ISO text the forms send."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time

from django.utils import formats, translation
from django.utils.html import format_html


def utc_label(moment: datetime) -> str:
    """A moment as text in UTC, in the current language's date format."""
    return _label(translation.get_language(), _minute(moment), True)


def _minute(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


@functools.lru_cache(maxsize=4096)
def _label(language: str | None, minute: datetime, with_time: bool) -> str:
    """The label of a minute in a language (formatting a date costs more than a page's row: the
    same moments come back on every page that shows them)."""
    if with_time:
        return formats.date_format(minute, "DATETIME_FORMAT") + " UTC"
    return formats.date_format(minute, "DATE_FORMAT")


def time_html(moment: datetime | None, with_time: bool = True) -> str:
    """A <time> element the browser script rewrites into the viewer's time zone."""
    if moment is None:
        return ""
    moment = moment.astimezone(UTC)
    label = _label(translation.get_language(), _minute(moment), with_time)
    return format_html(
        '<time datetime="{}" data-spoc-local="{}">{}</time>',
        moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "datetime" if with_time else "date",
        label,
    )


def day_html(day: date | None) -> str:
    return time_html(datetime.combine(day, time(), tzinfo=UTC), with_time=False) if day else ""


def days_ago_text(moment: datetime | None, now: datetime, ngettext, gettext) -> str:
    if moment is None:
        return gettext("never")
    days = (now - moment).days
    if days <= 0:
        return gettext("today")
    return ngettext("{count} day ago", "{count} days ago", days).format(count=days)


def parse_moment(text: str) -> datetime | None:
    """An ISO 8601 date and time with its offset (as the forms send it), or None when it is not
    one."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment.tzinfo is not None else None


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
