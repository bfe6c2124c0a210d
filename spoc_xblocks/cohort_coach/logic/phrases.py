"""At-risk reasons in words, in the viewer's language (the rules return codes with their figures)."""

from __future__ import annotations


def reason_text(code: str, params: dict, gettext, ngettext) -> str:
    """One reason as a short phrase, e.g. "no activity for 8 days" or "confidence fell from 4 to 2"."""
    count = params.get("count", params.get("days", params.get("value", 0)))
    texts = {
        "inactive": lambda: ngettext(
            "no activity for {count} day", "no activity for {count} days", count
        ),
        "never_active": lambda: ngettext(
            "no activity yet, {count} day after the start",
            "no activity yet, {count} days after the start",
            count,
        ),
        "missed_checkins": lambda: ngettext(
            "{count} check-in missed", "{count} check-ins missed", count
        ),
        "confidence_fell": lambda: gettext("confidence fell from {before} to {after}"),
        "confidence_low": lambda: gettext("confidence at {value} out of 5"),
        "overdue_workshop": lambda: ngettext(
            "workshop submission overdue", "{count} workshop submissions overdue", count
        ),
        "overdue_work": lambda: ngettext(
            "{count} activity overdue", "{count} activities overdue", count
        ),
        "behind_cohort": lambda: gettext(
            "progress {value} % while the cohort's median is {median} %"
        ),
        "low_participation": lambda: ngettext(
            "{value} interaction while the cohort's median is {median}",
            "{value} interactions while the cohort's median is {median}",
            count,
        ),
        "low_score": lambda: gettext("average score {value} %, at or below {floor} %"),
    }
    text = texts.get(code)
    if text is None:
        return code
    return text().format(**{"count": count, **params})


def reasons_text(reasons, gettext, ngettext) -> list[str]:
    """Reasons given as Reason objects or stored dicts, in words."""
    return [
        reason_text(
            *(
                (reason.code, reason.params)
                if hasattr(reason, "code")
                else (reason["code"], reason["params"])
            ),
            gettext,
            ngettext,
        )
        for reason in reasons
    ]
