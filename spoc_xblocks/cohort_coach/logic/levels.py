"""The four evaluation levels of the SPOC (pure): reaction (the pulses' satisfaction), learning (the
skills checks' change from before to after), behaviour (the follow-up's use at work) and results
(the benefits learners reported in the follow-up, and the workshop and game scores).

Each level says whether it is measured: a level without its source is shown as "not measured yet",
with the block that would measure it.
"""

from __future__ import annotations

from statistics import fmean

REACTION, LEARNING, BEHAVIOUR, RESULTS = "reaction", "learning", "behaviour", "results"
LEVELS = (REACTION, LEARNING, BEHAVIOUR, RESULTS)


def _average(values: list) -> float | None:
    present = [value for value in values if value is not None]
    return round(fmean(present), 1) if present else None


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def learning(skills: dict | None) -> dict | None:
    """The skills change, with its average over competencies (None without a before/after pair)."""
    if not skills:
        return None
    return {
        "learners": skills["learners"],
        "average_change": _average([item["delta_average"] for item in skills["competencies"]]),
        "competencies": skills["competencies"],
    }


def behaviour(followup: dict | None) -> dict | None:
    """Per competency, the share of learners who answered the follow-up and apply it at work."""
    if not followup or not followup.get("answered") or not followup.get("competencies"):
        return None
    applying = sum(item["applying"] for item in followup["competencies"])
    answers = sum(item["learners"] for item in followup["competencies"])
    return {
        "learners": followup["answered"],
        "applying_percent": _share(applying, answers),
        "competencies": followup["competencies"],
    }


def results(followup: dict | None, game_scores: list, workshop_scores: list) -> dict | None:
    """The benefits learners reported (count and texts, by learner id) and the average workshop and
    game scores (percent, over learners with a score); None when there is none of these."""
    benefits = (followup or {}).get("benefits") or {}
    answered = (followup or {}).get("answered") or 0
    games = [score for score in game_scores if score is not None]
    workshops = [score for score in workshop_scores if score is not None]
    if not answered and not games and not workshops:
        return None
    return {
        "followup_learners": answered,
        "benefit_learners": len(benefits),
        "benefit_percent": _share(len(benefits), answered),
        "benefits": benefits,
        "game_learners": len(games),
        "game_average": _average(games),
        "workshop_learners": len(workshops),
        "workshop_average": _average(workshops),
    }


def evaluation_levels(
    satisfaction: dict | None,
    skills: dict | None,
    followup: dict | None,
    game_scores: list,
    workshop_scores: list,
) -> dict[str, dict | None]:
    """{level: its figures, or None while nothing measures it}, in the order of LEVELS."""
    return {
        REACTION: satisfaction,
        LEARNING: learning(skills),
        BEHAVIOUR: behaviour(followup),
        RESULTS: results(followup, game_scores, workshop_scores),
    }
