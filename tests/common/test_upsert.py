"""`add_to_counts`: one statement creates the counters it does not find and adds to the others."""

from spoc_xblocks.common.upsert import add_to_counts
from spoc_xblocks.engagement.models import PulseCounter


def counts() -> dict[str, int]:
    return dict(PulseCounter.objects.filter(usage_key="p").values_list("name", "count"))


def test_missing_counters_are_created_and_found_ones_added_to_in_one_statement(
    db, django_assert_num_queries
):
    add_to_counts(PulseCounter, [{"usage_key": "p", "name": "a"}], "count")
    with django_assert_num_queries(1):
        add_to_counts(
            PulseCounter,
            [{"usage_key": "p", "name": "b"}, {"usage_key": "p", "name": "a"}],
            "count",
            2,
        )
    assert counts() == {"a": 3, "b": 2}


def test_no_counter_named_is_no_statement(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        add_to_counts(PulseCounter, [], "count")
