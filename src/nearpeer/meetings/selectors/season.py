"""A program's season: the sessions of an academic year, a page of rows or a month grid."""

import calendar
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils import timezone

from nearpeer.meetings import access
from nearpeer.meetings.models import (
    Meeting,
)
from nearpeer.meetings.selectors.meetings import with_people
from nearpeer.tenancy.models import Program

SEASON_PAGE = 60  # sessions per page of the season list: a busy program's few months


@dataclass
class Row:
    """One session as the season page shows it, in the program's local time."""

    meeting: Meeting
    starts: datetime.datetime
    ends: datetime.datetime
    facilitations: list
    required: int

    @property
    def needed(self) -> int:
        return max(0, self.required - len(self.facilitations))

    @property
    def state(self) -> str:
        if self.meeting.status == Meeting.Status.CANCELLED:
            return "cancelled"
        if not self.facilitations:
            return "unstaffed"
        return "short" if self.needed else "staffed"


@dataclass
class Season:
    program: Program
    year: int
    zone: ZoneInfo
    rows: list[Row]
    series: list = field(default_factory=list)
    page: Page | None = None  # the list's page (None for a month of the calendar)

    @property
    def months(self) -> list[tuple[datetime.date, list[Row]]]:
        grouped: dict[datetime.date, list[Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.starts.date().replace(day=1), []).append(row)
        return list(grouped.items())


def academic_year_of(day: datetime.date) -> int:
    """The calendar year in which the academic year holding `day` began (1 July)."""
    return day.year if day.month >= 7 else day.year - 1


def season(
    user, program: Program, year: int, *, month: datetime.date | None = None, page=None
) -> Season:
    """The program's sessions from 1 July of `year` to 30 June of the next: one month of them
    (`month`, for the calendar) or one page of them (`page`, a page number as given, for the
    list), so the page costs the same however many sessions the year holds."""
    zone = ZoneInfo(program.time_zone)
    first = datetime.datetime(year, 7, 1, tzinfo=zone)
    last = datetime.datetime(year + 1, 7, 1, tzinfo=zone)
    meetings = with_people(access.meetings_managed(user)).filter(program=program)
    if month is not None:
        after = (month + datetime.timedelta(days=32)).replace(day=1)
        meetings = meetings.filter(
            starts_at__gte=datetime.datetime.combine(month, datetime.time(), tzinfo=zone),
            starts_at__lt=datetime.datetime.combine(after, datetime.time(), tzinfo=zone),
        )
    else:
        meetings = meetings.filter(starts_at__gte=first, starts_at__lt=last)
    meetings = meetings.order_by("starts_at", "pk")
    shown = None
    if month is None:
        shown = Paginator(meetings, SEASON_PAGE).get_page(page)
        meetings = shown.object_list
    rows = [
        Row(
            meeting=m,
            starts=m.starts_at.astimezone(zone),
            ends=m.ends_at.astimezone(zone),
            facilitations=list(m.facilitations.all()),
            required=m.series.facilitators_per_meeting,
        )
        for m in meetings
    ]
    series = list(
        access.series_managed(user)
        .filter(program=program, ends_on__gte=first.date(), starts_on__lt=last.date())
        .annotate(
            sessions=Count("meetings", filter=Q(meetings__status=Meeting.Status.SCHEDULED)),
            upcoming=Count(
                "meetings",
                filter=Q(
                    meetings__status=Meeting.Status.SCHEDULED,
                    meetings__starts_at__gt=timezone.now(),
                ),
            ),
        )
        .order_by("starts_on", "pk")
    )
    return Season(program=program, year=year, zone=zone, rows=rows, series=series, page=shown)


def month_grid(rows: list[Row], year: int, month: int) -> list[list[tuple[datetime.date, list]]]:
    """Weeks (Monday first) of one month, each day with its sessions; other months' days empty."""
    by_day: dict[datetime.date, list[Row]] = {}
    for row in rows:
        by_day.setdefault(row.starts.date(), []).append(row)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    return [
        [(day, by_day.get(day, []) if day.month == month else None) for day in week]
        for week in weeks
    ]
