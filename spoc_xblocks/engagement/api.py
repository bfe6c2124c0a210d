"""The public interface of the engagement widgets' data: record answers, read a block's or a
course's figures.

Every write joins the caller's transaction and is guarded by unique constraints (one participation
and one response per learner and block), so a double click or a retry cannot answer twice, and
answers sent at the same moment are separate rows that are all kept. Every read is a constant number
of queries and returns plain data. The cohort coach reads `satisfaction`, `skills_delta` and
`skills_followup`.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from spoc_xblocks.common.markers import rows_marker
from spoc_xblocks.common.upsert import add_to_counts

from .logic.pulse import MODULE_CHECK, MODULE_CHECK_OPTIONS, SINGLE
from .logic.skills import followup_summary, skills_delta_summary
from .logic.tallies import counter_names, satisfaction_summary
from .models import PulseCounter, PulseParticipation, PulseResponse, SkillsResponse


class AlreadyAnswered(Exception):
    """The learner has answered this block already; the caller's transaction must be rolled back."""


def record_pulse_answer(
    course_key: str, usage_key: str, learner_id: str, answers: dict, *, anonymous: bool, rated: bool
) -> None:
    """Store a learner's answers: a participation row keyed by learner, a response row that, when
    the pulse is anonymous, carries neither the learner's id nor the time, and the block's counters
    moved on. Four queries, in the caller's transaction.
    """
    try:
        # savepoint=False: a refusal rolls back the whole request, so no savepoint (two queries) is
        # needed.
        with transaction.atomic(savepoint=False):
            PulseParticipation.objects.create(
                course_key=course_key, usage_key=usage_key, learner_id=learner_id, rated=rated
            )
            PulseResponse.objects.create(
                course_key=course_key,
                usage_key=usage_key,
                answers=answers,
                learner_id=None if anonymous else learner_id,
                submitted=None if anonymous else timezone.now(),
            )
    except IntegrityError as error:
        raise AlreadyAnswered from error
    _move_counters(usage_key, counter_names(answers, anonymous=anonymous), 1)


def _move_counters(usage_key: str, names: list[str], step: int) -> None:
    """Add `step` to each named counter of the block in one statement: a counter missing is created,
    and answers stored at the same moment queue on each counter's row, so all are counted. A step
    down (a deleted response) finds its counters there."""
    if step > 0:
        keys = [{"usage_key": usage_key, "name": name} for name in names]
        add_to_counts(PulseCounter, keys, "count", step)
    else:
        PulseCounter.objects.filter(usage_key=usage_key, name__in=names).update(
            count=F("count") + step
        )


def has_answered_pulse(usage_key: str, learner_id: str) -> bool:
    return PulseParticipation.objects.filter(usage_key=usage_key, learner_id=learner_id).exists()


def named_pulse_answers(usage_key: str, learner_id: str) -> dict | None:
    """A learner's own answers to a named pulse (None when anonymous or not answered: nothing links
    them)."""
    return (
        PulseResponse.objects.filter(usage_key=usage_key, learner_id=learner_id)
        .values_list("answers", flat=True)
        .first()
    )


def forget_pulse_answer(usage_key: str, learner_id: str) -> int:
    """Delete a learner's participation (they may answer again) and their named response; how many
    rows went.

    An anonymous response holds nothing that leads to its learner, so it cannot be found and stays.
    """
    answers = named_pulse_answers(usage_key, learner_id)
    responses = PulseResponse.objects.filter(usage_key=usage_key, learner_id=learner_id).delete()[0]
    if responses and answers is not None:  # counted down once, by the request that deleted it
        _move_counters(usage_key, counter_names(answers, anonymous=False), -1)
    participations = PulseParticipation.objects.filter(
        usage_key=usage_key, learner_id=learner_id
    ).delete()[0]
    return responses + participations


def pulse_counters(usage_key: str) -> dict[str, int]:
    """The block's counters by name (see `logic.tallies`): one query, a few rows per question."""
    return dict(
        PulseCounter.objects.filter(usage_key=usage_key).values_list("name", "count").iterator()
    )


def pulse_answer_sets(usage_key: str) -> dict:
    """Every response's answers to a block (in random key order), who gave them (None when
    anonymous), and whether any was anonymous: one query."""
    rows = list(
        PulseResponse.objects.filter(usage_key=usage_key)
        .order_by("id")
        .values_list("answers", "learner_id")
    )
    return {
        "answers": [answers for answers, _learner in rows],
        "learners": [learner for _answers, learner in rows],
        "any_anonymous": any(learner is None for _answers, learner in rows),
    }


def _answered_ids(model, usage_key: str, field: str) -> dict[str, int]:
    """How many stored responses of a block answer each id of their `field` (a pulse's questions in
    `answers`, a skills check's competencies in `levels`): what removing it in the editor hides."""
    counts: dict[str, int] = {}
    for answered in model.objects.filter(usage_key=usage_key).values_list(field, flat=True):
        for item_id in answered:
            counts[item_id] = counts.get(item_id, 0) + 1
    return counts


def answered_questions(usage_key: str) -> dict[str, int]:
    """How many responses of a pulse answer each question id."""
    return _answered_ids(PulseResponse, usage_key, "answers")


def rated_competencies(usage_key: str) -> dict[str, int]:
    """How many learners rated each competency id of a skills check."""
    return _answered_ids(SkillsResponse, usage_key, "levels")


def module_checks(course_key: str) -> dict[str, dict[str, int]]:
    """How many learners chose each option of each one-click module check of a course (pulses
    made of the `module-check` question), from the pulses' counters: one query."""
    prefix = f"{MODULE_CHECK} {SINGLE} "
    pulses = PulseParticipation.objects.filter(course_key=course_key).values("usage_key")
    rows = PulseCounter.objects.filter(usage_key__in=pulses, name__startswith=prefix)
    found: dict[str, dict[str, int]] = {}
    for usage_key, name, count in rows.values_list("usage_key", "name", "count"):
        option = name.removeprefix(prefix)
        if option in MODULE_CHECK_OPTIONS and count:
            found.setdefault(usage_key, {})[option] = count
    return found


def export_pulse(usage_key: str, chunk_size: int = 500):
    """Every response as a dict (learner_id and submitted are None for anonymous ones), streamed in
    chunks."""
    rows = (
        PulseResponse.objects.filter(usage_key=usage_key)
        .order_by("id")
        .values("learner_id", "submitted", "answers")
    )
    yield from rows.iterator(chunk_size=chunk_size)


def answers_marker(course_key: str) -> tuple:
    """How many pulse and skills answers a course has and the newest of each, in two index reads:
    it changes whenever one is added or deleted (answers are never rewritten)."""
    return (
        rows_marker(PulseParticipation.objects.filter(course_key=course_key), "id"),
        rows_marker(SkillsResponse.objects.filter(course_key=course_key), "id"),
    )


def satisfaction(course_key: str) -> dict:
    """Satisfaction across every pulse of a course, in two queries whatever the cohort size.

    {"responses": learners who answered a rating or NPS question, "average_percent": mean of every
    Likert and star answer on 0-100 (None without any), "nps": -100..100 over every NPS answer (None
    without any), "by_learner": {learner id: average percent} from named pulses only}.
    """
    rated_learners = (
        PulseParticipation.objects.filter(course_key=course_key, rated=True)
        .values("learner_id")
        .distinct()
        .count()
    )
    responses = list(
        PulseResponse.objects.filter(course_key=course_key).values_list("learner_id", "answers")
    )
    return satisfaction_summary(responses, rated_learners)


def record_skills_answer(
    course_key: str,
    usage_key: str,
    check_id: str,
    phase: str,
    learner_id: str,
    levels: dict,
    competencies: list,
    application: dict | None = None,
    benefit: str = "",
) -> None:
    """Store a learner's self-assessment (one insert, in the caller's transaction); AlreadyAnswered
    on a second. A follow-up also keeps how each competency was applied and the benefit seen."""
    try:
        with transaction.atomic(savepoint=False):
            SkillsResponse.objects.create(
                course_key=course_key,
                usage_key=usage_key,
                check_id=check_id,
                phase=phase,
                learner_id=learner_id,
                levels=levels,
                competencies=competencies,
                application=application or {},
                benefit=benefit,
            )
    except IntegrityError as error:
        raise AlreadyAnswered from error


def forget_skills_answer(usage_key: str, learner_id: str) -> int:
    """Delete a learner's self-assessment in a block (they may answer again); how many rows went."""
    return SkillsResponse.objects.filter(usage_key=usage_key, learner_id=learner_id).delete()[0]


def skills_answer(usage_key: str, learner_id: str) -> dict | None:
    """A learner's answer in a block (levels, application, benefit), or None before they
    answer."""
    return (
        SkillsResponse.objects.filter(usage_key=usage_key, learner_id=learner_id)
        .values("levels", "application", "benefit")
        .first()
    )


def paired_levels(course_key: str, check_id: str, phase: str, learner_id: str) -> dict | None:
    """A learner's latest levels in the course's check of that id and phase (the other half of a
    pair)."""
    answer = latest_answer(course_key, check_id, phase, learner_id)
    return None if answer is None else answer["levels"]


def latest_answer(course_key: str, check_id: str, phase: str, learner_id: str) -> dict | None:
    """A learner's latest answer (levels, answered) to the course's check of that id and phase."""
    return (
        SkillsResponse.objects.filter(
            course_key=course_key, check_id=check_id, phase=phase, learner_id=learner_id
        )
        .order_by("-answered")
        .values("levels", "answered")
        .first()
    )


def check_responses(course_key: str, check_id: str) -> list[dict]:
    """Every response to both halves of a check (learner, phase, levels, answered), oldest first:
    one query."""
    return list(
        SkillsResponse.objects.filter(course_key=course_key, check_id=check_id)
        .order_by("answered", "id")
        .values("learner_id", "phase", "levels", "answered", "application", "benefit")
    )


def skills_delta(course_key: str) -> dict:
    """Skills change across every before/after pair of a course, in one query whatever the cohort
    size.

    {"learners": learners with both a before and an after, "competencies": [{"check_id", "id",
    "label", "learners", "before_average", "after_average", "delta_average", "delta_spread"
    (standard deviation)}], "by_learner": {learner id: average change across competencies}}.
    """
    rows = list(
        SkillsResponse.objects.filter(course_key=course_key).values(
            "check_id", "phase", "learner_id", "levels", "competencies", "answered"
        )
    )
    return skills_delta_summary(rows)


def skills_followup(course_key: str) -> dict:
    """The course's skills follow-up in one query whatever the cohort size: how many apply each
    competency at work, and the benefits learners saw (see `followup_summary`)."""
    rows = list(
        SkillsResponse.objects.filter(course_key=course_key).values(
            "check_id",
            "phase",
            "learner_id",
            "levels",
            "competencies",
            "application",
            "benefit",
            "answered",
        )
    )
    return followup_summary(rows)
