"""The cohort's time per module: quartiles, roll-up to the outline, the estimate's flag."""

from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.module_time.logic.figures import cohort_figures, quantile, roll_up


def test_quantiles_interpolate_between_neighbours():
    values = [0.0, 10.0, 20.0, 30.0]
    assert quantile(values, 0.5) == 15.0
    assert quantile(values, 0.25) == 7.5
    assert quantile([], 0.5) == 0.0


@given(st.lists(st.floats(min_value=0, max_value=1e6), min_size=1, max_size=30))
def test_quartiles_are_ordered_and_within_the_values(values):
    values = sorted(values)
    low, middle, high = (quantile(values, share) for share in (0.25, 0.5, 0.75))
    assert values[0] <= low <= middle <= high <= values[-1]


def test_a_block_counts_in_its_unit_subsection_and_section():
    parents = {"video": ["unit1", "sub1", "sec1"], "problem": ["unit2", "sub1", "sec1"]}
    totals = roll_up({"video": 60.0, "problem": 30.0, "stray": 5.0}, parents)
    assert totals == {"unit1": 60.0, "unit2": 30.0, "sub1": 90.0, "sec1": 90.0, "stray": 5.0}


def test_a_learner_without_time_on_a_module_counts_as_zero():
    per_learner = {"a": {"unit1": 600.0}, "b": {"unit1": 1200.0}, "c": {}}
    (figures,) = cohort_figures(per_learner, ["unit1"], {})
    assert (figures.learners, figures.median) == (3, 600.0)
    assert (figures.lower_quartile, figures.upper_quartile) == (300.0, 900.0)
    assert figures.estimate is None and not figures.over_estimate


def test_a_module_is_flagged_when_its_median_passes_one_and_a_half_times_the_estimate():
    per_learner = {"a": {"unit1": 1000.0, "unit2": 900.0}}
    figures = cohort_figures(per_learner, ["unit1", "unit2"], {"unit1": 600.0, "unit2": 600.0})
    assert [item.over_estimate for item in figures] == [True, False]
