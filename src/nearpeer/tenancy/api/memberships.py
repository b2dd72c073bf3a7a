"""JSON endpoints for memberships and invitations: who holds which role, giving and ending roles.

Every answer that shows memberships writes the access log, one entry per institution shown.
"""

import datetime
from typing import Annotated

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StringConstraints, ValidationInfo, field_validator

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import FilterId, In, named_choices
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import invitations, selectors, services
from nearpeer.tenancy.models import Invitation, Role, membership_today

router = Router(tags=["memberships"])

InvitationStatus = named_choices(Invitation.Status, "InvitationStatus")

# --- What the API answers ------------------------------------------------------------------


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


# --- What the API accepts ------------------------------------------------------------------


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


class InvitationFilter(Schema):
    program_id: FilterId | None = None
    status: InvitationStatus | None = None


class MembershipEndIn(In):
    ends_on: datetime.date | None = Field(None, description="Today if left out.")


class MembershipFilter(Schema):
    program_id: FilterId | None = None
    role: Role | None = None
    active: bool | None = Field(None, description="true: in force today; false: ended or future.")


# --- Endpoints -----------------------------------------------------------------------------


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
