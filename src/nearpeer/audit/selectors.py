"""Reading the access log: the office's own institution's entries, filtered."""

import datetime

from django.utils import timezone

from nearpeer.tenancy import policy


def log_entries(
    user,
    *,
    person: str = "",
    kind: str = "",
    action: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
):
    """Entries the user may read, newest first, narrowed by the filters given. Dates are whole days
    in the time zone of the request."""
    entries = policy.access_logs_for(user)
    if person:
        entries = entries.filter(actor_email__icontains=person)
    if kind:
        entries = entries.filter(record_type=kind)
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__gte=_start_of(date_from))
    if date_to:
        entries = entries.filter(at__lt=_start_of(date_to + datetime.timedelta(days=1)))
    return entries.order_by("-at", "-pk")


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())
