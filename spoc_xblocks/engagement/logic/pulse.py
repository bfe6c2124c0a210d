"""The pulse survey as data: its question kinds, the definition an author writes, and answers
checked.

A definition is the block's settings and its content (the introduction and the questions, stored as
a plain dict in the block's content field), read into these frozen dataclasses; answers are stored
per question with their kind, so figures stay right after an edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from spoc_xblocks.common.numbers import Figure
from spoc_xblocks.common.text import TranslatableError, _

LIKERT, STARS, NPS, SINGLE, MULTIPLE, TEXT = "likert", "stars", "nps", "single", "multiple", "text"
KINDS = (LIKERT, STARS, NPS, SINGLE, MULTIPLE, TEXT)
SCALES = {LIKERT: (1, 5), STARS: (1, 5), NPS: (0, 10)}
RATING_KINDS = (LIKERT, STARS)
CHOICE_KINDS = (SINGLE, MULTIPLE)
MAX_QUESTIONS = 30
MAX_OPTIONS = 20
MAX_TEXT_ANSWER = 2000
ID_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,64}")
LIKERT_LABELS = (
    _("Strongly disagree"),
    _("Disagree"),
    _("Neither agree nor disagree"),
    _("Agree"),
    _("Strongly agree"),
)
NOT_OPEN, OPEN, CLOSED = "not_open", "open", "closed"
MODULE_CHECK = "module-check"
MODULE_CHECK_OPTIONS = ("relevant", "too-easy", "too-hard", "not-relevant")


class AnswerError(TranslatableError):
    """Answers that do not fit the pulse."""


@dataclass(frozen=True)
class Option:
    id: str
    label: str


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    text: str
    options: tuple[Option, ...] = ()
    required: bool = True

    def option_label(self, option_id: str) -> str | None:
        return next((option.label for option in self.options if option.id == option_id), None)


@dataclass(frozen=True)
class PulseDefinition:
    """A pulse: its questions and settings. A *module check* is the one-click preset an author
    drops at the end of a module: a single required single-choice question `module-check`, whose
    options say whether the module was relevant, too easy, too hard or not relevant."""

    questions: tuple[Question, ...]
    anonymous: bool = True
    learner_results: bool = True
    opens: datetime | None = None
    closes: datetime | None = None
    intro: str = ""
    by_id: dict = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "by_id", {question.id: question for question in self.questions})

    @property
    def is_module_check(self) -> bool:
        return [question.id for question in self.questions] == [MODULE_CHECK] and (
            self.questions[0].kind == SINGLE
        )

    def status(self, now: datetime) -> str:
        """Whether answers are taken at `now`: not open yet, open, or closed."""
        if self.opens is not None and now < self.opens:
            return NOT_OPEN
        if self.closes is not None and now >= self.closes:
            return CLOSED
        return OPEN

    def to_dict(self) -> dict:
        """The whole pulse as plain data: its settings and its content."""
        return {
            "anonymous": self.anonymous,
            "learner_results": self.learner_results,
            "opens": format_time(self.opens),
            "closes": format_time(self.closes),
            **self.content(),
        }

    def content(self) -> dict:
        return pulse_content(self.intro, self.questions)

    @classmethod
    def from_content(cls, content: dict, **settings) -> PulseDefinition:
        """The pulse from its content field and its settings (anonymous, learner_results, opens,
        closes)."""
        return cls(
            intro=content.get("intro", ""),
            questions=tuple(
                Question(
                    id=item["id"],
                    kind=item["kind"],
                    text=item["text"],
                    required=item.get("required", True),
                    options=tuple(
                        Option(option_id, label) for option_id, label in item.get("options", ())
                    ),
                )
                for item in content.get("questions", ())
            ),
            **settings,
        )


def pulse_content(intro: str, questions) -> dict:
    """The introduction and the questions as plain data, as the block's content field keeps them."""
    return {
        "intro": intro,
        "questions": [
            {
                "id": question.id,
                "kind": question.kind,
                "text": question.text,
                "required": question.required,
                "options": [[option.id, option.label] for option in question.options],
            }
            for question in questions
        ],
    }


def format_time(moment: datetime | None) -> str | None:
    """A moment as the canonical UTC text of our OLX and fields ('2026-03-02T09:00:00Z'), or
    None."""
    return None if moment is None else moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def clean_answers(definition: PulseDefinition, raw: dict) -> dict[str, dict]:
    """A learner's answers checked against the questions, as {question id: {"kind", "value"}}.

    Unanswered optional questions are left out; AnswerError names a wrong answer by its question's
    number, or every required question left unanswered.
    """
    unknown = [question_id for question_id in raw if question_id not in definition.by_id]
    if unknown:
        raise AnswerError(
            _("This pulse has changed since the page was loaded: reload the page and answer again.")
        )
    answers, unanswered = {}, []
    for number, question in enumerate(definition.questions, start=1):
        value = _clean_value(question, raw.get(question.id), number)
        if value is None:
            if question.required:
                unanswered.append((number, question.id))
            continue
        answers[question.id] = {"kind": question.kind, "value": value}
    if unanswered:
        raise _unanswered_error(unanswered)
    if not answers:
        raise AnswerError(_("Answer at least one question before sending."))
    return answers


def _unanswered_error(unanswered: list[tuple[int, str]]) -> AnswerError:
    """Every required question left unanswered, in one sentence, next to the first of them."""
    (number, field), *others = unanswered
    if not others:
        return AnswerError(_("Question {number} needs an answer."), number=number, field=field)
    return AnswerError(
        _("Questions {numbers} need an answer."),
        numbers=", ".join(str(number) for number, _id in unanswered),
        field=field,
    )


def _clean_value(question: Question, value, number: int):
    """The answer to one question in its stored form, None when it is unanswered, or AnswerError."""
    if value is None or value == "" or value == []:
        return None
    if question.kind in SCALES:
        low, high = SCALES[question.kind]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise AnswerError(
                _("The answer to question {number} must be a whole number from {low} to {high}."),
                number=number,
                field=question.id,
                low=low,
                high=high,
            )
        return value
    if question.kind == TEXT:
        if not isinstance(value, str):
            raise AnswerError(
                _("The answer to question {number} must be text."),
                number=number,
                field=question.id,
            )
        text = value.strip()
        if len(text) > MAX_TEXT_ANSWER:
            raise AnswerError(
                _("The answer to question {number} is longer than {limit} characters."),
                number=number,
                field=question.id,
                limit=Figure(MAX_TEXT_ANSWER),
            )
        return text or None
    chosen = [value] if question.kind == SINGLE else value
    if not isinstance(chosen, list) or not all(isinstance(item, str) for item in chosen):
        raise AnswerError(
            _("The answer to question {number} must be one of its options."),
            number=number,
            field=question.id,
        )
    if len(set(chosen)) != len(chosen) or any(
        question.option_label(item) is None for item in chosen
    ):
        raise AnswerError(
            _("The answer to question {number} must be one of its options."),
            number=number,
            field=question.id,
        )
    return chosen[0] if question.kind == SINGLE else chosen
