"""The pulse's CSV export: trainers only, no learner id when anonymous, spreadsheet formulas
neutralised."""

import csv
import io

from tests.downloads import csv_text
from tests.sites import anonymous_id as anonymous_id_for

from .conftest import FULL_ANSWERS, NAMED, PULSE, REQUIRED_ONLY, TRAINER


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(csv_text(response))))


def test_learners_cannot_export(answer, workbench):
    answer("alice", scenario_id=NAMED)
    refused = workbench.get(NAMED, "export_csv", "alice")
    assert refused.status_code == 403 and "trainers" in refused.json()["error"]


def test_an_anonymous_export_has_no_learner_id_and_no_time(answer, workbench):
    for learner in ("alice", "bruno", "chloe"):
        answer(learner, {**REQUIRED_ONLY, "change": f"Comment of {learner}"})
    response = workbench.get(PULSE, "export_csv", TRAINER)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = csv_text(response)
    exported = rows(response)
    assert list(exported[0])[:2] == ["response", "1. The pace of the course suits me."]
    assert sorted(row["response"] for row in exported) == ["1", "2", "3"]
    assert sorted(row["6. What one thing would you change?"] for row in exported) == [
        "Comment of alice",
        "Comment of bruno",
        "Comment of chloe",
    ]
    for learner in ("alice", "bruno", "chloe"):
        assert anonymous_id_for(learner) not in text
    assert "submitted" not in text and "2026-" not in text
    assert "username" not in exported[0]


def test_an_anonymous_pulse_exports_nothing_below_three_answers(answer, workbench):
    answer("alice")
    answer("bruno")
    response = workbench.get(PULSE, "export_csv", TRAINER)
    assert response.status_code == 400 and "fewer than 3 answers" in response.json()["error"]


def test_a_named_export_has_the_learners_anonymous_id_and_readable_answers(answer, workbench):
    answer("alice", scenario_id=NAMED)
    [row] = rows(workbench.get(NAMED, "export_csv", TRAINER))
    assert row["anonymous_user_id"] == anonymous_id_for("alice") and row["submitted"].startswith(
        "20"
    )
    assert row["username"] == "alice"  # learners were told the trainer sees their name
    assert row["1. The pace of the course suits me."] == "Agree"
    assert row["2. How would you rate the live sessions?"] == "5 stars"
    assert row["3. How likely are you to recommend this course to a colleague?"] == "9"
    assert row["5. What would you like more of?"] == "Practice cases; Time with other learners"
    assert row["6. What one thing would you change?"] == FULL_ANSWERS["change"]


def test_a_formula_typed_as_an_answer_is_neutralised(answer, workbench):
    answer(
        "alice",
        {**REQUIRED_ONLY, "change": '=HYPERLINK("http://evil.example","x")'},
        scenario_id=NAMED,
    )
    [row] = rows(workbench.get(NAMED, "export_csv", TRAINER))
    assert row["6. What one thing would you change?"].startswith("'=HYPERLINK")


def test_a_named_export_costs_the_same_queries_for_three_learners_or_ten(answer, workbench):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.xss_fields import LEARNERS

    def export_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert "username" in csv_text(workbench.get(NAMED, "export_csv", TRAINER))
        return len(queries)

    for learner in LEARNERS[:3]:
        answer(learner, scenario_id=NAMED)
    workbench.page(NAMED, TRAINER)  # the trainer has seen the course's learners once
    three = export_queries()
    for learner in LEARNERS[3:10]:
        answer(learner, scenario_id=NAMED)
    assert export_queries() == three
