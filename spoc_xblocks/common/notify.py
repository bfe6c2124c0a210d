"""Email to learners through Django's email backend (the platform's), only when the site has one
configured; sent by the jobs on the platform's workers, never in a page request."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.utils import DNS_NAME
from django.utils import translation

from . import recipients

SILENT_BACKENDS = ("django.core.mail.backends.dummy.EmailBackend",)


def email_configured() -> bool:
    backend = getattr(settings, "EMAIL_BACKEND", "")
    return bool(backend) and backend not in SILENT_BACKENDS


def send_email(address: str, subject: str, body: str, key: str) -> int:
    """Send one email; return 1 when the backend took it, 0 when it refused.

    The subject is made one line: it often holds a display name, and a line break in a header is
    refused. `key` names what the email is for (a nudge, a reminder and its learner) and makes its
    Message-ID, so the same email sent twice is recognisable as one."""
    message = EmailMessage(
        " ".join(subject.split()),
        body,
        getattr(settings, "DEFAULT_FROM_EMAIL", None),
        [address],
        headers={"Message-ID": f"<spoc-{key}@{DNS_NAME}>"},
    )
    return message.send(fail_silently=True)


def opt_out_text(block) -> str:
    """The last paragraph of every email: why it came, and how to receive no more."""
    return block.gettext(
        "You receive this email because you take part in “{name}”. To receive no more email from "
        "this course's trainers, untick “Email me about this course” in the course."
    ).format(name=block.display_name)


def email_off_text(block) -> str:
    """For the trainer, where an email would have gone: the site sends none."""
    return block.gettext(
        "This site sends no email (its operator has not set it up): learners see it in the course "
        "only."
    )


def email_each(block, job, learners: list[str], compose, key: str) -> None:
    """Email each of the job's learners what `compose()` writes, in the learner's own language,
    skipping those who asked for no email or whose address is unknown, and counting each.

    A worker taking over a dead one's job starts after the learners that one counted (the learner
    being emailed when it died may receive it twice, with the same Message-ID)."""
    remaining = learners[job.job.done :]
    declined = recipients.opted_out(block.course_key, remaining)
    found = recipients.find_recipients(
        block.course_key, [learner for learner in remaining if learner not in declined]
    )
    for learner in remaining:
        recipient = found.get(learner)
        if recipient is None:
            job.advance(1, **{"declined" if learner in declined else "unreachable": 1})
            continue
        with translation.override(recipient.language):
            subject, body = compose()
        sent = send_email(recipient.address, subject, body, f"{key}-{job.job.pk}-{learner}")
        job.advance(1, sent=sent, failed=1 - sent)


def email_report(block, job) -> str:
    """What became of a job's emails, for the trainer: "3 emails sent, 1 not sent: …"; "" when
    there is no such job."""
    if job is None:
        return ""
    ngettext, counts = block.ngettext, job.counts
    if job.status == job.QUEUED and job.run_after:
        return block.gettext("Emails waiting until they are due.")
    parts = [
        ngettext("{count} email sent", "{count} emails sent", counts.get("sent", 0)).format(
            count=counts.get("sent", 0)
        )
    ]
    count = {
        name: counts.get(name, 0) for name in ("suppressed", "declined", "unreachable", "failed")
    }
    reasons = {
        "suppressed": ngettext(
            "{count} not sent: the learner came back first",
            "{count} not sent: the learners came back first",
            count["suppressed"],
        ),
        "declined": ngettext(
            "{count} not sent: the learner asked for no email",
            "{count} not sent: the learners asked for no email",
            count["declined"],
        ),
        "unreachable": ngettext(
            "{count} not sent: no address known",
            "{count} not sent: no address known",
            count["unreachable"],
        ),
        "failed": ngettext(
            "{count} refused by the mail server",
            "{count} refused by the mail server",
            count["failed"],
        ),
    }
    parts += [text.format(count=count[name]) for name, text in reasons.items() if count[name]]
    report = "; ".join(parts) + "."
    if job.status == job.FAILED:
        report += " " + block.gettext("Sending stopped: {error}").format(error=job.error)
    elif job.status != job.DONE:
        report += " " + block.gettext("Still sending ({done} of {total}).").format(
            done=job.done, total=job.total
        )
    return report
