"""Writes for institutions' programs, memberships and calendars. Each checks the policy itself,
so a page, the API and a task get the same answer."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import (
    AcademicCalendar,
    Blackout,
    Cohort,
    Institution,
    Membership,
    Program,
    Role,
    membership_today,
)

INSTITUTION_FIELDS = (
    "office_name",
    "office_email",
    "office_phone",
    "emergency_phone",
    "after_hours_counseling_phone",
    "time_zone",
)
PROGRAM_FIELDS = ("name", "kind", "headcount", "time_zone", "session_cadence", "is_active")


def _given(**values) -> dict:
    """The fields a caller passed; one left out (None) keeps its value, or the model's default."""
    return {key: value for key, value in values.items() if value is not None}


@transaction.atomic
def institution_update(
    *,
    by: User,
    institution: Institution,
    office_name: str | None = None,
    office_email: str | None = None,
    office_phone: str | None = None,
    emergency_phone: str | None = None,
    after_hours_counseling_phone: str | None = None,
    time_zone: str | None = None,
) -> Institution:
    """The well-being office keeps its own name, contacts and emergency numbers current."""
    fields = _given(
        office_name=office_name,
        office_email=office_email,
        office_phone=office_phone,
        emergency_phone=emergency_phone,
        after_hours_counseling_phone=after_hours_counseling_phone,
        time_zone=time_zone,
    )
    if not policy.can_administer_institution(by, institution):
        raise PermissionDenied("Only the institution's well-being office can change these details.")
    changed = [
        k for k, v in fields.items() if k in INSTITUTION_FIELDS and getattr(institution, k) != v
    ]
    for key in changed:
        setattr(institution, key, fields[key])
    institution.full_clean()
    if changed:
        institution.save(update_fields=changed)
    return institution


@transaction.atomic
def program_create(
    *,
    by: User,
    institution: Institution,
    name: str | None = None,
    kind: str | None = None,
    headcount: int | None = None,
    time_zone: str | None = None,
    session_cadence: str | None = None,
    is_active: bool | None = None,
) -> Program:
    """The well-being office adds a training program to its institution."""
    fields = _given(
        name=name,
        kind=kind,
        headcount=headcount,
        time_zone=time_zone,
        session_cadence=session_cadence,
        is_active=is_active,
    )
    if not policy.can_administer_institution(by, institution):
        raise PermissionDenied("Only the institution's well-being office can add programs.")
    if Program.objects.filter(
        institution=institution, name__iexact=fields.get("name", "")
    ).exists():
        raise ValidationError(
            {"name": "This institution already has a program with that name."}, code="duplicate"
        )
    program = Program(
        institution=institution, **{k: v for k, v in fields.items() if k in PROGRAM_FIELDS}
    )
    program.full_clean()
    program.save()
    return program


@transaction.atomic
def program_update(
    *,
    by: User,
    program: Program,
    name: str | None = None,
    kind: str | None = None,
    headcount: int | None = None,
    time_zone: str | None = None,
    session_cadence: str | None = None,
    is_active: bool | None = None,
) -> Program:
    """Program staff or the office change a program's details."""
    fields = _given(
        name=name,
        kind=kind,
        headcount=headcount,
        time_zone=time_zone,
        session_cadence=session_cadence,
        is_active=is_active,
    )
    if not policy.can_manage_program(by, program):
        raise PermissionDenied("You don't run this program.")
    changed = [k for k, v in fields.items() if k in PROGRAM_FIELDS and getattr(program, k) != v]
    for key in changed:
        setattr(program, key, fields[key])
    if (
        "name" in changed
        and Program.objects.filter(institution=program.institution_id, name__iexact=program.name)
        .exclude(pk=program.pk)
        .exists()
    ):
        raise ValidationError(
            {"name": "This institution already has a program with that name."}, code="duplicate"
        )
    program.full_clean()
    if changed:
        program.save(update_fields=changed)
    return program


@transaction.atomic
def cohort_get_or_create(*, program: Program, name: str) -> Cohort:
    """The program's cohort with this name (case-insensitive), made if new."""
    existing = Cohort.objects.filter(program=program, name__iexact=name.strip()).first()
    if existing:
        return existing
    year = next((int(tok) for tok in name.split() if tok.isdigit() and len(tok) == 4), None)
    return Cohort.objects.create(program=program, name=name.strip(), class_year=year)


def role_place_check(*, by: User, role: str, institution, program=None, cohort=None) -> None:
    """`by` may give this role here, and the program and cohort belong together; raises if not."""
    if program is not None and program.institution_id != institution.pk:
        raise ValidationError(
            "That program belongs to another institution.", code="wrong_institution"
        )
    if role not in policy.grantable_roles(by, program, institution):
        raise PermissionDenied("You can't give that role here.")
    if cohort is not None and cohort.program_id != getattr(program, "pk", None):
        raise ValidationError(
            {"cohort": "That cohort belongs to another program."}, code="wrong_cohort"
        )


@transaction.atomic
def membership_create(
    *,
    by: User,
    user,
    role: str,
    institution: Institution,
    program: Program | None = None,
    cohort: Cohort | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    request=None,
) -> Membership:
    """Give a person a role in a program (or institution-wide); logged in the access log."""
    role_place_check(by=by, role=role, institution=institution, program=program, cohort=cohort)
    membership = Membership(
        user=user,
        role=role,
        institution=institution,
        program=program,
        cohort=cohort,
        starts_on=starts_on or membership_today(),
        ends_on=ends_on,
    )
    membership.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:
        raise ValidationError(
            f"{user.email} already has the role {membership.get_role_display()} there.",
            code="duplicate",
        ) from exc
    access_record(
        actor=by,
        institution=institution,
        action=AccessLog.Action.CREATE,
        record_type="membership",
        record_id=membership.pk,
        summary=f"{user.email}: {membership}",
        request=request,
    )
    return membership


@transaction.atomic
def membership_end(
    *, by: User, membership: Membership, ends_on: datetime.date | None = None, request=None
) -> Membership:
    """End a role: at once (no date, today or a past date: access stops at this moment), or after
    a later last day. The record stays for history."""
    if not policy.memberships_managed(by).filter(pk=membership.pk).exists():
        raise PermissionDenied("You can't change this membership.")
    today = membership_today()
    ends_on = ends_on or today
    if membership.role == Role.OFFICE_ADMIN and membership.program_id is None:
        others = Membership.objects.active().filter(
            institution=membership.institution_id, role=Role.OFFICE_ADMIN, program__isnull=True
        )
        if not others.exclude(pk=membership.pk).exists():
            raise ValidationError(
                "This is the institution's last well-being office member. Add another one first.",
                code="last_office_admin",
            )
    if ends_on < membership.starts_on and membership.starts_on <= today:
        raise ValidationError(
            {"ends_on": "A role can't end before it starts."}, code="ends_before_start"
        )
    fields = ["ends_on"]
    if ends_on <= today:
        # Ending now: access stops this moment, not at midnight. A role that had not started yet
        # is cancelled (its last day is its first, and it is already over).
        membership.ended_at = timezone.now()
        fields.append("ended_at")
        ends_on = max(ends_on, membership.starts_on)
    membership.ends_on = ends_on
    membership.save(update_fields=fields)
    when = "now" if membership.ended_at else f"after {ends_on}"
    access_record(
        actor=by,
        institution=membership.institution,
        action=AccessLog.Action.END,
        record_type="membership",
        record_id=membership.pk,
        summary=f"{membership.user.email}: {membership} ends {when}",
        request=request,
    )
    return membership


@transaction.atomic
def calendar_create(
    *,
    by: User,
    institution: Institution,
    program: Program | None,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> AcademicCalendar:
    """The office adds an institution-wide calendar; program staff add their program's."""
    allowed = (
        policy.can_administer_institution(by, institution)
        if program is None
        else program.institution_id == institution.pk and policy.can_manage_program(by, program)
    )
    if not allowed:
        raise PermissionDenied("You can't add a calendar here.")
    calendar = AcademicCalendar(
        institution=institution, program=program, name=name, starts_on=starts_on, ends_on=ends_on
    )
    if ends_on <= starts_on:
        raise ValidationError(
            {"ends_on": "The year must end after it starts."}, code="ends_before_start"
        )
    calendar.full_clean()
    calendar.save()
    return calendar


@transaction.atomic
def blackout_create(
    *,
    by: User,
    calendar: AcademicCalendar,
    kind: str,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> Blackout:
    """Mark days with no sessions (exams, board exams, holidays, finals)."""
    if not policy.calendars_managed(by).filter(pk=calendar.pk).exists():
        raise PermissionDenied("You can't change this calendar.")
    if ends_on < starts_on:
        raise ValidationError(
            {"ends_on": "The last day can't be before the first day."}, code="ends_before_start"
        )
    if starts_on < calendar.starts_on or ends_on > calendar.ends_on:
        raise ValidationError(
            f"The dates must fall within {calendar.name} ({calendar.starts_on:%d %b %Y}–{calendar.ends_on:%d %b %Y}).",
            code="outside_calendar",
        )
    blackout = Blackout(
        calendar=calendar, kind=kind, name=name, starts_on=starts_on, ends_on=ends_on
    )
    blackout.full_clean()
    blackout.save()
    return blackout


@transaction.atomic
def blackout_delete(*, by: User, blackout: Blackout) -> None:
    """Remove a blackout the user may change."""
    if not policy.blackouts_managed(by).filter(pk=blackout.pk).exists():
        raise PermissionDenied("You can't change this calendar.")
    blackout.delete()
