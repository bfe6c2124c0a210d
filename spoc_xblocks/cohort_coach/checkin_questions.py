"""The check-in's questions as plain data for clients that draw their own form (the mobile apps).

Read from the payload shape the `post_checkin` handler checks, so the bounds a client is told are the ones the
server enforces. Labels are not sent: the data is collected once per course, not in each learner's language.
"""

from __future__ import annotations

from spoc_xblocks.common.payloads import Integer

from .learner import CHECKIN_SHAPE


def _answer_format(shape) -> dict:
    if isinstance(shape, Integer):
        return {"kind": "number", "minimum": shape.minimum, "maximum": shape.maximum}
    if shape.choices:
        return {"kind": "choice", "options": list(shape.choices)}
    return {"kind": "text", "max_length": shape.max_length}


def checkin_questions(question_ids: list[str]) -> list[dict]:
    """[{"id": "confidence", "required": False, "kind": "number", "minimum": 1, "maximum": 5}, ...] in form order."""
    return [
        {
            "id": question,
            "required": CHECKIN_SHAPE[question].required,
            **_answer_format(CHECKIN_SHAPE[question]),
        }
        for question in question_ids
    ]
