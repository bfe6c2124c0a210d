"""Django system check of the operator's settings: `manage.py check` (and every command that runs
the checks) names each wrong key of XBLOCK_SETTINGS["spoc_xblocks"].

Warnings, never Errors: `migrate` aborts on an Error, and Tutor's `init` and every upgrade run
`migrate` for the whole platform; the blocks fall back to each wrong key's default, so nothing needs
to stop.
"""

from __future__ import annotations

from django.conf import settings
from django.core import checks

from .operator_settings import BUCKET, validate_operator_settings
from .text import _

CHECK_IDS = {
    "UPLOAD_MAX_MB": "spoc_xblocks.W002",
    "UPLOAD_EXTENSIONS": "spoc_xblocks.W003",
    "AT_RISK_DEFAULTS": "spoc_xblocks.W004",
    "NUDGE_EMAILS": "spoc_xblocks.W005",
    BUCKET: "spoc_xblocks.W006",
}
UNKNOWN_KEY_ID = "spoc_xblocks.W001"
ABOVE_LMS_LIMIT_ID = "spoc_xblocks.W007"
MEGABYTE = 1000 * 1000
HINT = _(
    'Fix XBLOCK_SETTINGS["spoc_xblocks"] in the LMS and Studio settings. Until then the SPOC '
    "blocks use the "
    "default named above, so they keep working."
)


def check_operator_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A warning per wrong setting or unknown key; nothing when the bucket is absent (the
    defaults)."""
    xblock_settings = getattr(settings, "XBLOCK_SETTINGS", None) or {}
    if not isinstance(xblock_settings, dict) or BUCKET not in xblock_settings:
        return []
    found = validate_operator_settings(xblock_settings[BUCKET])
    messages = [
        checks.Warning(
            problem.text(),
            hint=HINT,
            id=CHECK_IDS[problem.key] if problem.known_key else UNKNOWN_KEY_ID,
        )
        for problem in found.problems
    ]
    lms_limit = getattr(settings, "STUDENT_FILEUPLOAD_MAX_SIZE", None)
    if lms_limit is not None and found.upload_max_mb * MEGABYTE > lms_limit:
        messages.append(
            checks.Warning(
                _(
                    "UPLOAD_MAX_MB is {value}, but the LMS refuses any file over "
                    "STUDENT_FILEUPLOAD_MAX_SIZE ({limit} MB) "
                    "before a block sees it: learners are told {limit} MB."
                ).format(value=found.upload_max_mb, limit=lms_limit // MEGABYTE),
                hint=_(
                    "Raise STUDENT_FILEUPLOAD_MAX_SIZE (and your proxy's request size limit) or "
                    "lower UPLOAD_MAX_MB."
                ),
                id=ABOVE_LMS_LIMIT_ID,
            )
        )
    return messages
