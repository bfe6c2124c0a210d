"""The skills check as data: competencies with a description per level, a learner's levels, and the
changes.

A "before" and an "after" block form a pair by sharing an author-set `check_id`; a learner's change
on a competency is their after level minus their before level, counted only when they answered both.
A "follow-up" block of the same id, months later, asks the levels again and how often each
competency was used at work since, with an example and the benefit seen: it opens a set number of
days after the learner's after check, or on a date.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from spoc_xblocks.common.text import _

from .pulse import AnswerError

LEVELS = (1, 2, 3, 4, 5)
BEFORE, AFTER, FOLLOWUP = "before", "after", "followup"
PHASES = (BEFORE, AFTER, FOLLOWUP)
# How often a competency was used at work since the course, rarest first; "applies" it: monthly
# or more often.
USES = ("never", "once", "monthly", "weekly", "daily")
APPLYING = frozenset(USES[2:])
EXAMPLE_MAX_LENGTH = 1000
BENEFIT_MAX_LENGTH = 2000
MAX_COMPETENCIES = 20
MAX_CHANGE = LEVELS[-1] - LEVELS[0]


@dataclass(frozen=True)
class Competency:
    id: str
    label: str
    levels: tuple[str, ...]  # what each level 1-5 means, in order


@dataclass(frozen=True)
class SkillsDefinition:
    check_id: str
    phase: str
    competencies: tuple[Competency, ...]
    intro: str = ""

    def to_dict(self) -> dict:
        """The whole check as plain data: its settings and its content."""
        return {"check_id": self.check_id, "phase": self.phase, **self.content()}

    def content(self) -> dict:
        return skills_content(self.intro, self.competencies)

    @classmethod
    def from_content(cls, content: dict, *, check_id: str, phase: str) -> SkillsDefinition:
        """The check from its content field and its settings."""
        return cls(
            check_id=check_id,
            phase=phase,
            intro=content.get("intro", ""),
            competencies=tuple(
                Competency(item["id"], item["label"], tuple(item["levels"]))
                for item in content.get("competencies", ())
            ),
        )

    @property
    def labels(self) -> list[list[str]]:
        """[[id, label], ...] in order: what a response keeps of the competencies the learner
        saw."""
        return [[competency.id, competency.label] for competency in self.competencies]


def skills_content(intro: str, competencies) -> dict:
    """The introduction and the competencies as plain data, as the block's content field keeps
    them."""
    return {
        "intro": intro,
        "competencies": [
            {"id": competency.id, "label": competency.label, "levels": list(competency.levels)}
            for competency in competencies
        ],
    }


def _refuse_unknown(definition: SkillsDefinition, *answers: dict) -> None:
    """AnswerError when an answer names a competency the check no longer has."""
    known = {competency.id for competency in definition.competencies}
    if any(set(answer) - known for answer in answers):
        raise AnswerError(
            _(
                "This skills check has changed since the page was loaded: reload the page and "
                "answer again."
            )
        )


def clean_levels(definition: SkillsDefinition, raw: dict) -> dict[str, int]:
    """A level for every competency, each 1-5, and nothing else; AnswerError names every competency
    left without a level at once, else the first other problem."""
    _refuse_unknown(definition, raw)
    missing = [
        (number, competency)
        for number, competency in enumerate(definition.competencies, start=1)
        if raw.get(competency.id) is None
    ]
    if len(missing) == 1:
        (number, competency), *_others = missing
        raise AnswerError(
            _("Choose a level for competency {number}, “{label}”."),
            number=number,
            label=competency.label,
            field=competency.id,
        )
    if missing:
        raise AnswerError(
            _("Choose a level for competencies {numbers}."),
            numbers=", ".join(str(number) for number, _competency in missing),
            field=missing[0][1].id,
        )
    for number, competency in enumerate(definition.competencies, start=1):
        level = raw[competency.id]
        if isinstance(level, bool) or not isinstance(level, int) or level not in LEVELS:
            raise AnswerError(
                _("The level of competency {number} must be a whole number from 1 to 5."),
                number=number,
                field=competency.id,
            )
    return {competency.id: raw[competency.id] for competency in definition.competencies}


def learner_change(labels: list[list[str]], before: dict | None, after: dict) -> list[dict]:
    """One row per competency of the after check: before level (None if not answered), after level,
    change."""
    rows = []
    for competency_id, label in labels:
        was = (before or {}).get(competency_id)
        now = after.get(competency_id)
        rows.append(
            {
                "id": competency_id,
                "label": label,
                "before": was,
                "after": now,
                "delta": None if was is None or now is None else now - was,
            }
        )
    return rows


def _round(value: float) -> float:
    return round(value, 2)


def cohort_levels(labels: list[list[str]], level_sets: list[dict]) -> list[dict]:
    """Per competency: how many learners answered and their average level (for a check on its
    own)."""
    rows = []
    for competency_id, label in labels:
        levels = [levels[competency_id] for levels in level_sets if competency_id in levels]
        rows.append(
            {
                "id": competency_id,
                "label": label,
                "answered": len(levels),
                "average": _round(statistics.fmean(levels)) if levels else None,
            }
        )
    return rows


def cohort_change(labels: list[list[str]], pairs: list[tuple[dict, dict]]) -> list[dict]:
    """Per competency, over learners who rated it before and after: averages, mean change and its
    spread.

    The spread is the population standard deviation of the changes (the cohort itself, not a
    sample).
    """
    rows = []
    for competency_id, label in labels:
        both = [
            (before[competency_id], after[competency_id])
            for before, after in pairs
            if competency_id in before and competency_id in after
        ]
        deltas = [now - was for was, now in both]
        rows.append(
            {
                "id": competency_id,
                "label": label,
                "learners": len(both),
                "before_average": _round(statistics.fmean(was for was, _now in both))
                if both
                else None,
                "after_average": _round(statistics.fmean(now for _was, now in both))
                if both
                else None,
                "delta_average": _round(statistics.fmean(deltas)) if deltas else None,
                "delta_spread": _round(statistics.pstdev(deltas)) if deltas else None,
            }
        )
    return rows


def skills_delta_summary(rows: list[dict]) -> dict:
    """The course's skills change from every skills-check response (dicts with check_id, phase,
    learner_id, levels, competencies, answered), latest response per learner, check and phase.

    Competencies and their labels come from the latest "after" response of each check.
    """
    latest: dict[tuple[str, str, str], dict] = {}
    for row in sorted(rows, key=lambda row: row["answered"]):
        latest[(row["check_id"], row["phase"], row["learner_id"])] = row
    competencies, deltas_by_learner, paired = [], {}, set()
    for check_id in sorted({check for check, phase, _learner in latest if phase == AFTER}):
        afters = [
            row
            for (check, phase, _learner), row in latest.items()
            if check == check_id and phase == AFTER
        ]
        pairs = [
            (
                latest[(check_id, BEFORE, row["learner_id"])]["levels"],
                row["levels"],
                row["learner_id"],
            )
            for row in afters
            if (check_id, BEFORE, row["learner_id"]) in latest
        ]
        labels = max(afters, key=lambda row: row["answered"])["competencies"]
        competencies.extend(
            {"check_id": check_id, **entry}
            for entry in cohort_change(
                labels, [(before, after) for before, after, _learner in pairs]
            )
        )
        for before, after, learner_id in pairs:
            paired.add(learner_id)
            deltas_by_learner.setdefault(learner_id, []).extend(
                after[competency_id] - before[competency_id]
                for competency_id, _label in labels
                if competency_id in before and competency_id in after
            )
    by_learner = {
        learner: _round(statistics.fmean(deltas))
        for learner, deltas in deltas_by_learner.items()
        if deltas
    }
    return {"learners": len(paired), "competencies": competencies, "by_learner": by_learner}


# ---- the follow-up ------------------------------------------------------------------------------


def followup_opens(after_answered: datetime | None, days: int, on: date | None) -> datetime | None:
    """When a learner's follow-up opens: on the author's date (at midnight UTC) when there is one,
    else `days` after their after check; None while that check is not taken."""
    if on is not None:
        return datetime.combine(on, time(), tzinfo=UTC)
    if after_answered is None:
        return None
    return after_answered + timedelta(days=days)


def clean_application(definition: SkillsDefinition, uses: dict, examples: dict) -> dict:
    """How often each competency was used ("never" … "daily") and an optional example of it;
    AnswerError names every competency left without an answer at once."""
    _refuse_unknown(definition, uses, examples)
    missing = [
        (number, competency)
        for number, competency in enumerate(definition.competencies, start=1)
        if uses.get(competency.id) not in USES
    ]
    if missing:
        raise AnswerError(
            _("Say how often you used competencies {numbers} at work.")
            if len(missing) > 1
            else _("Say how often you used competency {numbers} at work."),
            numbers=", ".join(str(number) for number, _competency in missing),
            field=f"use-{missing[0][1].id}",
        )
    return {
        competency.id: {
            "use": uses[competency.id],
            "example": (examples.get(competency.id) or "").strip()[:EXAMPLE_MAX_LENGTH],
        }
        for competency in definition.competencies
    }


def _average(values: list[int]) -> float | None:
    return _round(statistics.fmean(values)) if values else None


def cohort_followup(labels: list[list[str]], learners: list[dict]) -> list[dict]:
    """Per competency, over the learners who answered the follow-up (each {"before", "after",
    "followup": levels or None, "application": {id: {"use", "example"}}}): the average level at
    each of the three checks (over those who took it), and how many apply the competency at work
    (monthly or more often)."""
    rows = []
    for competency_id, label in labels:
        answered = [learner for learner in learners if competency_id in (learner["followup"] or {})]
        phase_levels = {
            phase: [
                learner[phase][competency_id]
                for learner in answered
                if competency_id in (learner[phase] or {})
            ]
            for phase in PHASES
        }
        uses = [learner["application"].get(competency_id, {}).get("use") for learner in answered]
        applying = sum(1 for use in uses if use in APPLYING)
        rows.append(
            {
                "id": competency_id,
                "label": label,
                "learners": len(answered),
                "before_average": _average(phase_levels[BEFORE]),
                "after_average": _average(phase_levels[AFTER]),
                "followup_average": _average(phase_levels[FOLLOWUP]),
                "applying": applying,
                "applying_percent": round(100 * applying / len(answered)) if answered else None,
                "uses": {use: uses.count(use) for use in USES},
            }
        )
    return rows


def followup_summary(rows: list[dict]) -> dict:
    """The course's follow-up, from every skills-check response (dicts with check_id, phase,
    learner_id, levels, competencies, application, benefit, answered), latest response per learner,
    check and phase: per competency how many apply it at work (see `cohort_followup`), and each
    learner's latest benefit seen.

    {"answered": learners with a follow-up, "competencies": [{"check_id", **cohort_followup row}]
    (competencies somebody answered), "benefits": {learner id: text} (non-empty texts only)}.
    """
    latest: dict[tuple[str, str, str], dict] = {}
    for row in sorted(rows, key=lambda row: row["answered"]):
        latest[(row["check_id"], row["phase"], row["learner_id"])] = row
    competencies, answered, benefits = [], set(), {}
    followups = sorted(
        (row for (_check, phase, _learner), row in latest.items() if phase == FOLLOWUP),
        key=lambda row: row["answered"],
    )
    for check_id in sorted({row["check_id"] for row in followups}):
        of_check = [row for row in followups if row["check_id"] == check_id]
        learners = [
            {
                phase: (latest.get((check_id, phase, row["learner_id"])) or {}).get("levels")
                for phase in (BEFORE, AFTER)
            }
            | {"followup": row["levels"], "application": row.get("application") or {}}
            for row in of_check
        ]
        labels = of_check[-1]["competencies"]
        competencies.extend(
            {"check_id": check_id, **entry}
            for entry in cohort_followup(labels, learners)
            if entry["learners"]
        )
        for row in of_check:
            answered.add(row["learner_id"])
            if (row.get("benefit") or "").strip():
                benefits[row["learner_id"]] = row["benefit"].strip()
    return {"answered": len(answered), "competencies": competencies, "benefits": benefits}
