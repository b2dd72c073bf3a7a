"""What facilitators tell us about themselves: weekly availability, dates they cannot make, and
their monthly cap. Each checks the policy itself."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer.meetings import access
from nearpeer.meetings.models import (
    Availability,
    AvailabilityException,
    FacilitatorProfile,
)

MAX_CAP = 4


def _facilitator(user) -> None:
    if not access.can_facilitate(user):
        raise PermissionDenied("Only facilitators give their availability.")


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _window_label(weekday, start, end) -> str:
    return f"{WEEKDAYS[weekday]} {start:%H:%M}–{end:%H:%M}"


@transaction.atomic
def availability_set(*, user, windows) -> list[Availability]:
    """Replace the person's weekly windows with `windows`: (weekday, start_time, end_time)."""
    _facilitator(user)
    windows = sorted(set(windows))
    for weekday, start, end in windows:
        if not 0 <= weekday <= 6:
            raise ValidationError(
                {"weekday": "Choose a weekday, Monday to Sunday."}, code="weekday"
            )
        if end <= start:
            raise ValidationError(
                {"end_time": f"{_window_label(weekday, start, end)} ends before it starts."},
                code="window",
            )
    for (d1, s1, e1), (d2, s2, e2) in zip(windows, windows[1:], strict=False):
        if d1 == d2 and s2 < e1:
            raise ValidationError(
                {
                    "start_time": f"{_window_label(d2, s2, e2)} overlaps {_window_label(d1, s1, e1)}."
                },
                code="overlap",
            )
    Availability.objects.filter(user=user).delete()
    return Availability.objects.bulk_create(
        Availability(user=user, weekday=d, start_time=s, end_time=e) for d, s, e in windows
    )


def availability_window_add(*, user, weekday: int, start_time, end_time) -> list[Availability]:
    current = list(user.availability.values_list("weekday", "start_time", "end_time"))
    return availability_set(user=user, windows=[*current, (weekday, start_time, end_time)])


def availability_window_remove(*, user, window: Availability) -> None:
    if window.user_id != user.pk:
        raise PermissionDenied("That isn't your availability.")
    window.delete()


@transaction.atomic
def availability_exception_set(
    *, user, on: datetime.date, available: bool
) -> AvailabilityException:
    """Mark a date when the weekly pattern doesn't hold: away, or free on an unusual day."""
    _facilitator(user)
    if on < timezone.localdate():
        raise ValidationError({"on": "Choose today or a later date."}, code="past")
    exception, _ = AvailabilityException.objects.update_or_create(
        user=user, on=on, defaults={"available": available}
    )
    return exception


def availability_exception_remove(*, user, exception: AvailabilityException) -> None:
    if exception.user_id != user.pk:
        raise PermissionDenied("That isn't your date.")
    exception.delete()


@transaction.atomic
def facilitator_cap_set(*, user, monthly_cap: int) -> FacilitatorProfile:
    """A facilitator chooses how many sessions a month they can lead (1 to 4)."""
    _facilitator(user)
    if not 1 <= monthly_cap <= MAX_CAP:
        raise ValidationError(
            {"monthly_cap": f"Choose between 1 and {MAX_CAP} sessions a month."}, code="cap"
        )
    profile, _ = FacilitatorProfile.objects.get_or_create(user=user)
    if profile.monthly_cap != monthly_cap:
        profile.monthly_cap = monthly_cap
        profile.save(update_fields=["monthly_cap"])
    return profile
