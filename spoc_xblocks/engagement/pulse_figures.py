"""What the pulse shows: its questions as form controls, a learner's own answers, and the results
with charts.

Plain dicts for the templates; every chart comes with a table of the same figures.
"""

from __future__ import annotations

from django.utils.safestring import mark_safe

from spoc_xblocks.common.charts import bar_chart_svg
from spoc_xblocks.common.numbers import number_text, percent_text
from spoc_xblocks.common.rendering import html_id

from .logic.pulse import (
    CHOICE_KINDS,
    LIKERT,
    LIKERT_LABELS,
    MAX_TEXT_ANSWER,
    MULTIPLE,
    NPS,
    SCALES,
    SINGLE,
    STARS,
    TEXT,
    PulseDefinition,
    Question,
)
from .logic.tallies import QuestionTally, share, texts_by

MAX_TEXTS_SHOWN = 100


def _star_label(score: int, ngettext) -> str:
    return ngettext("{count} star", "{count} stars", score).format(count=score)


def value_labels(question: Question, gettext, ngettext) -> list[tuple[str, str]]:
    """(stored value as text, label) for every possible answer of a scale or choice question, in
    order."""
    if question.kind in CHOICE_KINDS:
        return [(option.id, option.label) for option in question.options]
    low, high = SCALES[question.kind]
    if question.kind == LIKERT:
        return [(str(score), gettext(LIKERT_LABELS[score - low])) for score in range(low, high + 1)]
    if question.kind == STARS:
        return [(str(score), _star_label(score, ngettext)) for score in range(low, high + 1)]
    return [(str(score), str(score)) for score in range(low, high + 1)]


def answer_text(question: Question, value, gettext, ngettext) -> str:
    """An answer as a person reads it ('Agree', '4 stars', 'Videos; The game', the text itself)."""
    if question.kind == TEXT:
        return value
    if question.kind == SINGLE:
        return question.option_label(value) or value
    if question.kind == MULTIPLE:
        return "; ".join(question.option_label(item) or item for item in value)
    return dict(value_labels(question, gettext, ngettext))[str(value)]


def form_questions(block, definition: PulseDefinition, gettext, ngettext) -> list[dict]:
    """Each question as the form shows it: a legend, its choices (radio or checkbox) or a text
    box."""
    questions = []
    for number, question in enumerate(definition.questions, start=1):
        item = {
            "number": number,
            "id": question.id,
            "kind": question.kind,
            "text": question.text,
            "required": question.required,
            "html_id": html_id(block, f"q{number}"),
            "maxlength": MAX_TEXT_ANSWER,
            "hint": "",
            "choices": [],
        }
        if question.kind != TEXT:
            item["choices"] = [
                {
                    "value": value,
                    "label": label,
                    "html_id": html_id(block, f"q{number}-{index}"),
                    "stars": "★" * int(value) if question.kind == STARS else "",
                }
                for index, (value, label) in enumerate(value_labels(question, gettext, ngettext))
            ]
            item["input_type"] = "checkbox" if question.kind == MULTIPLE else "radio"
        if question.kind == NPS:
            item["hint"] = gettext("0 means not at all likely, 10 means extremely likely.")
        elif question.kind == MULTIPLE:
            item["hint"] = gettext("Choose all that apply.")
        questions.append(item)
    return questions


def own_answers(definition: PulseDefinition, answers: dict, gettext, ngettext) -> list[dict]:
    """A learner's named answers next to their questions (answers to questions since removed are
    left out)."""
    rows = []
    for number, question in enumerate(definition.questions, start=1):
        answer = answers.get(question.id)
        if answer is not None and answer.get("kind") == question.kind:
            rows.append(
                {
                    "number": number,
                    "question": question.text,
                    "answer": answer_text(question, answer["value"], gettext, ngettext),
                }
            )
    return rows


def _summary(result: QuestionTally, gettext, ngettext) -> str:
    count = result.answered
    if result.question.kind == TEXT:
        return ngettext("{count} written answer.", "{count} written answers.", count).format(
            count=count
        )
    if not count:
        return gettext("No answers yet.")
    if result.question.kind == NPS:
        return ngettext(
            "Net Promoter Score {nps} on a scale from −100 to 100, from {count} answer: "
            "{promoters} promoters (9-10), {passives} passives (7-8) and {detractors} "
            "detractors (0-6).",
            "Net Promoter Score {nps} on a scale from −100 to 100, from {count} answers: "
            "{promoters} promoters (9-10), {passives} passives (7-8) and {detractors} "
            "detractors (0-6).",
            count,
        ).format(
            nps=result.nps,
            count=count,
            promoters=result.promoters,
            passives=result.passives,
            detractors=result.detractors,
        )
    if result.question.kind in SCALES:
        return ngettext(
            "Average {average} out of 5, from {count} answer ({percent} on a scale of 0 to 100).",
            "Average {average} out of 5, from {count} answers ({percent} on a scale of 0 to 100).",
            count,
        ).format(average=result.average, count=count, percent=result.percent)
    answered = ngettext("{count} person answered.", "{count} people answered.", count).format(
        count=count
    )
    if result.question.kind == MULTIPLE:
        return (
            answered
            + " "
            + gettext("Several options could be chosen, so the shares add up to more than 100%.")
        )
    return answered


def _written(result: QuestionTally, answer_sets: list[dict], people: list[str] | None) -> list:
    """The written answers a trainer reads: with the learner's name in a named pulse."""
    if people is None:
        return [{"who": "", "text": text} for text in result.texts]
    return [
        {"who": who, "text": text} for who, text in texts_by(result.question, answer_sets, people)
    ]


def _question_result(
    block,
    number: int,
    result: QuestionTally,
    for_trainer: bool,
    gettext,
    ngettext,
    written=(),
) -> dict:
    question = result.question
    item = {
        "number": number,
        "text": question.text,
        "kind": question.kind,
        "summary": _summary(result, gettext, ngettext),
    }
    if question.kind == TEXT:
        if for_trainer:
            item["texts"] = written[:MAX_TEXTS_SHOWN]
            item["texts_more"] = max(0, len(written) - MAX_TEXTS_SHOWN)
        return item
    labels = dict(value_labels(question, gettext, ngettext))
    bars = [(labels[value], count) for value, count in result.counts]
    item["rows"] = [
        {
            "label": label,
            "count": number_text(count, gettext),
            "percent": percent_text(share(count, result.answered), gettext),
        }
        for label, count in bars
    ]
    # The chart escapes every text it draws.
    item["chart"] = mark_safe(
        bar_chart_svg(
            bars,
            max([count for _label, count in bars] + [1]),
            title=f"{number}. {question.text}",
            description=gettext(
                "How many people gave each answer; the table that follows gives the same figures."
            ),
            svg_id=html_id(block, f"chart-q{number}"),
        )
    )
    return item


def results_context(
    block,
    tallies: list[QuestionTally],
    *,
    for_trainer: bool,
    gettext,
    ngettext,
    answer_sets: list[dict] = (),
    people: list[str] | None = None,
) -> list[dict]:
    """Each question's figures with a chart and a table (written answers, from `answer_sets`, are
    listed to trainers only, with the learner's name when `people` names who gave each set)."""
    return [
        _question_result(
            block,
            number,
            result,
            for_trainer,
            gettext,
            ngettext,
            _written(result, answer_sets, people) if for_trainer else [],
        )
        for number, result in enumerate(tallies, start=1)
    ]
