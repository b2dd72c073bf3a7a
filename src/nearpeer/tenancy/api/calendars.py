"""JSON endpoints for academic calendars and their days off (blackouts).

Adding a blackout answers with the sessions already scheduled on those days, through the hook
in tenancy/blackout_sessions.py (the spine imports no feature app).
"""

import datetime
from typing import Annotated

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StringConstraints, model_validator

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import FilterId, In, named_choices
from nearpeer.tenancy import blackout_sessions, selectors, services
from nearpeer.tenancy.models import Blackout

router = Router(tags=["calendars"])

Name120 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
BlackoutKind = named_choices(Blackout.Kind, "BlackoutKind")

# --- What the API answers ------------------------------------------------------------------


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


# --- What the API accepts ------------------------------------------------------------------


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


# --- Endpoints -----------------------------------------------------------------------------


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
