"""The pulse's pure logic: answers checked per question kind, tallies, NPS, and when results may
show."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.engagement.logic.pulse import (
    CLOSED,
    NOT_OPEN,
    OPEN,
    AnswerError,
    Option,
    PulseDefinition,
    Question,
    clean_answers,
    format_time,
)
from spoc_xblocks.engagement.logic.tallies import (
    counter_names,
    nps_of,
    rating_percent,
    results_visible,
    satisfaction_summary,
    tally,
    tally_counters,
    tally_question,
    texts_by,
)

CHOICES = (Option("a", "Alpha"), Option("b", "Beta"), Option("c", "Gamma"))
DEFINITION = PulseDefinition(
    questions=(
        Question("pace", "likert", "Pace"),
        Question("stars", "stars", "Stars"),
        Question("nps", "nps", "Recommend"),
        Question("one", "single", "One", CHOICES),
        Question("many", "multiple", "Many", CHOICES, required=False),
        Question("free", "text", "Free", required=False),
    )
)
VALID = {"pace": 5, "stars": 1, "nps": 0, "one": "b"}


def test_valid_answers_are_kept_with_their_kind_and_unanswered_optional_questions_left_out():
    answers = clean_answers(DEFINITION, {**VALID, "many": ["c", "a"], "free": "  Fine.  "})
    assert answers["pace"] == {"kind": "likert", "value": 5}
    assert answers["many"] == {"kind": "multiple", "value": ["c", "a"]}
    assert answers["free"] == {"kind": "text", "value": "Fine."}
    assert set(clean_answers(DEFINITION, {**VALID, "many": [], "free": "   "})) == {
        "pace",
        "stars",
        "nps",
        "one",
    }


@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"pace": 6}, "from {low} to {high}"),
        ({"pace": 0}, "from {low} to {high}"),
        ({"nps": 11}, "from {low} to {high}"),
        ({"stars": True}, "from {low} to {high}"),
        ({"stars": "5"}, "from {low} to {high}"),
        ({"one": "z"}, "one of its options"),
        ({"one": ["a"]}, "one of its options"),
        ({"many": ["a", "a"]}, "one of its options"),
        ({"many": ["a", "zz"]}, "one of its options"),
        ({"many": "a"}, "one of its options"),
        ({"free": 3}, "must be text"),
        ({"free": "x" * 2001}, "longer than"),
        ({"ghost": 1}, "has changed since"),
    ],
)
def test_answers_that_do_not_fit_their_question_are_refused(changes, fragment):
    with pytest.raises(AnswerError) as error:
        clean_answers(DEFINITION, {**VALID, **changes})
    assert fragment in error.value.message.template


def test_a_missing_required_answer_names_the_question_by_number():
    with pytest.raises(AnswerError) as error:
        clean_answers(DEFINITION, {"pace": 3, "stars": 2, "one": "a"})
    assert error.value.params == {"number": 3}


def test_no_answer_at_all_is_refused_even_when_every_question_is_optional():
    optional = PulseDefinition(questions=(Question("free", "text", "Free", required=False),))
    with pytest.raises(AnswerError, match="at least one"):
        clean_answers(optional, {"free": " "})


def test_the_pulse_is_open_between_its_dates_only():
    definition = PulseDefinition(
        questions=(),
        opens=datetime(2026, 3, 2, 8, tzinfo=UTC),
        closes=datetime(2026, 3, 9, 18, tzinfo=UTC),
    )
    assert definition.status(datetime(2026, 3, 2, 7, 59, tzinfo=UTC)) == NOT_OPEN
    assert definition.status(datetime(2026, 3, 2, 8, tzinfo=UTC)) == OPEN
    assert definition.status(datetime(2026, 3, 9, 18, tzinfo=UTC)) == CLOSED
    assert PulseDefinition(questions=()).status(datetime(1990, 1, 1, tzinfo=UTC)) == OPEN


def test_times_are_written_in_utc_whatever_their_offset():
    paris = timezone(timedelta(hours=2))
    assert format_time(datetime(2026, 3, 2, 10, tzinfo=paris)) == "2026-03-02T08:00:00Z"
    assert format_time(None) is None


def test_the_definition_survives_its_content_and_settings():
    settings = {
        "anonymous": False,
        "learner_results": False,
        "opens": datetime(2026, 3, 2, 8, tzinfo=UTC),
        "closes": None,
    }
    definition = PulseDefinition(questions=DEFINITION.questions, intro="<p>Hi</p>", **settings)
    assert PulseDefinition.from_content(definition.content(), **settings) == definition
    assert definition.to_dict()["opens"] == "2026-03-02T08:00:00Z"


def answered(**values):
    return {question: {"kind": kind, "value": value} for question, (kind, value) in values.items()}


def test_tallies_count_each_value_and_average_ratings():
    sets = [
        answered(pace=("likert", 4), one=("single", "a"), many=("multiple", ["a", "c"])),
        answered(pace=("likert", 5), one=("single", "a"), many=("multiple", ["c"])),
        answered(pace=("likert", 2), one=("single", "c")),
    ]
    pace, _stars, _nps, one, many, _free = tally(DEFINITION, sets)
    assert pace.answered == 3 and dict(pace.counts) == {"1": 0, "2": 1, "3": 0, "4": 1, "5": 1}
    assert pace.average == 3.7 and pace.percent == 66.7
    assert dict(one.counts) == {"a": 2, "b": 0, "c": 1}
    assert many.answered == 2 and dict(many.counts) == {"a": 1, "b": 0, "c": 2}


def test_nps_is_promoters_minus_detractors_in_percent():
    result = tally_question(
        DEFINITION.questions[2], [answered(nps=("nps", score)) for score in (10, 9, 8, 7, 6, 0)]
    )
    assert (result.promoters, result.passives, result.detractors) == (2, 2, 2)
    assert result.nps == 0
    assert nps_of([10, 10, 9]) == 100 and nps_of([3]) == -100 and nps_of([]) is None
    assert nps_of([9, 9, 8]) == 67


def test_answers_given_before_a_question_changed_kind_are_left_out():
    result = tally_question(
        DEFINITION.questions[0], [answered(pace=("stars", 5)), answered(pace=("likert", 1))]
    )
    assert result.answered == 1 and result.average == 1.0


def test_written_answers_are_listed_in_the_order_given():
    result = tally_question(
        DEFINITION.questions[5], [answered(free=("text", "B")), answered(free=("text", "A"))]
    )
    assert result.texts == ("B", "A") and result.answered == 2


def test_each_written_answer_keeps_who_gave_it_and_those_without_one_are_left_out():
    sets = [
        answered(free=("text", "B")),
        answered(pace=("likert", 2)),
        answered(free=("text", "A")),
    ]
    assert texts_by(DEFINITION.questions[5], sets, ["bruno", "chloe", "alice"]) == [
        ("bruno", "B"),
        ("alice", "A"),
    ]


def test_an_anonymous_pulse_shows_results_from_three_answers_a_named_one_at_once():
    assert not results_visible(True, 2) and results_visible(True, 3)
    assert results_visible(False, 1)


def test_ratings_map_onto_0_to_100():
    assert (
        rating_percent("likert", 1) == 0
        and rating_percent("stars", 5) == 100
        and rating_percent("likert", 4) == 75
    )


def test_satisfaction_averages_every_rating_and_maps_named_learners_only():
    responses = [
        ("ann", answered(pace=("likert", 5), stars=("stars", 3), nps=("nps", 10))),
        (None, answered(pace=("likert", 1), nps=("nps", 2))),
        ("bob", answered(one=("single", "a"))),
    ]
    summary = satisfaction_summary(responses, rated_learners=2)
    assert summary["responses"] == 2
    assert summary["average_percent"] == 50.0  # (100 + 50 + 0) / 3
    assert summary["nps"] == 0
    assert summary["by_learner"] == {"ann": 75.0}


def test_satisfaction_without_ratings_has_no_figures():
    assert satisfaction_summary([], 0) == {
        "responses": 0,
        "average_percent": None,
        "nps": None,
        "by_learner": {},
    }


@given(st.lists(st.integers(min_value=0, max_value=10), max_size=60))
def test_nps_counts_add_up_and_the_score_stays_in_range(scores):
    result = tally_question(
        DEFINITION.questions[2], [answered(nps=("nps", score)) for score in scores]
    )
    assert sum(count for _value, count in result.counts) == len(scores) == result.answered
    assert result.promoters + result.passives + result.detractors == (len(scores) if scores else 0)
    assert result.nps is None if not scores else -100 <= result.nps <= 100


@given(st.lists(st.lists(st.sampled_from("abc"), unique=True, min_size=1), max_size=40))
def test_each_respondent_counts_once_per_option_chosen(choices):
    result = tally_question(
        DEFINITION.questions[4], [answered(many=("multiple", chosen)) for chosen in choices]
    )
    assert result.answered == len(choices)
    assert dict(result.counts) == {
        option: sum(option in chosen for chosen in choices) for option in "abc"
    }


ANSWER_SETS = st.lists(
    st.fixed_dictionaries(
        {
            "pace": st.integers(1, 5),
            "stars": st.integers(1, 5),
            "nps": st.integers(0, 10),
            "one": st.sampled_from(["a", "b", "c"]),
        },
        optional={
            "many": st.lists(st.sampled_from(["a", "b", "c"]), min_size=1, unique=True),
            "free": st.text(min_size=1, max_size=5),
        },
    ).map(lambda raw: clean_answers(DEFINITION, raw)),
    max_size=30,
)


@given(ANSWER_SETS, st.data())
def test_kept_counters_give_the_figures_of_a_full_recount_after_any_answers_and_deletions(
    answer_sets, data
):
    counters = {}
    kept = []
    for answers in answer_sets:
        anonymous = data.draw(st.booleans())
        for name in counter_names(answers, anonymous=anonymous):
            counters[name] = counters.get(name, 0) + 1
        kept.append(answers)
        if not anonymous and data.draw(st.booleans()):  # a named response deleted again
            for name in counter_names(kept.pop(), anonymous=False):
                counters[name] -= 1
    recounted = [replace(result, texts=()) for result in tally(DEFINITION, kept)]
    assert tally_counters(DEFINITION, counters) == recounted
    assert counters.get("responses", 0) == len(kept)


def test_a_question_answered_in_another_kind_before_an_edit_is_left_out_of_the_counters():
    edited = PulseDefinition(questions=(Question("pace", "stars", "Pace"),))
    counters = {
        name: 1 for name in counter_names({"pace": {"kind": "likert", "value": 4}}, anonymous=True)
    }
    (pace,) = tally_counters(edited, counters)
    assert (pace.answered, pace.average) == (0, None)
