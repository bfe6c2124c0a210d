"""The workshop's emails, sent by jobs on the platform's workers: a trainer's reminder."""

from __future__ import annotations

from spoc_xblocks.common.notify import email_each, opt_out_text


def send_reminder_emails(block, job) -> None:
    """The job behind a reminder's email: the trainer's text to each learner it went to."""

    def compose():
        subject = block.gettext("Reminder: {title}").format(title=block.display_name)
        return subject, "\n\n".join([job.params["text"], opt_out_text(block)])

    email_each(block, job, job.params["learners"], compose, "reminder")
