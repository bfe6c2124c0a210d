"""Django system check of the operator's settings: `manage.py check` (and every command that runs the checks,
such as `migrate` at `tutor local do init`) names each wrong key of XBLOCK_SETTINGS["spoc_xblocks"]."""
from __future__ import annotations

from django.conf import settings
from django.core import checks

from .operator_settings import BUCKET, validate_operator_settings
from .text import _

CHECK_IDS = {
    "UPLOAD_MAX_MB": "spoc_xblocks.E001",
    "UPLOAD_EXTENSIONS": "spoc_xblocks.E002",
    "AT_RISK_DEFAULTS": "spoc_xblocks.E003",
    "NUDGE_EMAILS": "spoc_xblocks.E004",
    BUCKET: "spoc_xblocks.E005",
}
UNKNOWN_KEY_ID = "spoc_xblocks.W001"
HINT = _('Fix XBLOCK_SETTINGS["spoc_xblocks"] in the LMS and Studio settings. Until then the SPOC blocks use the '
        "default named above, so they keep working.")


def check_operator_settings(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """An error per wrong setting, a warning per unknown key; nothing when the bucket is absent (the defaults)."""
    xblock_settings = getattr(settings, "XBLOCK_SETTINGS", None) or {}
    if not isinstance(xblock_settings, dict) or BUCKET not in xblock_settings:
        return []
    messages = []
    for problem in validate_operator_settings(xblock_settings[BUCKET]).problems:
        if problem.known_key:
            messages.append(checks.Error(problem.text(), hint=HINT, id=CHECK_IDS[problem.key]))
        else:
            messages.append(checks.Warning(problem.text(), hint=HINT, id=UNKNOWN_KEY_ID))
    return messages
