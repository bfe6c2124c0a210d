"""Email to learners through Django's email backend, only when the platform has one configured."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail

from .roster import service

SILENT_BACKENDS = ("django.core.mail.backends.dummy.EmailBackend",)


def email_configured() -> bool:
    backend = getattr(settings, "EMAIL_BACKEND", "")
    return bool(backend) and backend not in SILENT_BACKENDS


def email_learners(block, anonymous_ids, subject: str, body: str) -> int:
    """Send one email per learner whose address the user service knows; return how many were sent.

    The subject is made one line: it often holds a display name, and a line break in a header is
    refused.
    """
    if not email_configured():
        return 0
    subject = " ".join(subject.split())
    users = service(block, "user")
    finder = getattr(users, "get_user_by_anonymous_id", None)
    sent = 0
    for anonymous_id in anonymous_ids:
        user = finder(anonymous_id) if finder else None
        address = getattr(user, "email", "")
        if address:
            sent += send_mail(
                subject,
                body,
                getattr(settings, "DEFAULT_FROM_EMAIL", None),
                [address],
                fail_silently=True,
            )
    return sent
