"""JSON endpoint about the caller themself (mounted at /api/v1/)."""

import datetime

from ninja import Router, Schema

from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Role

router = Router(tags=["me"])


class OwnMembershipOut(Schema):
    id: int
    role: Role
    institution_id: int
    institution_name: str
    program_id: int | None
    program_name: str | None
    cohort_id: int | None
    starts_on: datetime.date
    ends_on: datetime.date | None

    @staticmethod
    def resolve_institution_name(membership) -> str:
        return membership.institution.name

    @staticmethod
    def resolve_program_name(membership) -> str | None:
        return membership.program.name if membership.program_id else None


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    preferred_name: str
    memberships: list[OwnMembershipOut]


@router.get("/me", response=MeOut)
def me(request):
    """The caller, with their roles in force today."""
    user = request.user
    memberships = policy.own_memberships(user).select_related("institution", "program")
    return {
        "id": user.pk,
        "email": user.email,
        "full_name": user.full_name,
        "preferred_name": user.preferred_name,
        "memberships": list(memberships.order_by("pk")),
    }
