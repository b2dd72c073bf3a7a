"""Reads of programs, memberships and calendars, always starting from the policy module."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.tenancy import policy
from nearpeer.tenancy.models import (
    AcademicCalendar,
    Blackout,
    Cohort,
    Institution,
    Invitation,
    Membership,
    Program,
    RosterImport,
    in_force,
)


def program_for_user(user, program_id: int) -> Program:
    """A program the user may see; any other id (foreign or unknown) is a 404."""
    return get_object_or_404(policy.programs_for(user).select_related("institution"), pk=program_id)


def program_managed_by_user(user, program_id: int) -> Program:
    return get_object_or_404(
        policy.programs_managed(user).select_related("institution"), pk=program_id
    )


def roster_import_for_user(user, import_id: int, program_id: int | None = None) -> RosterImport:
    """A roster import of a program the user runs (optionally: of this program); else a 404."""
    found = policy.roster_imports_for(user).select_related("program__institution", "uploaded_by")
    if program_id is not None:
        found = found.filter(program_id=program_id)
    return get_object_or_404(found, pk=import_id)


def programs_with_counts(user) -> QuerySet[Program]:
    active = in_force("memberships__")
    return (
        policy.programs_managed(user)
        .select_related("institution")
        .annotate(members=Count("memberships", filter=active, distinct=True))
        .order_by("institution__name", "name")
    )


def program_members(user, program: Program, *, find: str = "") -> QuerySet[Membership]:
    """Everyone with a role in the program, visible to this user, by role then name; ``find``
    keeps those whose name or email contains it."""
    members = policy.memberships_for(user).filter(program=program)
    if find := find.strip():
        members = members.filter(
            Q(user__full_name__icontains=find) | Q(user__email__icontains=find)
        )
    return members.select_related("user", "cohort").order_by(
        "role", "user__full_name", "user__email", "pk"
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


# Reads for the JSON API. Each starts from the policy module; any id the user may not see is a 404.


def institution_for_user(user, institution_id: int) -> Institution:
    return get_object_or_404(policy.institutions_for(user), pk=institution_id)


def institution_administered_by_user(user, institution_id: int) -> Institution:
    """An institution whose well-being office the user belongs to; any other id is a 404."""
    return get_object_or_404(policy.administered_institutions(user), pk=institution_id)


def programs_visible(user) -> QuerySet[Program]:
    return policy.programs_for(user).order_by("institution__name", "name", "pk")


def program_cohorts(user, program: Program) -> QuerySet[Cohort]:
    return policy.cohorts_for(user).filter(program=program).order_by("class_year", "name", "pk")


def cohort_for_user(user, cohort_id: int) -> Cohort:
    return get_object_or_404(policy.cohorts_for(user), pk=cohort_id)


def memberships_visible(
    user, *, program_id: int | None = None, role: str | None = None, active: bool | None = None
) -> QuerySet[Membership]:
    """Memberships the user may see, optionally narrowed to one program, one role, or those in
    force today (``active=True``) or not (``active=False``)."""
    memberships = policy.memberships_for(user).select_related(
        "user", "institution", "program", "cohort"
    )
    if program_id is not None:
        memberships = memberships.filter(program_id=program_id)
    if role is not None:
        memberships = memberships.filter(role=role)
    if active is not None:
        rule = in_force()
        memberships = memberships.filter(rule if active else ~rule)
    return memberships.order_by("pk")


def membership_for_user(user, membership_id: int) -> Membership:
    return get_object_or_404(
        policy.memberships_for(user).select_related("user", "institution", "program", "cohort"),
        pk=membership_id,
    )


def blackouts_visible(
    user,
    *,
    calendar_id: int | None = None,
    on_or_after: datetime.date | None = None,
    on_or_before: datetime.date | None = None,
) -> QuerySet[Blackout]:
    """Blackouts the user may see, optionally of one calendar and overlapping a date range."""
    blackouts = policy.blackouts_for(user)
    if calendar_id is not None:
        blackouts = blackouts.filter(calendar_id=calendar_id)
    if on_or_after is not None:
        blackouts = blackouts.filter(ends_on__gte=on_or_after)
    if on_or_before is not None:
        blackouts = blackouts.filter(starts_on__lte=on_or_before)
    return blackouts.order_by("starts_on", "pk")


def blackout_for_user(user, blackout_id: int) -> Blackout:
    return get_object_or_404(policy.blackouts_for(user), pk=blackout_id)


def institution_wide_members(user, institution) -> QuerySet[Membership]:
    """The well-being office, wellness advisors and faculty advisors who serve the whole institution."""
    return (
        policy.memberships_for(user)
        .filter(institution=institution, program__isnull=True)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


def invitations_waiting(user, *, program=None, institution=None) -> list[Invitation]:
    """Invitations still waiting for an answer that this user sent or may withdraw, for one
    program, or for an institution's institution-wide roles."""
    invitations = policy.invitations_managed(user).filter(
        accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    if program is not None:
        invitations = invitations.filter(program=program)
    else:
        invitations = invitations.filter(institution=institution, program__isnull=True)
    return list(invitations.select_related("cohort").order_by("-created_at"))


def invitation_managed_by_user(user, invitation_id: int) -> Invitation:
    return get_object_or_404(
        policy.invitations_managed(user).select_related("institution", "program"),
        pk=invitation_id,
    )


def invitations_visible(
    user, *, program_id: int | None = None, status: str | None = None
) -> QuerySet[Invitation]:
    """Invitations the user may see (those they may withdraw), optionally of one program or in
    one state."""
    invitations = policy.invitations_managed(user)
    if program_id is not None:
        invitations = invitations.filter(program_id=program_id)
    now = timezone.now()
    waiting = Q(accepted_at__isnull=True, revoked_at__isnull=True)
    by_status = {
        Invitation.Status.PENDING: waiting & Q(expires_at__gt=now),
        Invitation.Status.EXPIRED: waiting & Q(expires_at__lte=now),
        Invitation.Status.ACCEPTED: Q(accepted_at__isnull=False),
        Invitation.Status.REVOKED: Q(revoked_at__isnull=False),
    }
    if status is not None:
        invitations = invitations.filter(by_status[status])
    return invitations.order_by("-created_at", "-pk")
