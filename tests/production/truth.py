"""What the production-shaped server's database holds after the load, read with SQL and checked
whole.

Every check returns how many rows it verified, for the "writes verified" figure.
"""

from __future__ import annotations

import json
from collections import Counter

from spoc_xblocks.dev.services import anonymous_id_for

from .client import usage_id


def _ids(learners) -> dict[str, str]:
    return {anonymous_id_for(learner): learner for learner in learners}


def workshop_submissions(server, scenario_id: str, learners) -> int:
    """Each learner's work exactly once, in ours and in edx-submissions', the two pointing at each
    other."""
    usage_key, ids = usage_id(scenario_id), _ids(learners)
    ours = server.rows(
        "SELECT learner_id, submission_uuid FROM spoc_peer_workshop_submission WHERE usage_key=%s",
        usage_key,
    )
    assert Counter(learner for learner, _uuid in ours) == Counter(ids.keys()), "our submissions"
    theirs = server.rows(
        "SELECT item.student_id, submission.uuid FROM submissions_submission submission "
        "JOIN submissions_studentitem item ON item.id = submission.student_item_id WHERE "
        "item.item_id=%s",
        usage_key,
    )
    assert Counter(learner for learner, _uuid in theirs) == Counter(ids.keys()), (
        "edx-submissions rows"
    )
    normal = {learner: str(uuid).replace("-", "") for learner, uuid in theirs}
    assert {learner: uuid.replace("-", "") for learner, uuid in ours} == normal, (
        "submission uuids disagree"
    )
    return len(ours) + len(theirs)


def workshop_reviews(
    server, scenario_id: str, learners, per_learner: int, submitted: list[int] | None
) -> int:
    """Every peer review allocated done exactly once, `per_learner` by each learner and on each
    piece of work."""
    usage_key, ids = usage_id(scenario_id), _ids(learners)
    rows = server.rows(
        "SELECT review.id, review.reviewer_id, submission.learner_id, review.kind, review.status "
        "FROM spoc_peer_workshop_review review JOIN spoc_peer_workshop_submission submission "
        "ON submission.id = review.submission_id WHERE review.usage_key=%s",
        usage_key,
    )
    peer = [row for row in rows if row[3] == "peer"]
    assert {row[4] for row in rows} == {"done"}, Counter(row[4] for row in rows)
    assert Counter(row[1] for row in peer) == dict.fromkeys(ids, per_learner), (
        "peer reviews per reviewer"
    )
    assert Counter(row[2] for row in peer) == dict.fromkeys(ids, per_learner), (
        "peer reviews per piece of work"
    )
    assert all(reviewer != author for _id, reviewer, author, _kind, _status in peer), (
        "a learner reviewed themself"
    )
    if (
        submitted is not None
    ):  # after faults, a review cut off and retried is not known to have been sent
        assert sorted(submitted) == sorted(row[0] for row in rows), (
            "the reviews sent are not the reviews stored"
        )
    return len(rows)


def pulse(server, scenario_id: str, answers_by_learner: dict) -> int:
    """One participation per learner, one response per participation, and the tallies exact."""
    usage_key = usage_id(scenario_id)
    participants = [
        row[0]
        for row in server.rows(
            "SELECT learner_id FROM spoc_engagement_pulseparticipation WHERE usage_key=%s",
            usage_key,
        )
    ]
    assert Counter(participants) == Counter(_ids(answers_by_learner).keys()), "pulse participations"

    stored = [
        json.loads(row[0])
        for row in server.rows(
            "SELECT answers FROM spoc_engagement_pulseresponse WHERE usage_key=%s", usage_key
        )
    ]
    assert len(stored) == len(participants), "a pulse answer without its response, or the reverse"
    for question in next(iter(answers_by_learner.values())):
        expected = Counter(str(answers[question]) for answers in answers_by_learner.values())
        assert Counter(str(response[question]["value"]) for response in stored) == expected, (
            question
        )
    return len(participants) + len(stored)


def game_runs(server, scenario_id: str, steps_by_learner: dict, finished: bool = True) -> int:
    """One run per learner, with the steps they took, as many step rows as choices; finished with a
    score."""
    usage_key, ids = usage_id(scenario_id), _ids(steps_by_learner)

    runs = server.rows(
        "SELECT run.learner_id, run.status, run.step_count, run.choices, run.score, "
        "(SELECT COUNT(*) FROM spoc_serious_game_step step WHERE step.run_id = run.id) "
        "FROM spoc_serious_game_run run WHERE run.usage_key=%s",
        usage_key,
    )
    assert Counter(row[0] for row in runs) == Counter(ids.keys()), (
        "game runs are not one per learner"
    )
    for learner_id, status, step_count, choices, score, step_rows in runs:
        expected = steps_by_learner[ids[learner_id]]
        assert (step_count, len(json.loads(choices)), step_rows) == (
            expected,
            expected,
            expected,
        ), ids[learner_id]
        if finished:
            assert status == "finished" and score is not None, (
                f"{ids[learner_id]}'s run is unfinished or ungraded"
            )
    return len(runs) + sum(row[5] for row in runs)


def checkins(server, scenario_id: str, learners) -> int:
    rows = server.rows(
        "SELECT learner_id FROM spoc_cohort_coach_checkin WHERE usage_key=%s", usage_id(scenario_id)
    )
    assert Counter(row[0] for row in rows) == Counter(_ids(learners).keys()), (
        "check-ins are not one per learner"
    )
    return len(rows)
