"""The demo SPOC's views shown by the mobile-width and screenshot tests: each block as a learner and
as the trainer.

Each view is picked for what it shows with the demo data: a game in play and its debrief, a learner
at the review phase and the workshop dashboard, a learner with a thread and a check-in to post and
the cohort dashboard, a learner who answered the pulse and its results, the change after the course
and the cohort's figures.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoView:
    name: str  # <block>-<role>: the screenshot's file name, without .png
    scenario: str
    student: str

    @property
    def path(self) -> str:
        return f"/scenario/{self.scenario}/"


DEMO_VIEWS = (
    DemoView("serious-game-learner", "spoc_serious_game.0", "farid"),
    DemoView("serious-game-trainer", "spoc_serious_game.0", "trainer"),
    DemoView("peer-workshop-learner", "spoc_peer_workshop.0", "alice"),
    DemoView("peer-workshop-trainer", "spoc_peer_workshop.0", "trainer"),
    DemoView("cohort-coach-learner", "spoc_cohort_coach.0", "giulia"),
    DemoView("cohort-coach-trainer", "spoc_cohort_coach.0", "trainer"),
    DemoView("pulse-learner", "spoc_pulse.0", "alice"),
    DemoView("pulse-trainer", "spoc_pulse.0", "trainer"),
    DemoView("skills-check-learner", "spoc_skills_check.1", "alice"),
    DemoView("skills-check-trainer", "spoc_skills_check.1", "trainer"),
)


def seed_demo() -> None:
    """The demo SPOC, built by the seed_demo command's code in this test's (live server's)
    database."""
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", stdout=StringIO(), stderr=StringIO())


def open_demo_view(open_page, view: DemoView, width: int, height: int):
    """The view's page once its block is drawn, in a window of `width` x `height` CSS px, without
    the workbench's banner and debug section (the LMS shows the block in its own page)."""
    page = open_page(view.path, view.student, width=width)
    page.set_viewport_size({"width": width, "height": height})
    page.locator(".spoc-block").first.wait_for()
    page.evaluate(
        "document.querySelectorAll('.workbench .banner, .workbench .debug').forEach(e => "
        "e.remove())"
    )
    return page


def block_of(page):
    """The block the view shows (its outermost `.spoc-block`)."""
    return page.locator(".preview .spoc-block").first
