"""Background work of the support line: e-mailing notifications, the every-minute tick, referral
follow-up reminders and the retention purge.

Tasks receive ids and call a service (in nearpeer.supportline.services); each service claims its
work atomically (a conditional update or a row lock), so a retried task never does it twice. The
daily tick (`nearpeer supportline_daily`) enqueues the reminders and the purge.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from nearpeer.supportline.services import escalation, notifications, records, retention


@task()
def notifications_send_task(notification_ids: list[int]) -> int:
    """E-mail the given notifications (each is sent at most once)."""
    return sum(notifications.notification_send(notification_id=pk) for pk in notification_ids)


@task()
def supportline_tick_task() -> dict:
    """Escalate unacknowledged high-risk requests, re-offer unaccepted ones, retry e-mails."""
    return escalation.tick()


@task()
def referral_follow_up_task(referral_id: int) -> bool:
    """Remind the mentor to follow up one referral (sent at most once)."""
    return records.referral_follow_up_send(referral_id=referral_id)


@task()
def supportline_purge_task() -> list[dict]:
    """Remove the content of closed requests past the retention period."""
    return [vars(report) for report in retention.supportline_purge()]


def referral_follow_ups_enqueue(today: datetime.date | None = None) -> int:
    """Queue a reminder for every referral due a follow-up; returns how many were queued."""
    ids = list(
        records.referrals_due_for_follow_up(today or timezone.localdate()).values_list(
            "pk", flat=True
        )
    )
    for referral_id in ids:
        transaction.on_commit(lambda pk=referral_id: referral_follow_up_task.enqueue(pk))
    return len(ids)


def supportline_daily_enqueue(today: datetime.date | None = None) -> dict:
    """The daily tick: referral reminders, then the retention purge."""
    with transaction.atomic():
        queued = referral_follow_ups_enqueue(today)
        transaction.on_commit(supportline_purge_task.enqueue)
    return {"referral_reminders": queued, "purge": "queued"}
