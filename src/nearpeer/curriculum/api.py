"""JSON endpoints for the curriculum (mounted at /api/v1/): core plans, programs' own plans and
proposals. Reads go through the selectors (an id the caller may not see is a 404); writes call
the same services as the pages, which check the policy themselves."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import ConfigDict, StringConstraints, field_validator

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import named_choices
from nearpeer.curriculum import selectors, services
from nearpeer.curriculum.models import Proposal, Technique
from nearpeer.tenancy import selectors as tenancy_selectors
from nearpeer.tenancy.models import Program

router = Router(tags=["curriculum"])

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text = Annotated[str, StringConstraints(max_length=4000)]
Guide = Annotated[str, StringConstraints(max_length=20000)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
ProposalStatus = named_choices(Proposal.Status, "ProposalStatus")
ProgramKind = named_choices(Program.Kind, "ProgramKind")


class In(Schema):
    """Input that names a field the operation doesn't take is refused, never ignored."""

    model_config = ConfigDict(extra="forbid")


# --- What the API answers ----------------------------------------------------------------------


class SegmentOut(Schema):
    title: str
    minutes: int
    detail: str = ""


class ContentOut(Schema):
    title: str
    summary: str
    goals: list[str]
    techniques: list[str]
    outline: list[SegmentOut]
    minutes: int
    facilitator_guide: str
    materials: str
    audience: list[str]


class CorePlanOut(ContentOut):
    id: int
    institution_id: int
    key: str
    version: int
    published_at: datetime.datetime
    is_retired: bool


class ProgramPlanOut(ContentOut):
    id: int
    program_id: int
    based_on_id: int | None
    based_on_version: int | None = Field(None, description="The core version it was copied from.")
    newer_core_version: int | None = Field(
        None, description="A newer core version the program may take, if there is one."
    )
    updated_at: datetime.datetime

    @staticmethod
    def resolve_based_on_version(plan):
        return plan.based_on.version if plan.based_on_id else None

    @staticmethod
    def resolve_newer_core_version(plan):
        return getattr(plan, "newer_core_version", None)


class ReviewOut(Schema):
    decision: str
    comment: str
    created_at: datetime.datetime


class ProposalOut(ContentOut):
    id: int
    institution_id: int
    program_id: int | None
    proposed_by_id: int
    status: ProposalStatus
    created_at: datetime.datetime
    resulting_plan_id: int | None
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_reviews(proposal):
        return list(proposal.reviews.all())


# --- What the API accepts ----------------------------------------------------------------------


class SegmentIn(In):
    title: Title
    minutes: int = Field(ge=1, le=90)
    detail: Text = ""


class ContentIn(In):
    title: Title
    summary: Text
    goals: list[Line] = Field(max_length=20)
    techniques: list[Technique] = Field(max_length=10)
    outline: list[SegmentIn] = Field(max_length=30)
    minutes: int = Field(description="From 60 to 90; the segments must add up to it.")
    facilitator_guide: Guide = ""
    materials: Text = ""
    audience: list[ProgramKind] = Field(default_factory=list, description="Empty: all kinds.")


class ProgramPlanUpdateIn(In):
    """Only the fields sent are changed."""

    title: Title | None = None
    summary: Text | None = None
    goals: list[Line] | None = Field(None, max_length=20)
    techniques: list[Technique] | None = Field(None, max_length=10)
    outline: list[SegmentIn] | None = Field(None, max_length=30)
    minutes: int | None = None
    facilitator_guide: Guide | None = None
    materials: Text | None = None
    audience: list[ProgramKind] | None = None

    @field_validator("*")
    @classmethod
    def _not_null(cls, value):
        if value is None:
            raise ValueError("This can't be empty: leave the field out to keep its current value.")
        return value


class CustomizeIn(In):
    plan_id: int = Field(description="The core plan (version) to copy.")


class ProposalIn(ContentIn):
    program_id: int


class ReviewIn(In):
    decision: Literal["approved", "changes_requested", "declined"]
    comment: Text = ""


class CorePlanFilter(Schema):
    technique: Technique | None = None
    audience: ProgramKind | None = None


class ProposalFilter(Schema):
    status: ProposalStatus | None = None


def _content(payload, **kwargs) -> dict:
    data = payload.model_dump(mode="json", **kwargs)
    return {k: v for k, v in data.items() if k in services.CONTENT_FIELDS}


# --- Core plans --------------------------------------------------------------------------------


@router.get("/plans", response=list[CorePlanOut])
@paginate(Pages)
def core_plan_list(request, filters: Query[CorePlanFilter]):
    """The newest version of each core plan of your institutions."""
    return selectors.core_plans_visible(request.user, **filters.model_dump())


@router.get("/plans/{plan_id}", response=CorePlanOut)
def core_plan_detail(request, plan_id: int):
    return selectors.core_plan_for_user(request.user, plan_id)


# --- Programs' own plans -----------------------------------------------------------------------


@router.get("/programs/{program_id}/plans", response=list[ProgramPlanOut])
@paginate(Pages)
def program_plan_list(request, program_id: int):
    program = tenancy_selectors.program_for_user(request.user, program_id)
    return selectors.program_plans_visible(request.user, program=program)


@router.post("/programs/{program_id}/plans", response={201: ProgramPlanOut})
def program_plan_customize(request, program_id: int, payload: CustomizeIn):
    """Make the program's own copy of a core plan."""
    program = tenancy_selectors.program_for_user(request.user, program_id)
    plan = selectors.core_plan_for_user(request.user, payload.plan_id)
    copy = services.program_plan_customize(by=request.user, program=program, session_plan=plan)
    return 201, selectors.program_plan_for_user(request.user, copy.pk)


@router.get("/program-plans/{plan_id}", response=ProgramPlanOut)
def program_plan_detail(request, plan_id: int):
    return selectors.program_plan_for_user(request.user, plan_id)


@router.patch("/program-plans/{plan_id}", response=ProgramPlanOut)
def program_plan_update(request, plan_id: int, payload: ProgramPlanUpdateIn):
    plan = selectors.program_plan_for_user(request.user, plan_id)
    services.program_plan_update(
        by=request.user, plan=plan, **_content(payload, exclude_unset=True)
    )
    return selectors.program_plan_for_user(request.user, plan_id)


@router.post("/program-plans/{plan_id}/take-newer", response=ProgramPlanOut)
def program_plan_take_newer(request, plan_id: int):
    """Replace the program's plan with the newest core version (the program's changes go)."""
    plan = selectors.program_plan_for_user(request.user, plan_id)
    services.program_plan_take_newer_core(by=request.user, plan=plan)
    return selectors.program_plan_for_user(request.user, plan_id)


# --- Proposals ---------------------------------------------------------------------------------


@router.get("/proposals", response=list[ProposalOut])
@paginate(Pages)
def proposal_list(request, filters: Query[ProposalFilter]):
    return selectors.proposals_visible(request.user, **filters.model_dump()).prefetch_related(
        "reviews"
    )


@router.get("/proposals/{proposal_id}", response=ProposalOut)
def proposal_detail(request, proposal_id: int):
    return selectors.proposal_for_user(request.user, proposal_id)


@router.post("/proposals", response={201: ProposalOut})
def proposal_submit(request, payload: ProposalIn):
    """Propose a new session plan for a program you facilitate for or run."""
    program = tenancy_selectors.program_for_user(request.user, payload.program_id)
    return 201, services.proposal_submit(by=request.user, program=program, **_content(payload))


@router.post("/proposals/{proposal_id}/review", response=ProposalOut)
def proposal_review(request, proposal_id: int, payload: ReviewIn):
    """The well-being office approves, asks for changes (comment needed) or declines (comment
    needed)."""
    proposal = selectors.proposal_for_user(request.user, proposal_id)
    return services.proposal_review(by=request.user, proposal=proposal, **payload.model_dump())
