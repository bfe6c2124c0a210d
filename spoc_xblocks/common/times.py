"""Dates for people, the same in every block: UTC moments as <time> elements (spoc.js shows them in
the viewer's language and time zone), ages in days, and the ISO text the forms send."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.utils import formats
from django.utils.html import format_html


def utc_label(moment: datetime) -> str:
    """A moment as text in UTC, in the current language's date format."""
    return formats.date_format(moment.astimezone(UTC), "DATETIME_FORMAT") + " UTC"


def time_html(moment: datetime | None, with_time: bool = True) -> str:
    """A <time> element the browser script rewrites into the viewer's time zone."""
    if moment is None:
        return ""
    moment = moment.astimezone(UTC)
    label = utc_label(moment) if with_time else formats.date_format(moment, "DATE_FORMAT")
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
