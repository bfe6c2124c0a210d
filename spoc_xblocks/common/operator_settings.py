"""The site operator's settings for every SPOC block: XBLOCK_SETTINGS["spoc_xblocks"], read through
the `settings` service, checked key by key, with a safe default for each key that is missing or
wrong.

Pure: no Django, no XBlock. `validate_operator_settings` turns a bucket into typed settings plus the
problems found; `read_operator_settings` reads the block's bucket (no service or no bucket: the
defaults) and logs each problem once per process. The Django system check (`checks.py`) and the
blocks' Studio `validate()` show the same problems to operators and authors.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .text import Message, _

log = logging.getLogger(__name__)

BUCKET = "spoc_xblocks"
UPLOAD_MAX_MB_RANGE = (1, 1024)
# The highest value of each at-risk threshold (0 switches its rule off), for the site's defaults and
# authors alike.
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
EXTENSION = re.compile(r"[a-z0-9]{1,16}")
SHOWN_VALUE_LENGTH = 80


@dataclass(frozen=True)
class SettingProblem(Message):
    """One wrong setting: a sentence naming it, the key it is about, and whether that key is one of
    ours."""

    key: str = ""
    known_key: bool = True


def _problem(key: str, template: str, params: dict, known_key: bool = True) -> SettingProblem:
    return SettingProblem(template, params, key=key, known_key=known_key)


@dataclass(frozen=True)
class OperatorSettings:
    upload_max_mb: int
    upload_extensions: tuple[str, ...]
    at_risk_defaults: Mapping[str, int]
    nudge_emails: bool
    problems: tuple[SettingProblem, ...] = ()

    def problems_about(self, keys) -> list[SettingProblem]:
        """The problems of these keys, and those of the bucket as a whole."""
        return [
            problem for problem in self.problems if problem.key in keys or problem.key == BUCKET
        ]


def shown(value) -> str:
    text = repr(value)
    return text if len(text) <= SHOWN_VALUE_LENGTH else text[: SHOWN_VALUE_LENGTH - 1] + "…"


def _whole_number(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _upload_max_mb(value, problems: list) -> int:
    low, high = UPLOAD_MAX_MB_RANGE
    if _whole_number(value) and low <= value <= high:
        return value
    problems.append(
        _problem(
            "UPLOAD_MAX_MB",
            _(
                "UPLOAD_MAX_MB is {value}: it must be a whole number of megabytes from {low} to "
                "{high}. "
                "The default, {default}, is used."
            ),
            {"value": shown(value), "low": low, "high": high, "default": DEFAULTS["UPLOAD_MAX_MB"]},
        )
    )
    return DEFAULTS["UPLOAD_MAX_MB"]


def _upload_extensions(value, problems: list) -> tuple[str, ...]:
    default = tuple(DEFAULTS["UPLOAD_EXTENSIONS"])
    if not isinstance(value, list | tuple):
        problems.append(
            _problem(
                "UPLOAD_EXTENSIONS",
                _(
                    "UPLOAD_EXTENSIONS is {value}: it must be a list of file extensions such as "
                    '["pdf", "png"]. '
                    "The default list is used."
                ),
                {"value": shown(value)},
            )
        )
        return default
    wrong = [item for item in value if not isinstance(item, str) or not EXTENSION.fullmatch(item)]
    if wrong:
        problems.append(
            _problem(
                "UPLOAD_EXTENSIONS",
                _(
                    "UPLOAD_EXTENSIONS holds {value}: each extension must be in lowercase letters "
                    "and digits, without a dot, "
                    'such as "pdf". The default list is used.'
                ),
                {"value": shown(wrong[0])},
            )
        )
        return default
    return tuple(dict.fromkeys(value))


def _at_risk_defaults(value, problems: list) -> dict[str, int]:
    """The site's thresholds: a wrong entry falls back to its own default, an unknown name is
    ignored."""
    defaults = dict(DEFAULTS["AT_RISK_DEFAULTS"])
    if not isinstance(value, Mapping):
        problems.append(
            _problem(
                "AT_RISK_DEFAULTS",
                _(
                    "AT_RISK_DEFAULTS is {value}: it must be a dictionary of threshold names and "
                    "whole numbers, such as "
                    '{{"inactive_days": 7}}. The default thresholds are used.'
                ),
                {"value": shown(value)},
            )
        )
        return defaults
    for name, number in value.items():
        if name not in AT_RISK_LIMITS:
            problems.append(
                _problem(
                    "AT_RISK_DEFAULTS",
                    _(
                        "AT_RISK_DEFAULTS has {name}, which is not a threshold: use {names}. It is "
                        "ignored."
                    ),
                    {"name": shown(name), "names": ", ".join(AT_RISK_LIMITS)},
                )
            )
        elif _whole_number(number) and 0 <= number <= AT_RISK_LIMITS[name]:
            defaults[name] = number
        else:
            problems.append(
                _problem(
                    "AT_RISK_DEFAULTS",
                    _(
                        'AT_RISK_DEFAULTS["{name}"] is {value}: it must be a whole number from 0 '
                        "(rule off) to {high}. "
                        "The default, {default}, is used."
                    ),
                    {
                        "name": name,
                        "value": shown(number),
                        "high": AT_RISK_LIMITS[name],
                        "default": defaults[name],
                    },
                )
            )
    return defaults


def _nudge_emails(value, problems: list) -> bool:
    if isinstance(value, bool):
        return value
    problems.append(
        _problem(
            "NUDGE_EMAILS",
            _("NUDGE_EMAILS is {value}: it must be True or False. The default, True, is used."),
            {"value": shown(value)},
        )
    )
    return DEFAULTS["NUDGE_EMAILS"]


READERS = {
    "UPLOAD_MAX_MB": _upload_max_mb,
    "UPLOAD_EXTENSIONS": _upload_extensions,
    "AT_RISK_DEFAULTS": _at_risk_defaults,
    "NUDGE_EMAILS": _nudge_emails,
}


def validate_operator_settings(bucket) -> OperatorSettings:
    """Typed settings from an XBLOCK_SETTINGS bucket: each missing or wrong key takes its default;
    the problems found (a sentence each, naming the key, the value and what is expected) ride
    along."""
    problems: list[SettingProblem] = []
    if bucket is None:
        bucket = {}
    if not isinstance(bucket, Mapping):
        problems.append(
            _problem(
                BUCKET,
                _(
                    'XBLOCK_SETTINGS["spoc_xblocks"] is {value}: it must be a dictionary of '
                    "settings. The defaults are used."
                ),
                {"value": shown(bucket)},
            )
        )
        bucket = {}
    for key in bucket:
        if key not in READERS:
            problems.append(
                _problem(
                    BUCKET,
                    _(
                        'XBLOCK_SETTINGS["spoc_xblocks"] has an unknown key {key}: the keys are '
                        "{keys}. It is ignored."
                    ),
                    {"key": shown(key), "keys": ", ".join(READERS)},
                    known_key=False,
                )
            )
    values = {
        key: READERS[key](bucket[key], problems)
        if key in bucket
        else READERS[key](DEFAULTS[key], [])
        for key in READERS
    }
    return OperatorSettings(
        values["UPLOAD_MAX_MB"],
        values["UPLOAD_EXTENSIONS"],
        values["AT_RISK_DEFAULTS"],
        values["NUDGE_EMAILS"],
        tuple(problems),
    )


_logged: set[str] = set()  # each problem is logged once per process, not at every request


def read_operator_settings(block) -> OperatorSettings:
    """The operator's settings for `block` through its `settings` service (a want: absent means the
    defaults)."""
    service = block.runtime.service(block, "settings")
    bucket = service.get_settings_bucket(block, default={}) if service is not None else {}
    settings = validate_operator_settings(bucket)
    for problem in settings.problems:
        sentence = problem.text()
        if sentence not in _logged:
            _logged.add(sentence)
            log.warning("spoc_xblocks operator settings: %s", sentence)
    return settings
