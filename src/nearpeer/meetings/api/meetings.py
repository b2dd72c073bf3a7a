"""JSON endpoints for series and sessions (mounted at /api/v1/).

Reads start from the policy module through selectors, so an id the caller may not see is a 404;
writes call the same services as the pages, which check the policy themselves.
"""

import datetime
from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import StringConstraints, field_validator

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import FilterId, In, LocalTime, WebAddress, named_choices
from nearpeer.meetings import selectors, services
from nearpeer.meetings.models import Meeting, Modality, Series

router = Router(tags=["sessions"])

Text200 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
Text300 = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
MeetingStatus = named_choices(Meeting.Status, "MeetingStatus")
SeriesCadence = named_choices(Series.Cadence, "SeriesCadence")


# --- What the API answers ---------------------------------------------------------------------


class FacilitatorOut(Schema):
    id: int
    full_name: str
    pinned: bool

    @staticmethod
    def resolve_id(facilitation):
        return facilitation.user_id

    @staticmethod
    def resolve_full_name(facilitation):
        return facilitation.user.display_name


class MeetingOut(Schema):
    id: int
    series_id: int
    program_id: int
    plan_id: int | None
    plan_title: str | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    modality: Modality
    room: str
    video_link: str
    status: MeetingStatus
    cancel_reason: str
    moved_from: datetime.date | None
    schedule_note: str
    staffing_note: str
    facilitators: list[FacilitatorOut]

    @staticmethod
    def resolve_plan_title(meeting):
        return meeting.plan.title if meeting.plan else None

    @staticmethod
    def resolve_facilitators(meeting):
        return list(meeting.facilitations.all())


class SeriesOut(Schema):
    id: int
    program_id: int
    name: str
    cadence: SeriesCadence
    custom_dates: list[datetime.date]
    weekday: int
    start_time: LocalTime
    minutes: int
    modality: Modality
    room: str
    video_link: str
    starts_on: datetime.date
    ends_on: datetime.date
    facilitators_per_meeting: int
    plan_ids: list[int]

    @staticmethod
    def resolve_plan_ids(series):
        return [step.plan_id for step in series.sequence.all()]


class SeriesDetailOut(SeriesOut):
    meetings: list[MeetingOut]

    @staticmethod
    def resolve_meetings(series):
        return list(selectors.series_meetings(series))


class SeriesCreatedOut(Schema):
    series: SeriesDetailOut
    messages: list[str]


class StaffingOut(Schema):
    meetings: int
    staffed: int
    changed: int
    unstaffed: list[str]
    status: str
    queued: bool


# --- What the API accepts ---------------------------------------------------------------------


class SeriesCreateIn(In):
    program_id: int
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    cadence: SeriesCadence = SeriesCadence.MONTHLY
    weekday: int = Field(..., ge=0, le=6, description="0 = Monday … 6 = Sunday.")
    start_time: LocalTime
    minutes: int = Field(60, ge=0, le=1440, description="60 to 90.")
    modality: Modality = Modality.IN_PERSON
    room: Text200 = ""
    video_link: WebAddress = ""
    starts_on: datetime.date
    ends_on: datetime.date
    plan_ids: list[int] = Field(default_factory=list, max_length=100)
    custom_dates: list[datetime.date] = Field(default_factory=list, max_length=200)


class MeetingFilter(Schema):
    program_id: FilterId | None = None
    on_or_after: datetime.date | None = Field(None, alias="from")
    on_or_before: datetime.date | None = Field(None, alias="to")


class MoveIn(In):
    starts_at: datetime.datetime = Field(..., description="With its UTC offset.")
    reason: Text300 = ""

    @field_validator("starts_at")
    @classmethod
    def _aware(cls, value: datetime.datetime):
        if value.tzinfo is None:
            raise ValueError(
                "Give the time with its UTC offset, such as 2026-03-04T12:00:00-05:00."
            )
        return value


class CancelIn(In):
    reason: Reason


class PinIn(In):
    user_id: int


# --- Series ----------------------------------------------------------------------------------


@router.get("/series", response=list[SeriesOut])
@paginate(Pages)
def series_list(request):
    return selectors.series_visible(request.user)


@router.post("/series", response={201: SeriesCreatedOut})
def series_create(request, payload: SeriesCreateIn):
    """Set up a series: its dates move around blackouts, and `messages` says which moved."""
    data = payload.model_dump()
    program = selectors.program_for_user(request.user, data.pop("program_id"))
    series, messages = services.series_create(by=request.user, program=program, **data)
    return Status(201, {"series": series, "messages": messages})


@router.get("/series/{series_id}", response=SeriesDetailOut)
def series_detail(request, series_id: int):
    return selectors.series_for_user(request.user, series_id)


@router.post("/series/{series_id}/schedule", response={200: StaffingOut, 202: StaffingOut})
def series_schedule(request, series_id: int):
    """Staff the series' upcoming sessions, keeping pinned facilitators. Large series are solved
    in the background (202)."""
    series = selectors.series_for_user(request.user, series_id)
    outcome = services.staffing_request(by=request.user, series=series)
    return Status(202 if outcome.queued else 200, outcome.as_dict())


# --- Meetings --------------------------------------------------------------------------------


@router.get("/meetings", response=list[MeetingOut])
@paginate(Pages)
def meeting_list(request, filters: Query[MeetingFilter]):
    return selectors.meetings_visible(request.user, **filters.model_dump())


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def meeting_detail(request, meeting_id: int):
    return selectors.meeting_for_user(request.user, meeting_id)


def _reloaded(request, meeting):
    return selectors.meeting_for_user(request.user, meeting.pk)


@router.post("/meetings/{meeting_id}/move", response=MeetingOut)
def meeting_move(request, meeting_id: int, payload: MoveIn):
    meeting = selectors.meeting_for_user(request.user, meeting_id)
    services.meeting_move(by=request.user, meeting=meeting, **payload.model_dump())
    return _reloaded(request, meeting)


@router.post("/meetings/{meeting_id}/cancel", response=MeetingOut)
def meeting_cancel(request, meeting_id: int, payload: CancelIn):
    meeting = selectors.meeting_for_user(request.user, meeting_id)
    services.meeting_cancel(by=request.user, meeting=meeting, reason=payload.reason)
    return _reloaded(request, meeting)


@router.post("/meetings/{meeting_id}/facilitators", response=MeetingOut)
def facilitator_pin(request, meeting_id: int, payload: PinIn):
    """Pin someone to the session (kept when the rest is re-solved)."""
    meeting = selectors.meeting_for_user(request.user, meeting_id)
    person = selectors.facilitator_candidate(request.user, meeting, payload.user_id)
    services.facilitation_pin(by=request.user, meeting=meeting, user=person)
    return _reloaded(request, meeting)


@router.delete("/meetings/{meeting_id}/facilitators/{user_id}", response=MeetingOut)
def facilitator_remove(request, meeting_id: int, user_id: int):
    meeting = selectors.meeting_for_user(request.user, meeting_id)
    person = selectors.facilitator_on_meeting(request.user, meeting, user_id)
    services.facilitation_remove(by=request.user, meeting=meeting, user=person)
    return _reloaded(request, meeting)


@router.get("/me/meetings", response=list[MeetingOut])
@paginate(Pages)
def my_meetings(request):
    """Sessions you lead, from now on."""
    return selectors.my_upcoming_queryset(request.user)
