"""The support line's part of a person's home page: first what needs them now."""

from dataclasses import dataclass, field

from django.utils import timezone

from nearpeer.supportline import access
from nearpeer.supportline.models import Risk, Shift, SupportRequest
from nearpeer.supportline.selectors import records as records_selectors
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.services import records
from nearpeer.tenancy.models import Role

SHOWN = 5


@dataclass
class SupportHome:
    my_open: int = 0  # a requester's own open, named conversations
    my_any: bool = False
    queue: list = field(default_factory=list)  # a mentor's offered and accepted requests
    high_risk_waiting: list = field(default_factory=list)  # a backup's unacknowledged high risk
    high_risk_count: int = 0
    next_backup_shift: Shift | None = None
    referrals_due: list = field(default_factory=list)
    referrals_due_count: int = 0


def _high_risk_waiting(user):
    lines = access.support_lines_backed(user).values("pk")
    return SupportRequest.objects.filter(
        line_id__in=lines,
        status__in=selectors.OPEN,
        risk=Risk.HIGH,
        acknowledged_at__isnull=True,
    ).order_by("created_at", "pk")


def _next_backup_shift(user) -> Shift | None:
    return (
        Shift.objects.filter(
            backup_id=user.pk,
            status=Shift.Status.PUBLISHED,
            ends_at__gt=timezone.now(),
            line_id__in=access.support_lines_backed(user).values("pk"),
        )
        .select_related("line__institution")
        .order_by("starts_at", "pk")
        .first()
    )


def support_home_for(user, roles: set[str]) -> SupportHome:
    """A requester's conversations; a mentor's requests; a backup's unacknowledged high-risk
    requests, next backup shift and referrals due for follow-up. A few queries, whatever the data."""
    home = SupportHome()
    own = access.support_requests_own(user).filter(purged_at__isnull=True)
    home.my_open = own.filter(status__in=selectors.OPEN).count()
    home.my_any = home.my_open > 0 or own.exists()
    if Role.PEER_MENTOR in roles:
        home.queue = list(selectors.queue_for_mentor(user)[:SHOWN])
    if roles & access.PROFESSIONAL_ROLES:
        waiting = _high_risk_waiting(user)
        home.high_risk_count = waiting.count()
        home.high_risk_waiting = list(waiting.select_related("line")[:SHOWN])
        home.next_backup_shift = _next_backup_shift(user)
    if roles & ({Role.PEER_MENTOR} | access.PROFESSIONAL_ROLES):
        due = records_selectors.referrals_readable(user).filter(
            pk__in=records.referrals_due_for_follow_up(timezone.localdate()).values("pk")
        )
        home.referrals_due_count = due.count()
        home.referrals_due = list(due.select_related("resource").order_by("follow_up_on")[:SHOWN])
    return home
