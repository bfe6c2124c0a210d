"""`./manage.py lms spoc_rescue_jobs`: hand again to the workers the jobs a dead worker or a lost
message left behind (a new worker does it when it starts; Tutor runs no Celery beat: cron can)."""

from django.core.management.base import BaseCommand

from spoc_xblocks.common.jobs import rescue_stale_jobs


class Command(BaseCommand):
    help = "Hand again to the workers the SPOC XBlocks jobs left behind by a dead worker."

    def handle(self, *args, **options):
        count = rescue_stale_jobs()
        self.stdout.write(f"{count} job(s) handed again.")
