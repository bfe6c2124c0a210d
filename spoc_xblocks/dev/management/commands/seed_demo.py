"""Seed the demo SPOC: each block's demo seeder plays the roster through the real handler URLs, as
people would."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from spoc_xblocks.dev.demo_client import DemoClient
from spoc_xblocks.dev.seed import (
    cohort_coach,
    course_progress,
    engagement,
    module_time,
    peer_workshop,
    serious_game,
)

# The time per module's past sessions come first, before the handlers' events of now; the coach
# comes last: its dashboard reads what the learners did in the other blocks.
SEEDERS = (module_time, course_progress, serious_game, engagement, peer_workshop, cohort_coach)


class Command(BaseCommand):
    help = (
        "Seed the demo SPOC: a trainer and the roster with varied progress "
        "(idempotent; --reset plays again)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset", action="store_true", help="Forget the demo data and play it again."
        )

    def handle(self, *args, **options):
        from workbench.scenarios import get_scenarios, init_scenarios

        init_scenarios()
        scenarios = get_scenarios()
        demo = DemoClient(report=self.stderr.write)
        if options["reset"]:
            for seeder in SEEDERS:
                seeder.reset(scenarios)
        for seeder in SEEDERS:
            self.stdout.write(f"  {seeder.seed(demo, scenarios)}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo SPOC ready: 1 trainer ('trainer') and {len(settings.SPOC_DEV_ROSTER)} "
                f"learners "
                f"({', '.join(settings.SPOC_DEV_ROSTER)})."
            )
        )
