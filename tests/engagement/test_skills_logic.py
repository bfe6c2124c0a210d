"""The skills check's pure logic: levels checked, a learner's change, the cohort's average change
and spread."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.engagement.logic.pulse import AnswerError
from spoc_xblocks.engagement.logic.skills import (
    USES,
    Competency,
    SkillsDefinition,
    clean_levels,
    cohort_change,
    cohort_followup,
    cohort_levels,
    followup_opens,
    learner_change,
    skills_delta_summary,
)

LEVELS = ("one", "two", "three", "four", "five")
DEFINITION = SkillsDefinition(
    "pair", "before", (Competency("a", "Alpha", LEVELS), Competency("b", "Beta", LEVELS))
)
LABELS = DEFINITION.labels
T0 = datetime(2026, 3, 1, tzinfo=UTC)


def test_every_competency_gets_a_level_from_1_to_5():
    assert clean_levels(DEFINITION, {"b": 5, "a": 1}) == {"a": 1, "b": 5}


def test_every_competency_left_without_a_level_is_named_at_once():
    with pytest.raises(AnswerError) as error:
        clean_levels(DEFINITION, {})
    assert error.value.message.template == "Choose a level for competencies {numbers}."
    assert error.value.message.params["numbers"] == "1, 2" and error.value.field == "a"


@pytest.mark.parametrize(
    "levels, fragment",
    [
        ({"a": 1}, "Choose a level for competency {number}"),
        ({"a": 0, "b": 1}, "from 1 to 5"),
        ({"a": 6, "b": 1}, "from 1 to 5"),
        ({"a": True, "b": 1}, "from 1 to 5"),
        ({"a": 1, "b": 2, "c": 3}, "has changed since"),
    ],
)
def test_levels_that_do_not_fit_are_refused(levels, fragment):
    with pytest.raises(AnswerError) as error:
        clean_levels(DEFINITION, levels)
    assert fragment in error.value.message.template


def test_the_definition_survives_its_content_and_settings():
    content = DEFINITION.content()
    assert SkillsDefinition.from_content(content, check_id="pair", phase="before") == DEFINITION
    assert DEFINITION.to_dict() == {"check_id": "pair", "phase": "before", **content}


def test_a_learners_change_is_after_minus_before_per_competency():
    rows = learner_change(LABELS, {"a": 2, "b": 4}, {"a": 4, "b": 3})
    assert [(row["label"], row["before"], row["after"], row["delta"]) for row in rows] == [
        ("Alpha", 2, 4, 2),
        ("Beta", 4, 3, -1),
    ]
    assert learner_change(LABELS, None, {"a": 3, "b": 3})[0]["delta"] is None


def test_the_cohort_change_averages_and_spreads_over_learners_with_both():
    pairs = [
        ({"a": 1, "b": 2}, {"a": 3, "b": 2}),
        ({"a": 2, "b": 2}, {"a": 3, "b": 4}),
        ({"a": 3}, {"a": 3}),
    ]
    alpha, beta = cohort_change(LABELS, pairs)
    assert (
        alpha["learners"] == 3 and alpha["before_average"] == 2.0 and alpha["after_average"] == 3.0
    )
    assert alpha["delta_average"] == 1.0 and alpha["delta_spread"] == 0.82  # changes 2, 1, 0
    assert (
        beta["learners"] == 2 and beta["delta_average"] == 1.0 and beta["delta_spread"] == 1.0
    )  # 0 and 2
    assert cohort_change(LABELS, [])[0]["delta_average"] is None


def test_cohort_levels_average_each_competency():
    alpha, beta = cohort_levels(LABELS, [{"a": 1, "b": 5}, {"a": 2}])
    assert (alpha["answered"], alpha["average"]) == (2, 1.5) and (
        beta["answered"],
        beta["average"],
    ) == (1, 5.0)


def row(learner, phase, levels, minutes=0, check="pair", labels=LABELS):
    return {
        "check_id": check,
        "phase": phase,
        "learner_id": learner,
        "levels": levels,
        "competencies": labels,
        "answered": T0 + timedelta(minutes=minutes),
    }


def test_the_course_summary_pairs_before_and_after_by_check_id_and_learner():
    rows = [
        row("ann", "before", {"a": 1, "b": 2}),
        row("ann", "after", {"a": 3, "b": 3}, 10),
        row("bob", "before", {"a": 2, "b": 2}),
        row("bob", "after", {"a": 2, "b": 3}, 10),
        row("cid", "before", {"a": 1, "b": 1}),  # no after: not counted
        row("dan", "after", {"a": 5, "b": 5}, 10),  # no before: not counted
        row("ann", "after", {"a": 1, "b": 1}, 5, check="other"),  # another check, no before for it
    ]
    summary = skills_delta_summary(rows)
    assert summary["learners"] == 2
    assert summary["by_learner"] == {"ann": 1.5, "bob": 0.5}
    [alpha, beta] = [entry for entry in summary["competencies"] if entry["check_id"] == "pair"]
    assert (alpha["id"], alpha["label"], alpha["delta_average"], alpha["delta_spread"]) == (
        "a",
        "Alpha",
        1.0,
        1.0,
    )
    assert (beta["before_average"], beta["after_average"], beta["delta_average"]) == (2.0, 3.0, 1.0)


def test_the_latest_response_of_a_phase_counts_and_labels_come_from_the_latest_after():
    renamed = [["a", "Alpha (new)"], ["b", "Beta"]]
    rows = [
        row("ann", "before", {"a": 1, "b": 1}),
        row("ann", "before", {"a": 2, "b": 2}, 1),
        row("ann", "after", {"a": 4, "b": 2}, 9, labels=renamed),
    ]
    summary = skills_delta_summary(rows)
    assert summary["by_learner"] == {"ann": 1.0}
    assert summary["competencies"][0]["label"] == "Alpha (new)"


def test_an_empty_course_has_no_change():
    assert skills_delta_summary([]) == {"learners": 0, "competencies": [], "by_learner": {}}


# ---- the follow-up ------------------------------------------------------------------------------


def test_a_follow_up_opens_days_after_the_after_check_or_on_the_authors_date():
    after = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
    assert followup_opens(after, 90, None) == after + timedelta(days=90)
    assert followup_opens(None, 90, None) is None
    assert followup_opens(None, 90, date(2026, 9, 1)) == datetime(2026, 9, 1, tzinfo=UTC)
    assert followup_opens(after, 90, date(2026, 9, 1)) == datetime(2026, 9, 1, tzinfo=UTC)


_levels = st.dictionaries(st.sampled_from(["a", "b"]), st.integers(1, 5))
_learner = st.fixed_dictionaries(
    {
        "before": st.none() | _levels,
        "after": st.none() | _levels,
        "followup": _levels,
        "application": st.dictionaries(
            st.sampled_from(["a", "b"]),
            st.fixed_dictionaries({"use": st.sampled_from(USES), "example": st.just("")}),
        ),
    }
)


@given(st.lists(_learner, max_size=12))
def test_follow_up_figures_count_only_those_who_rated_each_competency(learners):
    rows = cohort_followup([["a", "A"], ["b", "B"]], learners)
    for row in rows:
        rated = [learner for learner in learners if row["id"] in learner["followup"]]
        assert row["learners"] == len(rated)
        assert (
            0
            <= row["applying"]
            <= row["learners"]
            == sum(row["uses"].values())
            + sum(1 for learner in rated if row["id"] not in learner["application"])
        )
        for key in ("before_average", "after_average", "followup_average"):
            assert row[key] is None or 1 <= row[key] <= 5
        if row["learners"]:
            assert row["applying_percent"] == round(100 * row["applying"] / row["learners"])
        else:
            assert row["applying_percent"] is None and row["followup_average"] is None
