"""JSON endpoints for the support line's on-call rota (mounted at /api/v1/).

Reads start from the policy module through the rota selectors, so an id the caller may not see is
a 404; writes call the same services as the pages, which check the policy themselves. Nothing
here returns request content: only lines, shifts, people's names and coverage.
"""

import datetime

from django.core.exceptions import ValidationError
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import field_validator, model_validator

from nearpeer.api.pagination import Pages
from nearpeer.api.schemas import FilterId, In, named_choices
from nearpeer.supportline.models import Shift, ShiftSwap
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import shifts

router = Router(tags=["support line rota"])

MAX_RANGE_DAYS = 92
ShiftStatus = named_choices(Shift.Status, "ShiftStatus")
ShiftSwapStatus = named_choices(ShiftSwap.Status, "ShiftSwapStatus")


# --- What the API answers ----------------------------------------------------------------------


class LineOut(Schema):
    id: int
    institution_id: int
    name: str
    time_zone: str
    program_ids: list[int]
    escalation_minutes: int
    retention_days_after_year_end: int
    is_active: bool

    @staticmethod
    def resolve_time_zone(line):
        return line.institution.time_zone

    @staticmethod
    def resolve_program_ids(line):
        return [p.pk for p in line.programs.all()]


class RotaPersonOut(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(user):
        return user.display_name


class ShiftOut(Schema):
    id: int
    line_id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: ShiftStatus
    mentor: RotaPersonOut | None
    backup: RotaPersonOut | None


class SwapOut(Schema):
    id: int
    shift_id: int
    from_user: RotaPersonOut
    to_user: RotaPersonOut
    status: ShiftSwapStatus


class GapOut(Schema):
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class DayOut(Schema):
    date: datetime.date
    uncovered_minutes: int
    gaps: list[GapOut]

    @staticmethod
    def resolve_gaps(day):
        return [{"starts_at": a, "ends_at": b} for a, b in day.gaps]


class CoverageOut(Schema):
    line_id: int
    time_zone: str
    window: str
    weeks: int
    uncovered_minutes: int
    days: list[DayOut]


# --- What the API accepts ----------------------------------------------------------------------


def _aware(value: datetime.datetime) -> datetime.datetime:
    if value.tzinfo is None:
        raise ValueError("Give the time with its UTC offset, such as 2026-03-04T18:00:00-05:00.")
    return value


class ShiftCreateIn(In):
    starts_at: datetime.datetime = Field(..., description="With its UTC offset.")
    ends_at: datetime.datetime = Field(..., description="With its UTC offset.")
    mentor_id: FilterId | None = Field(None, description="A trained peer mentor of the line.")
    backup_id: FilterId | None = Field(None, description="A faculty or wellness advisor.")
    publish: bool = False

    _aware_times = field_validator("starts_at", "ends_at")(_aware)


class ShiftRange(Schema):
    on_or_after: datetime.date | None = Field(None, alias="from")
    on_or_before: datetime.date | None = Field(None, alias="to")

    @model_validator(mode="after")
    def _bounded(self):
        first, last = self.on_or_after, self.on_or_before
        if first and last and last < first:
            raise ValueError("'to' can't be before 'from'.")
        if first and last and (last - first).days > MAX_RANGE_DAYS:
            raise ValueError(f"Ask for at most {MAX_RANGE_DAYS} days at a time.")
        return self


class CoverageQuery(Schema):
    weeks: int = Field(4, ge=1, le=rs.MAX_WEEKS)


class SwapIn(In):
    to_user_id: FilterId


class DecideIn(In):
    approve: bool


# --- Lines and shifts --------------------------------------------------------------------------


@router.get("/support/lines", response=list[LineOut])
@paginate(Pages)
def line_list(request):
    return rs.lines_rota_visible(request.user).prefetch_related("programs").order_by("name", "pk")


def _range(line, query: ShiftRange) -> tuple[datetime.datetime, datetime.datetime]:
    zone = rs.line_zone(line)
    first = query.on_or_after or rs.line_today(line)
    last = query.on_or_before or first + datetime.timedelta(days=27)
    if (last - first).days > MAX_RANGE_DAYS:
        raise ValidationError(f"Ask for at most {MAX_RANGE_DAYS} days at a time.", code="range")
    return (
        datetime.datetime.combine(first, datetime.time(0), tzinfo=zone),
        datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(0), tzinfo=zone),
    )


@router.get("/support/lines/{line_id}/shifts", response=list[ShiftOut])
def shift_list(request, line_id: int, filters: Query[ShiftRange]):
    """Shifts overlapping the dates (local to the institution; default: the next four weeks)."""
    line = rs.line_for_user(request.user, line_id)
    return rs.line_shifts(line, *_range(line, filters))


@router.post("/support/lines/{line_id}/shifts", response={201: ShiftOut})
def shift_create(request, line_id: int, payload: ShiftCreateIn):
    line = rs.line_for_user(request.user, line_id)
    shift = shifts.shift_create(
        by=request.user,
        line=line,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        mentor=rs.line_mentor(line, payload.mentor_id),
        backup=rs.line_professional(line, payload.backup_id),
        publish=payload.publish,
    )
    return Status(201, rs.shift_for_user(request.user, shift.pk))


@router.get("/support/lines/{line_id}/coverage", response=CoverageOut)
def line_coverage(request, line_id: int, query: Query[CoverageQuery]):
    """Hours of each day's 08:00–24:00 window (local) with no published shift that has a trained
    mentor and a backup."""
    line = rs.line_for_user(request.user, line_id)
    days = rs.coverage(line, rs.line_today(line), query.weeks * 7)
    return {
        "line_id": line.pk,
        "time_zone": line.institution.time_zone,
        "window": "08:00-24:00",
        "weeks": query.weeks,
        "uncovered_minutes": sum(d.uncovered_minutes for d in days),
        "days": days,
    }


def _shift_action(request, shift_id: int, service):
    shift = rs.shift_for_user(request.user, shift_id)
    service(by=request.user, shift=shift)
    return rs.shift_for_user(request.user, shift.pk)


@router.post("/support/shifts/{shift_id}/publish", response=ShiftOut)
def shift_publish(request, shift_id: int):
    return _shift_action(request, shift_id, shifts.shift_publish)


@router.post("/support/shifts/{shift_id}/cancel", response=ShiftOut)
def shift_cancel(request, shift_id: int):
    return _shift_action(request, shift_id, shifts.shift_cancel)


@router.post("/support/shifts/{shift_id}/sign-up", response=ShiftOut)
def shift_sign_up(request, shift_id: int):
    """Take an open, published shift (trained peer mentors of the line)."""
    return _shift_action(request, shift_id, shifts.shift_sign_up)


# --- Swaps -------------------------------------------------------------------------------------


@router.post("/support/shifts/{shift_id}/swaps", response={201: SwapOut})
def swap_request(request, shift_id: int, payload: SwapIn):
    """Ask that another trained mentor of the line take your shift."""
    shift = rs.shift_for_user(request.user, shift_id)
    to_user = rs.line_mentor(shift.line, payload.to_user_id, field_name="to_user")
    swap = shifts.shift_swap_request(by=request.user, shift=shift, to_user=to_user)
    return Status(201, swap)


@router.post("/support/swaps/{swap_id}/decide", response=SwapOut)
def swap_decide(request, swap_id: int, payload: DecideIn):
    swap = rs.swap_for_decider(request.user, swap_id)
    return shifts.shift_swap_decide(by=request.user, swap=swap, approve=payload.approve)
