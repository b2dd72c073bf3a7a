"""The support line's time-driven side: escalating high-risk requests no professional has
acknowledged, re-offering requests no mentor has accepted, and e-mailing notifications.

Notifications are created (as unique rows, by notifications.py) in the same transaction as the
change that needs them, and e-mailed from a task after commit, claimed atomically, so nothing is
sent twice. Every step of the tick is claimed too, so it may run often and on several workers.
"""

import datetime
import logging

from django.db import connection, transaction
from django.utils import timezone

from nearpeer.supportline.models import Notification, Risk, SupportLine, SupportRequest
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.selectors import rota as rota_selectors
from nearpeer.supportline.services import notifications, offers

logger = logging.getLogger(__name__)
Status = SupportRequest.Status

LAST_ESCALATION_LEVEL = 2  # 1: the line's other professionals; 2: the well-being office


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
    notifications.notifications_create(request, sorted(people), Notification.Kind.ESCALATION, level)
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
    offers.request_offer(request, at, avoid=request.mentor_id)
    offers.backups_tell(request, at, Notification.Kind.UNACCEPTED, round_)
    return 1


@transaction.atomic
def _route_waiting(request_id: int, at) -> int:
    request = (
        _claimable(SupportRequest.objects.filter(pk=request_id, status=Status.WAITING))
        .select_related("line__institution", "cohort")
        .first()
    )
    return int(request is not None and offers.request_offer(request, at))


def tick(*, at=None) -> dict[str, int]:
    """Everything time-driven on the support line; run every minute."""
    at = at or timezone.now()
    return {
        "escalated": escalate_overdue(at=at),
        "reoffered": reoffer_unaccepted(at=at),
        "emails_retried": notifications.notifications_send_pending(at=at),
    }
