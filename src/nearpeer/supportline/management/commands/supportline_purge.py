"""`nearpeer supportline_purge`: remove the content of closed support requests past retention."""

from django.core.management.base import BaseCommand

from nearpeer.supportline.services import retention
from nearpeer.supportline.tasks import supportline_purge_task


class Command(BaseCommand):
    help = (
        "Remove the content (messages, notes, numbers) of closed support requests whose retention "
        "period has passed, keeping de-identified weekly counts. Open requests are never touched."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--background", action="store_true", help="Queue the purge as a background task."
        )

    def handle(self, *args, **options):
        if options["background"]:
            supportline_purge_task.enqueue()
            self.stdout.write("The purge was queued.")
            return
        reports = retention.supportline_purge()
        for report in reports:
            self.stdout.write(f"Institution {report.institution_id}: {report.summary()}")
        if not reports:
            self.stdout.write("Nothing is past the retention period.")
