"""The XSS corpus in every text field, through the real handlers; every page, fragment and CSV
checked.

Pages: each block's learner view (as several learners and a masquerading trainer), trainer view,
Studio editor and author preview; fragments the handlers answer (workshop panels and assessment
form, coach dashboard pages and learner detail, serious-game screen and scenario check with its
map). None may carry payload markup, and payload text must show as text. CSV exports may not hold a
cell a spreadsheet would run as a formula.
"""

from __future__ import annotations

import csv
import html as html_module
import io

from tests import figures
from tests.downloads import csv_text
from tests.xss_corpus import (
    FORMULA_PAYLOADS,
    PAYLOADS,
    VISIBLE_TEXT,
    assert_no_injection,
    formula_cells,
)
from tests.xss_fields import AFTER, BEFORE, COACH, GAME, PULSE, TRAINER, WORKSHOP, HostileCourse

SCENARIOS = (GAME, WORKSHOP, COACH, PULSE, BEFORE, AFTER)
VIEWERS = (TRAINER, "alice", "bruno", "trainer~alice")
EXPORTS = (
    (WORKSHOP, "export_csv/submissions"),
    (WORKSHOP, "export_csv/reviews"),
    (WORKSHOP, "export_csv/grades"),
    (GAME, "export_runs"),
    (COACH, "export_learners"),
    (COACH, "export_kpis"),
    (PULSE, "export_csv"),
    (AFTER, "export_csv"),
)
# Fragments that show no text a person typed: problems name node ids, the dashboard table shows
# names and reasons.
WITHOUT_TEXT = ("game scenario problems", "coach dashboard page")
ESCAPED = html_module.escape(VISIBLE_TEXT, quote=False)


def payloads_in(html: str) -> int:
    return html.count("__xss")


def page_html(workbench, scenario: str, viewer: str, view: str = "student_view") -> str:
    response = workbench.page(scenario, viewer, view=view)
    assert response.status_code == 200, (scenario, viewer, view, response.status_code)
    return response.content.decode()


def fragments(workbench) -> dict[str, str]:
    """The HTML the handlers answer with, by name."""
    from spoc_xblocks.peer_workshop.models import Submission
    from tests.sites import anonymous_id as anonymous_id_for

    def answer(scenario, handler, student, payload):
        response = workbench.post(scenario, handler, student, payload)
        assert response.status_code == 200, (handler, response.content[:300])
        return response.json()

    submission = Submission.objects.filter(usage_key=workbench.usage_id(WORKSHOP)).first()
    game = workbench.stored_block(GAME, TRAINER)
    check = answer(GAME, "validate_scenario", TRAINER, {"scenario_xml": game.scenario_xml})
    detail = answer(COACH, "learner_detail", TRAINER, {"learner_id": anonymous_id_for("alice")})
    found = {
        "workshop learner panel": answer(WORKSHOP, "learner_panel", "alice", {})["html"],
        "workshop trainer panel": answer(WORKSHOP, "trainer_panel", TRAINER, {})["html"],
        "workshop assessment form": answer(
            WORKSHOP, "trainer_form", TRAINER, {"submission_id": submission.id}
        )["html"],
        "coach dashboard page": answer(
            COACH, "dashboard_page", TRAINER, {"page": 1, "filter": "all"}
        )["html"],
        "coach learner detail": detail["html"],
        "game screen": answer(GAME, "screen", "alice", {})["html"],
        "game scenario problems": check["sections"]["check-problems"],
        "game scenario map": check["sections"]["check-map"],
    }
    return found


def test_no_payload_becomes_markup_in_any_view_and_each_shows_as_text(workbench):
    filled = HostileCourse(workbench).fill()
    checked = 0
    for scenario in SCENARIOS:
        for viewer in VIEWERS:
            html = page_html(workbench, scenario, viewer)
            assert_no_injection(html, f"{scenario} as {viewer}")
            checked += payloads_in(html)
        for view in ("studio_view", "author_view"):
            html = page_html(workbench, scenario, TRAINER, view)
            assert_no_injection(html, f"{scenario} {view}")
            checked += payloads_in(html)
        learner, trainer = (
            page_html(workbench, scenario, "alice"),
            page_html(workbench, scenario, TRAINER),
        )
        assert ESCAPED in learner and ESCAPED in trainer, (
            f"{scenario}: the payload text is not shown as text"
        )
    for name, html in fragments(workbench).items():
        assert_no_injection(html, name)
        assert ESCAPED in html or name in WITHOUT_TEXT, (
            f"{name}: the payload text is not shown as text"
        )
        checked += payloads_in(html)
    figures.record("payloads tried", checked, source="XSS payload renders checked")
    assert len(set(filled)) >= 40, sorted(set(filled))


def test_display_names_and_group_names_take_every_payload(workbench):
    """Short single values take the corpus in rounds: each round saves one chunk and reads the views
    that show them (the trainer's view and the Studio editor; learners' views got the first round
    above)."""
    from tests.sites import anonymous_id as anonymous_id_for

    checked = 0
    for round_ in range(HostileCourse.rounds()):
        course = HostileCourse(workbench, round=round_)
        course.author()
        course.post(
            WORKSHOP,
            "move_learner",
            TRAINER,
            {"learner_id": anonymous_id_for("alice"), "group": course.short(64)},
        )
        for scenario in SCENARIOS:
            for viewer, view in ((TRAINER, "student_view"), (TRAINER, "studio_view")):
                html = page_html(workbench, scenario, viewer, view)
                assert_no_injection(html, f"{scenario} {view} as {viewer}, round {round_}")
                checked += payloads_in(html)
    figures.record("payloads tried", checked, source="XSS payload renders checked")


def test_exports_neutralise_every_formula_and_keep_the_text(workbench):
    HostileCourse(workbench).fill()
    texts = []
    for scenario, handler in EXPORTS:
        response = workbench.get(scenario, handler, TRAINER)
        assert response.status_code == 200, (scenario, handler, response.content[:300])
        text = csv_text(response)
        assert formula_cells(text) == [], f"{scenario} {handler}: cells a spreadsheet would run"
        texts.append(text)
    cells = [cell for text in texts for row in csv.reader(io.StringIO(text)) for cell in row]
    for payload in FORMULA_PAYLOADS:
        assert any(cell.startswith("'" + payload.text.strip()) for cell in cells), (
            f"{payload.kind} does not begin any exported cell, neutralised"
        )
    assert any(VISIBLE_TEXT in cell for cell in cells), (
        "the learners' and authors' text is missing from the exports"
    )
    figures.record(
        "payloads tried",
        sum(cell.count(payload.text.strip()) for cell in cells for payload in PAYLOADS),
        source="XSS payload renders checked",
    )
