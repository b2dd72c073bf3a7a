"""`nearpeer supportline_daily`: the support line's daily tick (run it once a day from cron)."""

from django.core.management.base import BaseCommand

from nearpeer.supportline.tasks import supportline_daily_enqueue


class Command(BaseCommand):
    help = (
        "Queue today's referral follow-up reminders and the retention purge. Safe to run more "
        "than once a day: a reminder is never sent twice."
    )

    def handle(self, *args, **options):
        done = supportline_daily_enqueue()
        self.stdout.write(
            f"Queued {done['referral_reminders']} referral follow-up reminders and the purge."
        )
