"""The support line's time-driven side: escalating high-risk requests no professional has
acknowledged, re-offering requests no mentor has accepted, and e-mailing notifications.

Notifications are created (as unique rows) in intake, in the same transaction as the change that
needs them; here they are e-mailed from a task after commit, claimed atomically, so nothing is
sent twice. Every step of the tick is claimed too, so it may run often and on several workers.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone

from nearpeer.supportline import rota_selectors, selectors
from nearpeer.supportline.intake import _notify, _offer, _tell_backups
from nearpeer.supportline.models import Notification, Risk, SupportLine, SupportRequest
from nearpeer.tenancy import policy

logger = logging.getLogger(__name__)
Status = SupportRequest.Status

LAST_ESCALATION_LEVEL = 2  # 1: the line's other professionals; 2: the well-being office


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
        if policy.support_requests_readable(notice.user).filter(pk=request.pk).exists():
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


# --- What runs every minute (`nearpeer supportline_tick`) --------------------------------------


def _claimable(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def _escalation_people(line: SupportLine, level: int) -> set[int]:
    if level == 1:
        return set(rota_selectors.line_professionals(line).values_list("pk", flat=True))
    return set(selectors.line_office_admins(line).values_list("pk", flat=True))


def _overdue(since: datetime.datetime | None, line: SupportLine, at) -> bool:
    return since is not None and since + datetime.timedelta(minutes=line.escalation_minutes) <= at


def escalate_overdue(*, at=None) -> int:
    """Send each open, unacknowledged high-risk request past its line's escalation_minutes to the
    next backup: the line's other professionals, then the well-being office. Safe to run often
    and on several workers: each step is claimed once."""
    at = at or timezone.now()
    waiting = SupportRequest.objects.filter(
        risk=Risk.HIGH,
        acknowledged_at__isnull=True,
        status__in=selectors.OPEN,
        escalation_level__lt=LAST_ESCALATION_LEVEL,
    ).select_related("line")
    due = [r.pk for r in waiting if _overdue(r.escalated_at or r.created_at, r.line, at)]
    return sum(_escalate_one(pk, at) for pk in due)


@transaction.atomic
def _escalate_one(request_id: int, at) -> int:
    request = (
        _claimable(
            SupportRequest.objects.filter(
                pk=request_id,
                risk=Risk.HIGH,
                acknowledged_at__isnull=True,
                status__in=selectors.OPEN,
                escalation_level__lt=LAST_ESCALATION_LEVEL,
            )
        )
        .select_related("line__institution")
        .first()
    )
    if request is None or not _overdue(
        request.escalated_at or request.created_at, request.line, at
    ):
        return 0
    told = set(
        request.notifications.filter(
            kind__in=[Notification.Kind.HIGH_RISK, Notification.Kind.ESCALATION]
        ).values_list("user_id", flat=True)
    )
    level, people = request.escalation_level, set()
    while level < LAST_ESCALATION_LEVEL and not people:
        level += 1
        people = _escalation_people(request.line, level) - told
    claimed = SupportRequest.objects.filter(
        pk=request.pk, escalation_level=request.escalation_level
    ).update(escalation_level=level, escalated_at=at)
    if not claimed:
        return 0
    if not people:
        logger.error("support line: nobody left to escalate request %s to", request.pk)
    _notify(request, sorted(people), Notification.Kind.ESCALATION, level)
    return 1


def reoffer_unaccepted(*, at=None) -> int:
    """A request offered but not accepted within the line's escalation_minutes goes to the next
    mentor on call, and the backup is told; a waiting request goes to whoever is now on call."""
    at = at or timezone.now()
    offered = SupportRequest.objects.filter(status=Status.OFFERED).select_related("line")
    due = [r.pk for r in offered if _overdue(r.offered_at, r.line, at)]
    waiting = list(
        SupportRequest.objects.filter(status=Status.WAITING).values_list("pk", flat=True)
    )
    return sum(_reoffer_one(pk, at) for pk in due) + sum(_route_waiting(pk, at) for pk in waiting)


@transaction.atomic
def _reoffer_one(request_id: int, at) -> int:
    request = (
        _claimable(SupportRequest.objects.filter(pk=request_id, status=Status.OFFERED))
        .select_related("line__institution", "cohort")
        .first()
    )
    if request is None or not _overdue(request.offered_at, request.line, at):
        return 0
    round_ = request.notifications.filter(kind=Notification.Kind.OFFERED).count()
    _offer(request, at, avoid=request.mentor_id)
    _tell_backups(request, at, Notification.Kind.UNACCEPTED, round_)
    return 1


@transaction.atomic
def _route_waiting(request_id: int, at) -> int:
    request = (
        _claimable(SupportRequest.objects.filter(pk=request_id, status=Status.WAITING))
        .select_related("line__institution", "cohort")
        .first()
    )
    return int(request is not None and _offer(request, at))


def notifications_send_pending(*, at=None) -> int:
    """Retry e-mails that were not sent (a worker stopped, or the mail server was down)."""
    cutoff = (at or timezone.now()) - datetime.timedelta(minutes=1)
    pending = Notification.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
    return sum(notification_send(notification_id=pk) for pk in pending.values_list("pk", flat=True))


def tick(*, at=None) -> dict[str, int]:
    """Everything time-driven on the support line; run every minute."""
    at = at or timezone.now()
    return {
        "escalated": escalate_overdue(at=at),
        "reoffered": reoffer_unaccepted(at=at),
        "emails_retried": notifications_send_pending(at=at),
    }
