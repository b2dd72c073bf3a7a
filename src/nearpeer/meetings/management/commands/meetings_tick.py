"""`nearpeer meetings_tick`: queue the session reminders run (from cron, every few minutes)."""

from django.core.management.base import BaseCommand

from nearpeer.meetings.services import reminders
from nearpeer.meetings.tasks.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the session reminders that are due (facilitators 7 days and 1 day before, people "
        "coming 1 day before, feedback links after). Safe to run often: none is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Send in this process instead of queueing a task for the workers.",
        )

    def handle(self, *args, **options):
        if options["now"]:
            counts = reminders.reminders_send_due()
            self.stdout.write(
                f"{counts['sent']} reminders sent, {counts['skipped']} skipped, "
                f"{counts['failed']} failed (retried on a later run)."
            )
            return
        result = send_due_reminders.enqueue()
        self.stdout.write(f"Queued the reminders run ({result.id}).")
