"""A learner's choice to receive, or not, the email of a course's SPOC blocks (nudges, reminders):
the box on their page, and its handler. What is not emailed still shows in the course."""

from __future__ import annotations

from .handlers import HandlerError, spoc_handler
from .i18n import i18n_service
from .notify import email_configured
from .payloads import Boolean
from .recipients import opted_out, set_opt_out
from .rendering import COMMON_MODULE, html_id, render_package_template
from .text import _


class EmailPreferenceMixin:
    def email_preference_html(self, viewer) -> str:
        """The box, for a learner of a site that sends email; nothing otherwise."""
        if viewer.is_trainer or not email_configured():
            return ""
        return render_package_template(
            COMMON_MODULE,
            "templates/email_preference.html",
            {
                "form_id": html_id(self, "email"),
                "emails_on": viewer.anonymous_id
                not in opted_out(self.course_key, [viewer.anonymous_id]),
            },
            i18n_service(self),
        )

    @spoc_handler({"email": Boolean()})
    def email_preference(self, data, viewer):
        if viewer.is_trainer:
            raise HandlerError(_("Only learners choose whether they are emailed."), status=403)
        set_opt_out(self.course_key, viewer.anonymous_id, not data["email"])
        if data["email"]:
            message = self.gettext("You will be emailed about this course.")
        else:
            message = self.gettext(
                "You will receive no more email from this course's trainers; their messages still "
                "show here."
            )
        # The status line next to the button shows it; the block's live region says it.
        return {"message": message, "announce": message}
