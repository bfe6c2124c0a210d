"""The whole course progress's pure rules: blocks per module, medians, where learners stop and
scores per module."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.course_progress.logic.progress import (
    ModuleCount,
    blocks_per_module,
    cohort_medians,
    learner_counts,
    stopping_points,
    stopping_unit,
)
from spoc_xblocks.course_progress.logic.scores import ModuleScore, cohort_scores

# Two sections; the first holds units u1 (blocks a, b) and u2 (c); the second u3 (d).
PARENTS = {
    "s1": [],
    "u1": ["s1"],
    "a": ["u1", "s1"],
    "b": ["u1", "s1"],
    "u2": ["s1"],
    "c": ["u2", "s1"],
    "s2": [],
    "u3": ["s2"],
    "d": ["u3", "s2"],
}
MODULES = ["s1", "u1", "u2", "s2", "u3"]
UNITS = [("u1", ["a", "b"]), ("u2", ["c"]), ("u3", ["d"])]


def test_a_module_holds_every_block_under_it_but_no_module():
    blocks = blocks_per_module(PARENTS, MODULES)
    assert blocks == {
        "s1": ["a", "b", "c"],
        "u1": ["a", "b"],
        "u2": ["c"],
        "s2": ["d"],
        "u3": ["d"],
    }


def test_a_learner_counts_completed_blocks_per_module():
    counts = learner_counts({"a", "c"}, blocks_per_module(PARENTS, MODULES))
    assert counts["s1"] == ModuleCount(2, 3)
    assert counts["u1"] == ModuleCount(1, 2)
    assert counts["s2"] == ModuleCount(0, 1)


def test_the_median_counts_learners_who_completed_nothing_as_zero():
    learners = {"x": {"a", "b", "c"}, "y": {"a"}, "z": set()}
    blocks = blocks_per_module(PARENTS, MODULES)
    counts = {learner: learner_counts(done, blocks) for learner, done in learners.items()}
    medians = cohort_medians(counts, blocks)
    assert medians["s1"] == 1
    assert medians["s2"] == 0
    assert cohort_medians({}, ["s1"]) == {"s1": 0.0}


def test_a_learner_stops_in_the_unit_of_their_furthest_block_or_the_next_one():
    assert stopping_unit({"a"}, UNITS) == "u1"
    assert stopping_unit({"a", "b"}, UNITS) == "u2"
    assert stopping_unit({"c"}, UNITS) == "u3"  # a skipped unit before does not hold them
    assert stopping_unit({"d"}, UNITS) == ""  # reached the end
    assert stopping_unit(set(), UNITS) == ""  # not started


def test_stopping_points_count_over_the_whole_cohort_most_first():
    stalled = {"x": {"a"}, "y": {"a", "b"}, "z": {"a", "b", "c"}, "w": {"a", "b"}}
    points = stopping_points(stalled, UNITS, {"u1": "s1", "u2": "s1", "u3": "s2"}, 8)
    assert [(p.unit, p.section, p.stopped, p.percent) for p in points] == [
        ("u2", "s1", 2, 25),
        ("u1", "s1", 1, 12),
        ("u3", "s2", 1, 12),
    ]


@given(st.dictionaries(st.sampled_from("xyzw"), st.sets(st.sampled_from("abcd"))))
def test_stops_never_outnumber_learners_and_the_median_stays_within_the_blocks(learners):
    points = stopping_points(learners, UNITS, {}, len(learners))
    assert sum(point.stopped for point in points) <= len(learners)
    blocks = blocks_per_module(PARENTS, MODULES)
    counts = {learner: learner_counts(done, blocks) for learner, done in learners.items()}
    for module, median in cohort_medians(counts, blocks).items():
        assert 0 <= median <= len(blocks[module])


def test_scores_average_over_the_learners_scored_in_a_module():
    learners = {
        "x": {"a": (1.0, 1.0), "c": (0.0, 2.0)},
        "y": {"a": (0.5, 1.0)},
        "z": {"a": (0.0, 0.0)},  # nothing possible: no share
    }
    found = cohort_scores(learners, PARENTS)
    assert found["u1"] == ModuleScore(75, 2)
    assert found["u2"] == ModuleScore(0, 1)
    assert found["s1"] == ModuleScore(42, 2)  # x: 1 of 3, y: 0.5 of 1
    assert "s2" not in found


@given(
    st.dictionaries(
        st.sampled_from("xyz"),
        st.dictionaries(
            st.sampled_from("abcd"),
            st.tuples(st.floats(0, 10), st.floats(0, 10)).map(lambda t: (min(t), max(t))),
        ),
    )
)
def test_an_average_score_is_a_percent_of_at_most_the_cohort(learners):
    for score in cohort_scores(learners, PARENTS).values():
        assert 0 <= score.average_percent <= 100
        assert 1 <= score.scored <= len(learners)
