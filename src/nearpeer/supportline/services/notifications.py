"""Support-line notifications: created as unique rows in the transaction of the change that needs
them, then e-mailed from a task after commit, each claimed atomically so nothing is sent twice.

Intake, handling and escalation all notify; they share this module so that escalation imports
neither of the others.
"""

import datetime
import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from nearpeer.supportline import access
from nearpeer.supportline.models import Notification, SupportRequest

logger = logging.getLogger(__name__)


# --- Creating notifications ------------------------------------------------------------------------


def notifications_create(
    request: SupportRequest, user_ids: Iterable[int | None], kind: str, level: int
):
    """Create one notification per person (never twice: a unique row), e-mailed after commit."""
    created = []
    for user_id in dict.fromkeys(u for u in user_ids if u):
        try:
            with transaction.atomic():
                notice = Notification.objects.create(
                    request=request, user_id=user_id, kind=kind, level=level
                )
        except IntegrityError:
            continue
        created.append(notice.pk)
    if created:
        transaction.on_commit(partial(_enqueue_send, created), robust=True)
    return created


def _enqueue_send(ids: list[int]) -> None:
    # Imported here: the tasks module runs these services, so a top-level import would be a cycle.
    from nearpeer.supportline.tasks import notifications_send_task

    notifications_send_task.enqueue(ids)


# --- E-mailing notifications ---------------------------------------------------------------------


def _mail(notice: Notification) -> tuple[str, str]:
    request, line = notice.request, notice.request.line
    link = f"{settings.SITE_URL.rstrip('/')}/support/requests/{request.pk}/"
    if notice.kind == Notification.Kind.HIGH_RISK:
        subject = f"Urgent: someone on {line.name} may be in crisis"
        body = (
            f"A request on {line.name} may involve risk to someone's life or safety. Please open "
            f"it now: {link}\nIt stays open until a professional acknowledges it."
        )
    elif notice.kind == Notification.Kind.ESCALATION:
        subject = f"Urgent: a high-risk request on {line.name} is not yet acknowledged"
        body = (
            f"No professional has acknowledged a high-risk request on {line.name} yet "
            f"(escalation step {notice.level})."
        )
        if access.support_requests_readable(notice.user).filter(pk=request.pk).exists():
            body += f" Please open it now: {link}"
        else:
            body += " Please make sure one of the line's professionals responds now."
    elif notice.kind == Notification.Kind.UNACCEPTED:
        subject = f"A request on {line.name} has not been accepted yet"
        body = f"A request on {line.name} is waiting for a mentor. You can see it here: {link}"
    elif notice.kind == Notification.Kind.RISK_RAISED:
        subject = f"Please check in: a conversation on {line.name} may need more care"
        body = (
            f"Something the person wrote on {line.name} raised the request to elevated risk. "
            f"Please read it and check in gently: {link}"
        )
    else:
        subject = f"A support request is waiting for you on {line.name}"
        body = f"Someone reached out on {line.name}. Please open it: {link}"
    return subject, body + "\n\nFor privacy, this e-mail never includes what people wrote.\n"


def notification_send(*, notification_id: int) -> bool:
    """E-mail one notification; claimed with a conditional update so a retry never sends twice."""
    claimed = Notification.objects.filter(pk=notification_id, sent_at__isnull=True).update(
        sent_at=timezone.now()
    )
    if not claimed:
        return False
    notice = Notification.objects.select_related("request__line", "user").get(pk=notification_id)
    subject, body = _mail(notice)
    try:
        send_mail(subject, body, None, [notice.user.email])
    except Exception:  # the tick retries it: a failed e-mail must not be marked sent
        Notification.objects.filter(pk=notification_id).update(sent_at=None)
        logger.exception("support line: could not e-mail notification %s", notification_id)
        return False
    return True


def notifications_send_pending(*, at=None) -> int:
    """Retry e-mails that were not sent (a worker stopped, or the mail server was down)."""
    cutoff = (at or timezone.now()) - datetime.timedelta(minutes=1)
    pending = Notification.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
    return sum(notification_send(notification_id=pk) for pk in pending.values_list("pk", flat=True))
