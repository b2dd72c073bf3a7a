"""`nearpeer supportline_tick`: the support line's every-minute tick. Run it from cron:

    * * * * *  cd /srv/nearpeer && .venv/bin/nearpeer supportline_tick

Any number of machines may run it at once: each escalation step and re-offer is claimed once.
"""

from django.core.management.base import BaseCommand

from nearpeer.supportline.services.escalation import tick


class Command(BaseCommand):
    help = (
        "Escalate unacknowledged high-risk requests to the next backup, offer unaccepted requests "
        "to the next mentor on call, and retry unsent e-mails. Run it every minute."
    )

    def handle(self, *args, **options):
        done = tick()
        self.stdout.write(
            f"Escalated {done['escalated']}, re-offered {done['reoffered']}, "
            f"retried {done['emails_retried']} e-mails."
        )
