"""Background work for reaching out: e-mailing notifications and the every-minute tick.

Tasks receive ids and call a service in nearpeer.supportline.escalation; each service claims its work
atomically (a conditional update or a row lock), so a retried task never does it twice.
"""

from django_tasks import task

from nearpeer.supportline import escalation


@task()
def notifications_send_task(notification_ids: list[int]) -> int:
    """E-mail the given notifications (each is sent at most once)."""
    return sum(escalation.notification_send(notification_id=pk) for pk in notification_ids)


@task()
def supportline_tick_task() -> dict:
    """Escalate unacknowledged high-risk requests, re-offer unaccepted ones, retry e-mails."""
    return escalation.tick()
