"""Pulse figures: counts per value or option, rating averages, NPS, and when results show.

Figures come from one core, fed either by the answer sets as stored (one dict per response: the
trainer's page and the exports) or by counters kept beside them (`counter_names`: what one response
adds 1 to), so a learner's request reads a few counters, however many answers are stored.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .pulse import (
    CHOICE_KINDS,
    MULTIPLE,
    NPS,
    RATING_KINDS,
    SCALES,
    TEXT,
    PulseDefinition,
    Question,
)

# Below this many answers an anonymous pulse shows no figures at all, to anyone: with one or two
# answers, anyone who knows who answered could tell what they said.
MIN_ANONYMOUS_RESPONSES = 3
PROMOTER_FROM, DETRACTOR_UP_TO = 9, 6


@dataclass(frozen=True)
class QuestionTally:
    question: Question
    answered: int
    counts: tuple[tuple[str, int], ...] = ()
    average: float | None = None
    percent: float | None = None
    nps: int | None = None
    promoters: int = 0
    passives: int = 0
    detractors: int = 0
    texts: tuple[str, ...] = ()


def results_visible(anonymous: bool, responses: int) -> bool:
    """Whether figures may be shown: always for a named pulse, from 3 answers for an anonymous
    one."""
    return not anonymous or responses >= MIN_ANONYMOUS_RESPONSES


def rating_percent(kind: str, value: int) -> float:
    """A rating on its scale as 0-100 (1 of 5 is 0, 5 of 5 is 100)."""
    low, high = SCALES[kind]
    return (value - low) * 100 / (high - low)


def nps_of(scores: list[int]) -> int | None:
    """The Net Promoter Score of 0-10 answers: % promoters (9-10) minus % detractors (0-6), or
    None."""
    if not scores:
        return None
    promoters = sum(1 for score in scores if score >= PROMOTER_FROM)
    detractors = sum(1 for score in scores if score <= DETRACTOR_UP_TO)
    return _net_promoters(promoters, detractors, len(scores))


def _net_promoters(promoters: int, detractors: int, answers: int) -> int:
    """From -100 (all detractors) to 100 (all promoters)."""
    return round(100 * (promoters - detractors) / answers)


def _values(question: Question, answer_sets: list[dict]) -> list:
    """The answers given to a question in its current kind (answers from before a change of kind are
    left out)."""
    found = []
    for answers in answer_sets:
        answer = answers.get(question.id)
        if answer is not None and answer.get("kind") == question.kind:
            found.append(answer["value"])
    return found


def texts_by(question: Question, answer_sets: list[dict], people: list[str]) -> list[tuple]:
    """Each written answer to a question, with who gave it (`people` in the order of
    `answer_sets`)."""
    return [
        (person, value)
        for answers, person in zip(answer_sets, people, strict=True)
        for value in _values(question, [answers])
    ]


def _items(kind: str, value) -> list:
    """What one answer counts: each option chosen (once), or its value."""
    return list(dict.fromkeys(value)) if kind == MULTIPLE else [value]


def _figures(question: Question, answered: int, counted: Counter, texts=()) -> QuestionTally:
    """A question's figures from how many answered it and how often each option or score came."""
    if question.kind == TEXT:
        return QuestionTally(question, answered, texts=tuple(texts))
    if question.kind in CHOICE_KINDS:
        return QuestionTally(
            question,
            answered,
            counts=tuple((option.id, counted[option.id]) for option in question.options),
        )
    low, high = SCALES[question.kind]
    counts = tuple((str(score), counted[score]) for score in range(low, high + 1))
    if not answered:
        return QuestionTally(question, 0, counts=counts)
    if question.kind == NPS:
        promoters = sum(times for score, times in counted.items() if score >= PROMOTER_FROM)
        detractors = sum(times for score, times in counted.items() if score <= DETRACTOR_UP_TO)
        return QuestionTally(
            question,
            answered,
            counts=counts,
            nps=_net_promoters(promoters, detractors, answered),
            promoters=promoters,
            detractors=detractors,
            passives=answered - promoters - detractors,
        )
    average = sum(score * times for score, times in counted.items()) / answered
    return QuestionTally(
        question,
        answered,
        counts=counts,
        average=round(average, 1),
        percent=round(rating_percent(question.kind, average), 1),
    )


def tally_question(question: Question, answer_sets: list[dict]) -> QuestionTally:
    values = _values(question, answer_sets)
    if question.kind == TEXT:
        return _figures(question, len(values), Counter(), texts=values)
    counted = Counter(item for value in values for item in _items(question.kind, value))
    return _figures(question, len(values), counted)


def tally(definition: PulseDefinition, answer_sets: list[dict]) -> list[QuestionTally]:
    """Each question's figures, in the pulse's order."""
    return [tally_question(question, answer_sets) for question in definition.questions]


# The counters of a block: its responses, its anonymous ones, and per question (in the kind it was
# answered in) how many answered it and how often each option or score came.
RESPONSES, ANONYMOUS_RESPONSES, ANSWERED = "responses", "anonymous", "answered"


def _counter(question_id: str, kind: str, item) -> str:
    return f"{question_id} {kind} {item}"  # ids and kinds hold no space


def counter_names(answers: dict, *, anonymous: bool) -> list[str]:
    """The counters one stored response adds 1 to (and takes 1 from when it is deleted)."""
    names = [RESPONSES] + ([ANONYMOUS_RESPONSES] if anonymous else [])
    for question_id, answer in answers.items():
        kind = answer["kind"]
        names.append(_counter(question_id, kind, ANSWERED))
        if kind != TEXT:
            names.extend(
                _counter(question_id, kind, item) for item in _items(kind, answer["value"])
            )
    return names


def tally_counters(definition: PulseDefinition, counters: dict[str, int]) -> list[QuestionTally]:
    """Each question's figures from the block's counters: the same as `tally` of every stored
    answer set, without the written answers."""
    results = []
    for question in definition.questions:
        prefix = _counter(question.id, question.kind, "")
        counted = Counter()
        for name, times in counters.items():
            item = name.removeprefix(prefix)
            if name.startswith(prefix) and item != ANSWERED and times:
                counted[item if question.kind in CHOICE_KINDS else int(item)] += times
        answered = counters.get(prefix + ANSWERED, 0)
        results.append(_figures(question, answered, counted))
    return results


def share(count: int, total: int) -> int:
    """A whole percentage of `total` (0 when there is none)."""
    return round(100 * count / total) if total else 0


def satisfaction_summary(responses: list[tuple[str | None, dict]], rated_learners: int) -> dict:
    """Course satisfaction from every pulse response: (learner id or None when anonymous, answers).

    `average_percent` is the mean of every Likert and star answer on 0-100; `nps` is computed over
    every NPS answer; `by_learner` averages a learner's ratings over named responses only.
    """
    ratings, scores, by_learner = [], [], {}
    for learner_id, answers in responses:
        for answer in answers.values():
            kind, value = answer.get("kind"), answer.get("value")
            if kind in RATING_KINDS:
                ratings.append(rating_percent(kind, value))
                if learner_id is not None:
                    by_learner.setdefault(learner_id, []).append(rating_percent(kind, value))
            elif kind == NPS:
                scores.append(value)
    return {
        "responses": rated_learners,
        "average_percent": round(sum(ratings) / len(ratings), 1) if ratings else None,
        "nps": nps_of(scores),
        "by_learner": {
            learner: round(sum(values) / len(values), 1) for learner, values in by_learner.items()
        },
    }
