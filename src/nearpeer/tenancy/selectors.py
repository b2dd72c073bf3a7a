"""Reads of programs, memberships and calendars, always starting from the policy module."""

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.tenancy import policy
from nearpeer.tenancy.models import AcademicCalendar, Blackout, Membership, Program


def program_for_user(user, program_id: int) -> Program:
    """A program the user may see; any other id (foreign or unknown) is a 404."""
    return get_object_or_404(policy.programs_for(user).select_related("institution"), pk=program_id)


def program_managed_by_user(user, program_id: int) -> Program:
    return get_object_or_404(
        policy.programs_managed(user).select_related("institution"), pk=program_id
    )


def programs_with_counts(user) -> QuerySet[Program]:
    today = timezone.localdate()
    active = Q(memberships__starts_on__lte=today) & (
        Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
    )
    return (
        policy.programs_managed(user)
        .select_related("institution")
        .annotate(members=Count("memberships", filter=active, distinct=True))
        .order_by("institution__name", "name")
    )


def program_members(user, program: Program) -> QuerySet[Membership]:
    """Everyone with a role in the program, visible to this user, current first."""
    return (
        policy.memberships_for(user)
        .filter(program=program)
        .select_related("user", "cohort")
        .order_by("role", "user__full_name", "user__email")
    )


def membership_managed_by_user(user, membership_id: int) -> Membership:
    return get_object_or_404(
        policy.memberships_managed(user).select_related("user", "institution", "program"),
        pk=membership_id,
    )


def calendars_visible(user) -> QuerySet[AcademicCalendar]:
    return (
        policy.calendars_for(user)
        .select_related("institution", "program")
        .annotate(blackout_count=Count("blackouts"))
        .order_by("-starts_on", "name")
    )


def calendar_for_user(user, calendar_id: int) -> AcademicCalendar:
    return get_object_or_404(
        policy.calendars_for(user).select_related("institution", "program"), pk=calendar_id
    )


def blackout_managed_by_user(user, blackout_id: int) -> Blackout:
    return get_object_or_404(
        policy.blackouts_managed(user).select_related("calendar"), pk=blackout_id
    )
