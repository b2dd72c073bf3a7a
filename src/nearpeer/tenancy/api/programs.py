"""JSON endpoints for institutions, programs and cohorts (mounted at /api/v1/ through
tenancy/api/__init__.py).

Reads start from the policy module through selectors, so an id the caller may not see is a 404;
writes call the same services as the pages, which check the policy themselves.
"""

from typing import Annotated

from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import StringConstraints, field_validator

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import In, named_choices
from nearpeer.tenancy import policy, selectors, services
from nearpeer.tenancy.models import Program

router = Router(tags=["programs"])

Name200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
TimeZone = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
Headcount = Annotated[int, Field(ge=0, le=1_000_000)]
ProgramKind = named_choices(Program.Kind, "ProgramKind")
ProgramCadence = named_choices(Program.Cadence, "ProgramCadence")

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


# --- Endpoints -----------------------------------------------------------------------------


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
