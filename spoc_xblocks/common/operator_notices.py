"""Studio validation messages about the site's operator settings, for the blocks that read them."""

from __future__ import annotations

from xblock.validation import ValidationMessage

from .i18n import gettext_for
from .operator_settings import OperatorSettings


def add_operator_problems(block, validation, settings: OperatorSettings, keys) -> None:
    """A warning per wrong site setting among `keys`: the author cannot fix it, but can tell the
    site's operator."""
    gettext = gettext_for(block)
    for problem in settings.problems_about(keys):
        message = gettext("A site setting is wrong (tell your Open edX administrator): {problem}")
        validation.add(
            ValidationMessage(
                ValidationMessage.WARNING, message.format(problem=problem.text(gettext))
            )
        )
