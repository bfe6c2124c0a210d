"""The XBLOCK_SETTINGS["spoc_xblocks"] values the plugin renders: their defaults, checks and Python
form.

The values come from Tutor's YAML configuration and end up in a Python settings file, so each one
is checked for the type spoc-xblocks expects and written with repr(), never as Jinja's JSON (true,
null).
"""

from __future__ import annotations

import copy
import re

CONFIG_PREFIX = "SPOC_"

DEFAULTS = {
    "UPLOAD_MAX_MB": 4,
    "UPLOAD_EXTENSIONS": [
        "pdf",
        "docx",
        "odt",
        "pptx",
        "odp",
        "xlsx",
        "ods",
        "png",
        "jpg",
        "jpeg",
        "txt",
        "zip",
    ],
    "AT_RISK_DEFAULTS": {
        "inactive_days": 7,
        "missed_checkins": 2,
        "confidence_drop": 2,
        "confidence_floor": 1,
        "overdue_items": 1,
        "behind_points": 30,
        "participation_percent": 25,
        "score_floor": 25,
    },
    "NUDGE_EMAILS": True,
}
# Tutor's Caddy caps LMS request bodies at 4 MB (`request_body { max_size 4MB }`, which no plugin
# patch can raise) and the LMS refuses any uploaded file over STUDENT_FILEUPLOAD_MAX_SIZE, 4 MB,
# with HTTP 413: under Tutor a workshop file can never be larger.
TUTOR_UPLOAD_CAP_MB = 4
# Bounds within those of spoc_xblocks.common.operator_settings (which the Tutor host does not
# install; a test compares them): a value the plugin renders is one the blocks accept. The package
# allows up to 1024 MB, for sites whose proxy takes larger bodies.
UPLOAD_MAX_MB_RANGE = (1, TUTOR_UPLOAD_CAP_MB)
AT_RISK_LIMITS = {
    "inactive_days": 90,
    "missed_checkins": 20,
    "confidence_drop": 4,
    "confidence_floor": 4,
    "overdue_items": 20,
    "behind_points": 100,
    "participation_percent": 100,
    "score_floor": 100,
}
EXTENSION = re.compile(r"[a-z0-9]{1,16}")


def config_defaults() -> list[tuple[str, object]]:
    """The Tutor settings (SPOC_UPLOAD_MAX_MB...) with the package's defaults, fresh copies each
    time."""
    return [(CONFIG_PREFIX + key, copy.deepcopy(value)) for key, value in DEFAULTS.items()]


def python_literal(value: object, key: str) -> str:
    """The checked value of setting `key` written as Python source; ValueError with a sentence when
    it is wrong."""
    checks = {
        "UPLOAD_MAX_MB": _upload_max_mb,
        "UPLOAD_EXTENSIONS": _upload_extensions,
        "AT_RISK_DEFAULTS": _at_risk_defaults,
        "NUDGE_EMAILS": _nudge_emails,
    }
    if key not in checks:
        raise ValueError(
            f"{key} is not a spoc-xblocks setting; the settings are {', '.join(DEFAULTS)}."
        )
    return repr(checks[key](value))


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _upload_max_mb(value: object) -> int:
    low, high = UPLOAD_MAX_MB_RANGE
    if _is_int(value) and low <= value <= high:
        return value
    message = (
        f"SPOC_UPLOAD_MAX_MB must be a whole number of megabytes from {low} to {high}, "
        f"not {value!r}"
    )
    if _is_int(value) and value > TUTOR_UPLOAD_CAP_MB:
        message += (
            f": Tutor's Caddy and the LMS refuse LMS uploads over {TUTOR_UPLOAD_CAP_MB} "
            "MB, whatever this setting says"
        )
    raise ValueError(message + ".")


def _upload_extensions(value: object) -> list[str]:
    """A list, or a comma-separated string as `--set SPOC_UPLOAD_EXTENSIONS=pdf,png` gives; '.PDF'
    becomes 'pdf'."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueError(
            "SPOC_UPLOAD_EXTENSIONS must be a list of file extensions such as "
            f"[pdf, png], not {value!r}."
        )
    extensions = []
    for item in items:
        extension = item.strip().lstrip(".").lower()
        if not EXTENSION.fullmatch(extension):
            raise ValueError(
                f"SPOC_UPLOAD_EXTENSIONS: {item!r} is not a file extension (1 to 16 "
                "letters and digits, such as pdf)."
            )
        if extension not in extensions:
            extensions.append(extension)
    return extensions


def _at_risk_defaults(value: object) -> dict[str, int]:
    """The operator's thresholds over the defaults, so setting one threshold keeps the others."""
    known = DEFAULTS["AT_RISK_DEFAULTS"]
    if not isinstance(value, dict):
        raise ValueError(
            f"SPOC_AT_RISK_DEFAULTS must be a mapping such as {{inactive_days: 10}}, not {value!r}."
        )
    unknown = sorted(str(name) for name in value if name not in known)
    if unknown:
        raise ValueError(
            f"SPOC_AT_RISK_DEFAULTS: {', '.join(unknown)} is not a threshold; "
            f"the thresholds are {', '.join(known)}."
        )
    for name, number in value.items():
        if not _is_int(number) or not 0 <= number <= AT_RISK_LIMITS[name]:
            raise ValueError(
                f"SPOC_AT_RISK_DEFAULTS: {name} must be a whole number from 0 (rule "
                f"off) to {AT_RISK_LIMITS[name]}, not {number!r}."
            )
    return {**known, **value}


def _nudge_emails(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"SPOC_NUDGE_EMAILS must be true or false, not {value!r}.")
    return value
