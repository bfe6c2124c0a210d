"""Fifty learners answer the pulse at the same moment: all fifty answers are kept and the tallies
are exact.

xblock-poll keeps its tallies in one shared field that each vote reads, changes and writes back, so
votes cast together overwrite each other. Here each answer is its own row and figures are recounted
from them.
"""

import json
import threading
from collections import Counter
from dataclasses import replace

import pytest
from django.db import connections
from django.test import Client
from workbench.runtime import WorkbenchRuntime

from spoc_xblocks.engagement import api
from spoc_xblocks.engagement.logic.tallies import tally, tally_counters
from spoc_xblocks.engagement.models import PulseParticipation, PulseResponse

from .conftest import PULSE, TRAINER

LEARNERS = 50
HELPED = ("game", "workshop", "sessions")


@pytest.fixture
def shared_database(concurrent_database):
    """The pulse's usage id in a database every thread can write to at once."""
    return concurrent_database[PULSE].usage_id


def answers_of(index: int) -> dict:
    return {
        "pace": 1 + index % 5,
        "sessions": 1 + (index * 3) % 5,
        "recommend": index % 11,
        "helped": HELPED[index % 3],
    }


def test_fifty_answers_sent_at_once_are_all_kept_and_the_tallies_are_exact(shared_database):
    url = f"/handler/{shared_database}/answer/?student="
    start = threading.Barrier(LEARNERS)
    statuses = [None] * LEARNERS

    def learner(index: int):
        try:
            client = Client()
            body = json.dumps({"answers": answers_of(index)})
            start.wait()
            statuses[index] = client.post(
                f"{url}learner{index:02d}", body, content_type="application/json"
            ).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=learner, args=(index,)) for index in range(LEARNERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [200] * LEARNERS
    assert PulseResponse.objects.count() == PulseParticipation.objects.count() == LEARNERS
    definition = WorkbenchRuntime(TRAINER).get_block(shared_database).authored
    recounted = tally(definition, api.pulse_answer_sets(shared_database)["answers"])
    # The counters learners' results read were all moved: none lost to a concurrent update.
    assert tally_counters(definition, api.pulse_counters(shared_database)) == [
        replace(result, texts=()) for result in recounted
    ]
    pace, sessions, recommend, helped, *_rest = recounted
    for result, question in (
        (pace, "pace"),
        (sessions, "sessions"),
        (recommend, "recommend"),
        (helped, "helped"),
    ):
        expected = Counter(str(answers_of(index)[question]) for index in range(LEARNERS))
        assert {value: count for value, count in result.counts if count} == expected
    assert recommend.answered == LEARNERS
    page = Client().get(f"/view/{PULSE}/student_view/", {"student": TRAINER}).content.decode()
    assert "50 responses so far." in page
