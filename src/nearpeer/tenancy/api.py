"""JSON endpoints for institutions, programs, memberships and calendars (mounted at /api/v1/).

Reads start from the policy module through selectors, so an id the caller may not see is a 404;
writes call the same services as the pages, which check the policy themselves.
"""

import datetime
from typing import Annotated

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from ninja import Field, File, Query, Router, Schema, UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StringConstraints, ValidationInfo, field_validator, model_validator

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import FilterId, In, named_choices
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import (
    blackout_sessions,
    invitations,
    policy,
    roster,
    roster_jobs,
    selectors,
    services,
)
from nearpeer.tenancy.models import (
    Blackout,
    Invitation,
    Program,
    Role,
    RosterImport,
    membership_today,
)

router = Router(tags=["programs"])

Name200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Name120 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
TimeZone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Headcount = Annotated[int, Field(ge=0, le=1_000_000)]
ProgramKind = named_choices(Program.Kind, "ProgramKind")
ProgramCadence = named_choices(Program.Cadence, "ProgramCadence")
BlackoutKind = named_choices(Blackout.Kind, "BlackoutKind")
RosterImportStatus = named_choices(RosterImport.Status, "RosterImportStatus")
InvitationStatus = named_choices(Invitation.Status, "InvitationStatus")

# --- What the API answers ------------------------------------------------------------------


class InstitutionOut(Schema):
    id: int
    name: str
    slug: str
    office_name: str
    office_email: str
    office_phone: str
    emergency_phone: str
    after_hours_counseling_phone: str
    time_zone: str


class ProgramOut(Schema):
    id: int
    institution_id: int
    name: str
    kind: ProgramKind
    headcount: int
    time_zone: str
    session_cadence: ProgramCadence
    is_active: bool


class CohortOut(Schema):
    id: int
    program_id: int
    name: str
    class_year: int | None


class MembershipPersonOut(Schema):
    id: int
    email: str
    full_name: str


class MembershipOut(Schema):
    id: int
    user: MembershipPersonOut
    role: Role
    institution_id: int
    program_id: int | None
    cohort_id: int | None
    starts_on: datetime.date
    ends_on: datetime.date | None
    ended_at: datetime.datetime | None = Field(
        None, description="When someone ended the role; access stopped at that moment."
    )
    is_active: bool


class BlackoutOut(Schema):
    id: int
    calendar_id: int
    kind: BlackoutKind
    name: str
    starts_on: datetime.date
    ends_on: datetime.date


class SessionOnBlackoutOut(Schema):
    id: int
    program_id: int
    title: str = Field(description="The session plan's title, or the series' name.")
    starts_at: datetime.datetime
    url: str = Field(description="The session's page, where it can be moved or cancelled.")

    @staticmethod
    def resolve_title(meeting):
        return meeting.plan.title if meeting.plan_id else meeting.series.name

    @staticmethod
    def resolve_url(meeting):
        return reverse("meetings:meeting_detail", args=[meeting.pk])


class BlackoutCreatedOut(BlackoutOut):
    sessions_on_these_days: list[SessionOnBlackoutOut] = Field(
        description="Scheduled upcoming sessions you run that fall on the new days off. They are "
        "not moved for you: move or cancel each one (POST /api/v1/meetings/{id}/move or /cancel)."
    )


class CalendarOut(Schema):
    id: int
    institution_id: int
    program_id: int | None
    name: str
    starts_on: datetime.date
    ends_on: datetime.date


class CalendarListOut(CalendarOut):
    blackout_count: int


class CalendarDetailOut(CalendarOut):
    blackouts: list[BlackoutOut]

    @staticmethod
    def resolve_blackouts(calendar):
        return calendar.blackouts.order_by("starts_on", "pk")


class RosterOut(Schema):
    invited: int = Field(
        0, description="People you can't see yet in your programs: emailed an invitation."
    )
    roles_added: int
    unchanged: int
    rows: int
    cohorts_changed: int = 0
    ended_kept: int = 0


class RowErrorOut(Schema):
    line: int
    reason: str


class RosterRejectedOut(Schema):
    detail: str
    errors: list[RowErrorOut]


class RosterImportOut(Schema):
    id: int
    program_id: int
    status: RosterImportStatus
    rows: int
    rows_done: int
    result: RosterOut | None = Field(None, description="The counts, once the import is done.")
    errors: list[RowErrorOut] = Field(description="Why nothing was imported, if it failed.")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    status_url: str

    @staticmethod
    def resolve_rows(job) -> int:
        return job.row_count

    @staticmethod
    def resolve_result(job):
        return job.summary if job.status == RosterImport.Status.DONE else None

    @staticmethod
    def resolve_status_url(job):
        return reverse("api:roster_import_detail", args=[job.pk])


# --- What the API accepts ------------------------------------------------------------------


class ProgramCreateIn(In):
    institution_id: int
    name: Name200
    kind: ProgramKind
    headcount: Headcount = 0
    time_zone: TimeZone | None = Field(None, description="The institution's if left out.")
    session_cadence: ProgramCadence = ProgramCadence.MONTHLY
    is_active: bool = True


class ProgramUpdateIn(In):
    """Only the fields sent are changed."""

    name: Name200 | None = None
    kind: ProgramKind | None = None
    headcount: Headcount | None = None
    time_zone: TimeZone | None = None
    session_cadence: ProgramCadence | None = None
    is_active: bool | None = None

    @field_validator("*")
    @classmethod
    def _not_null(cls, value):
        if value is None:
            raise ValueError("This can't be empty: leave the field out to keep its current value.")
        return value


class MembershipCreateIn(In):
    email: Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, max_length=254)]
    full_name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    role: Role
    program_id: int
    cohort_id: int | None = None
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError("Enter an email address such as name@example.edu.") from None
        return value

    @field_validator("ends_on")
    @classmethod
    def _ends_after_start(cls, value, info: ValidationInfo):
        if value is None or "starts_on" not in info.data:  # absent, or already wrong itself
            return value
        if value < (info.data["starts_on"] or membership_today()):
            raise ValueError("A role can't end before it starts.")
        return value


class InvitationOut(Schema):
    id: int
    email: str
    role: Role
    institution_id: int
    program_id: int | None
    cohort_id: int | None
    status: InvitationStatus
    created_at: datetime.datetime
    expires_at: datetime.datetime


class InvitationFilter(Schema):
    program_id: FilterId | None = None
    status: InvitationStatus | None = None


class MembershipEndIn(In):
    ends_on: datetime.date | None = Field(None, description="Today if left out.")


class MembershipFilter(Schema):
    program_id: FilterId | None = None
    role: Role | None = None
    active: bool | None = Field(None, description="true: in force today; false: ended or future.")


class CalendarCreateIn(In):
    institution_id: int | None = Field(None, description="For an institution-wide calendar.")
    program_id: int | None = Field(None, description="For one program's calendar.")
    name: Name120
    starts_on: datetime.date
    ends_on: datetime.date

    @model_validator(mode="after")
    def _one_scope(self):
        if (self.institution_id is None) == (self.program_id is None):
            raise ValueError("Give either institution_id or program_id, not both or neither.")
        return self


class BlackoutCreateIn(In):
    calendar_id: int
    kind: BlackoutKind
    name: Name120
    starts_on: datetime.date
    ends_on: datetime.date


class BlackoutFilter(Schema):
    calendar_id: FilterId | None = None
    on_or_after: datetime.date | None = Field(None, alias="from")
    on_or_before: datetime.date | None = Field(None, alias="to")


# --- Institutions and programs -------------------------------------------------------------


@router.get("/institutions", response=list[InstitutionOut], tags=["institutions"])
@paginate(Pages)
def institution_list(request):
    return policy.institutions_for(request.user).order_by("name", "pk")


@router.get("/institutions/{institution_id}", response=InstitutionOut, tags=["institutions"])
def institution_detail(request, institution_id: int):
    return selectors.institution_for_user(request.user, institution_id)


@router.get("/programs", response=list[ProgramOut])
@paginate(Pages)
def program_list(request):
    return selectors.programs_visible(request.user)


@router.get("/programs/{program_id}", response=ProgramOut)
def program_detail(request, program_id: int):
    return selectors.program_for_user(request.user, program_id)


@router.post("/programs", response={201: ProgramOut})
def program_create(request, payload: ProgramCreateIn):
    """The well-being office adds a program to its institution."""
    data = payload.model_dump(exclude={"institution_id"})
    institution = selectors.institution_administered_by_user(request.user, payload.institution_id)
    data["time_zone"] = data["time_zone"] or institution.time_zone
    return services.program_create(by=request.user, institution=institution, **data)


@router.patch("/programs/{program_id}", response=ProgramOut)
def program_update(request, program_id: int, payload: ProgramUpdateIn):
    program = selectors.program_for_user(request.user, program_id)
    return services.program_update(
        by=request.user, program=program, **payload.model_dump(exclude_unset=True)
    )


@router.get("/programs/{program_id}/cohorts", response=list[CohortOut])
@paginate(Pages)
def cohort_list(request, program_id: int):
    program = selectors.program_for_user(request.user, program_id)
    return selectors.program_cohorts(request.user, program)


@router.post(
    "/programs/{program_id}/roster",
    response={202: RosterImportOut, 400: RosterRejectedOut},
    tags=["memberships"],
)
def roster_upload(request, program_id: int, file: File[UploadedFile]):
    """Add people and roles from a CSV roster (columns: name, email, program, cohort, role).
    Every line is checked first: if any is wrong, nothing is imported and the 400 answer lists
    every line to fix. Otherwise the answer is the import (202), applied whole: at once for a
    small file (status `done`), in the background for a bigger one; follow `status_url`."""
    program = selectors.program_for_user(request.user, program_id)
    # Read one byte past the limit at most: the import then refuses the file as too large.
    data = file.read(settings.NEARPEER_ROSTER_MAX_BYTES + 1)
    try:
        job = roster_jobs.roster_upload(
            by=request.user, program=program, data=data, filename=file.name, request=request
        )
    except roster.RosterRejected as exc:
        detail = f"Nothing was imported: {len(exc.errors)} problem(s) to fix in the file."
        return Status(400, {"detail": detail, "errors": exc.errors})
    return Status(202, job)


@router.get(
    "/roster-imports/{import_id}",
    response=RosterImportOut,
    tags=["memberships"],
    url_name="roster_import_detail",
)
def roster_import_detail(request, import_id: int):
    """Where a roster import stands: queued, running, done (with counts) or failed (with why)."""
    return selectors.roster_import_for_user(request.user, import_id)


# --- Memberships ---------------------------------------------------------------------------


def _record_membership_read(request, memberships) -> None:
    """One access-log entry per institution whose memberships this answer shows."""
    shown: dict[int, list] = {}
    for membership in memberships:
        shown.setdefault(membership.institution_id, []).append(membership)
    for rows in shown.values():
        ids = ", ".join(str(m.pk) for m in rows)
        access_record(
            actor=request.user,
            institution=rows[0].institution,
            action=AccessLog.Action.READ,
            record_type="membership",
            record_id=rows[0].pk if len(rows) == 1 else "",
            summary=f"API read of {len(rows)} membership(s): {ids}",
            request=request,
        )


@router.get("/memberships", response=list[MembershipOut], tags=["memberships"])
@paginate(Pages, on_page=_record_membership_read)
def membership_list(request, filters: Query[MembershipFilter]):
    return selectors.memberships_visible(request.user, **filters.model_dump())


@router.get("/memberships/{membership_id}", response=MembershipOut, tags=["memberships"])
def membership_detail(request, membership_id: int):
    membership = selectors.membership_for_user(request.user, membership_id)
    _record_membership_read(request, [membership])
    return membership


@router.post(
    "/memberships", response={201: MembershipOut, 202: InvitationOut}, tags=["memberships"]
)
def membership_create(request, payload: MembershipCreateIn):
    """Give a person a role in a program. Someone you can already see (they hold a role you may
    see) gets it at once (201); anyone else is emailed an invitation and the role starts when
    they accept (202). The answer never says whether an email has an account elsewhere."""
    program = selectors.program_for_user(request.user, payload.program_id)
    cohort = None
    if payload.cohort_id is not None:
        cohort = selectors.cohort_for_user(request.user, payload.cohort_id)
    added = invitations.person_add(
        by=request.user,
        email=payload.email,
        full_name=payload.full_name,
        role=payload.role,
        institution=program.institution,
        program=program,
        cohort=cohort,
        starts_on=payload.starts_on,
        ends_on=payload.ends_on,
        request=request,
    )
    return Status(202 if isinstance(added, Invitation) else 201, added)


@router.get("/invitations", response=list[InvitationOut], tags=["memberships"])
@paginate(Pages)
def invitation_list(request, filters: Query[InvitationFilter]):
    """Invitations you sent or may withdraw, newest first."""
    return selectors.invitations_visible(request.user, **filters.model_dump())


@router.post("/invitations/{invitation_id}/withdraw", response=InvitationOut, tags=["memberships"])
def invitation_withdraw(request, invitation_id: int):
    """Withdraw an invitation that is still waiting; its link stops working."""
    invitation = selectors.invitation_managed_by_user(request.user, invitation_id)
    return invitations.invitation_revoke(by=request.user, invitation=invitation, request=request)


@router.post("/memberships/{membership_id}/end", response=MembershipOut, tags=["memberships"])
def membership_end(request, membership_id: int, payload: MembershipEndIn | None = None):
    """End a role from a date (today by default); the record stays for history."""
    membership = selectors.membership_for_user(request.user, membership_id)
    ends_on = payload.ends_on if payload else None
    return services.membership_end(
        by=request.user, membership=membership, ends_on=ends_on, request=request
    )


# --- Calendars and blackouts ---------------------------------------------------------------


@router.get("/calendars", response=list[CalendarListOut], tags=["calendars"])
@paginate(Pages)
def calendar_list(request):
    return selectors.calendars_visible(request.user).order_by("-starts_on", "name", "pk")


@router.get("/calendars/{calendar_id}", response=CalendarDetailOut, tags=["calendars"])
def calendar_detail(request, calendar_id: int):
    return selectors.calendar_for_user(request.user, calendar_id)


@router.post("/calendars", response={201: CalendarOut}, tags=["calendars"])
def calendar_create(request, payload: CalendarCreateIn):
    """The office adds an institution-wide calendar; program staff add their program's."""
    if payload.program_id is not None:
        program = selectors.program_for_user(request.user, payload.program_id)
        institution = program.institution
    else:
        program = None
        institution = selectors.institution_for_user(request.user, payload.institution_id)
    return services.calendar_create(
        by=request.user,
        institution=institution,
        program=program,
        **payload.model_dump(include={"name", "starts_on", "ends_on"}),
    )


@router.get("/blackouts", response=list[BlackoutOut], tags=["calendars"])
@paginate(Pages)
def blackout_list(request, filters: Query[BlackoutFilter]):
    return selectors.blackouts_visible(request.user, **filters.model_dump())


@router.post("/blackouts", response={201: BlackoutCreatedOut}, tags=["calendars"])
def blackout_create(request, payload: BlackoutCreateIn):
    calendar = selectors.calendar_for_user(request.user, payload.calendar_id)
    blackout = services.blackout_create(
        by=request.user, calendar=calendar, **payload.model_dump(exclude={"calendar_id"})
    )
    clashing = blackout_sessions.sessions_on_blackouts(request.user, [blackout])[blackout.pk]
    blackout.sessions_on_these_days = clashing
    return Status(201, blackout)


@router.delete("/blackouts/{blackout_id}", response={204: None}, tags=["calendars"])
def blackout_delete(request, blackout_id: int):
    blackout = selectors.blackout_for_user(request.user, blackout_id)
    services.blackout_delete(by=request.user, blackout=blackout)
