"""Reads of series and sessions, always starting from the policy module; a foreign or unknown id
is a 404. Page reads run a fixed number of queries however many sessions there are."""

import calendar
import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.meetings.models import (
    Availability,
    AvailabilityException,
    Facilitation,
    FacilitatorProfile,
    Meeting,
    Modality,
    Reminder,
    Rsvp,
    Series,
)
from nearpeer.meetings.services.meetings import WEEKDAYS
from nearpeer.meetings.services.staffing import DEFAULT_CAP, eligible_kinds
from nearpeer.scheduling import Meeting as ScheduledMeeting
from nearpeer.scheduling import facilitators_for_schedule, staffing_gap
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program, Role, in_force

STAFFING_RULE = (
    "We read each program's scheduled sessions for the next twelve months with the scheduler's "
    "own rules: every session needs its facilitators (two, a peer in every pair), nobody leads "
    "more than 2 sessions a month or two sessions at once. The busiest month sets the need; we "
    "add a 25 % reserve for exams and absences and never suggest fewer than 4."
)


def _facilitations():
    return Prefetch(
        "facilitations",
        queryset=Facilitation.objects.select_related("user").order_by("user__full_name", "pk"),
    )


def _with_people(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("plan", "series", "program").prefetch_related(_facilitations())


# --- One thing by id ----------------------------------------------------------------------------


def meeting_for_user(user, meeting_id: int) -> Meeting:
    return get_object_or_404(_with_people(policy.meetings_for(user)), pk=meeting_id)


def meeting_managed_by_user(user, meeting_id: int) -> Meeting:
    return get_object_or_404(_with_people(policy.meetings_managed(user)), pk=meeting_id)


def series_for_user(user, series_id: int) -> Series:
    return get_object_or_404(policy.series_for(user).select_related("program"), pk=series_id)


def series_managed_by_user(user, series_id: int) -> Series:
    return get_object_or_404(policy.series_managed(user).select_related("program"), pk=series_id)


def program_managed_by_user(user, program_id: int) -> Program:
    return get_object_or_404(
        policy.programs_managed(user).select_related("institution"), pk=program_id
    )


def program_for_user(user, program_id: int) -> Program:
    return get_object_or_404(policy.programs_for(user).select_related("institution"), pk=program_id)


def programs_run(user) -> list[Program]:
    """The programs whose season the user runs (program staff and the well-being office)."""
    return list(policy.programs_managed(user).select_related("institution").order_by("name", "pk"))


def plans_for_series(user, program: Program):
    return (
        policy.program_plans_schedulable(user)
        .filter(program=program, is_archived=False)
        .order_by("title", "pk")
    )


def facilitator_candidates(user, meeting: Meeting):
    """People who may lead this session (for the pin and swap lists); staff only."""
    if not policy.can_manage_program(user, meeting.program):
        return get_user_model().objects.none()
    ids = list(eligible_kinds(meeting.program))
    return get_user_model().objects.filter(pk__in=ids).order_by("full_name", "email")


def facilitator_candidate(user, meeting: Meeting, user_id: int):
    """The person to pin, who must be allowed to lead this program's sessions."""
    if not policy.can_manage_program(user, meeting.program):
        raise PermissionDenied("You don't run this program.")
    person = facilitator_candidates(user, meeting).filter(pk=user_id).first()
    if person is None:
        raise ValidationError(
            {"user_id": "That person doesn't lead sessions in this program: choose one of its "
             "peer facilitators or wellness advisors."},
            code="not_eligible",
        )  # fmt: skip
    return person


def facilitator_on_meeting(user, meeting: Meeting, user_id: int):
    """Someone leading a session the user may see; anyone else is a 404."""
    return get_object_or_404(meeting.facilitators.all(), pk=user_id)


# --- Lists --------------------------------------------------------------------------------------


def series_visible(user, *, program_id: int | None = None) -> QuerySet[Series]:
    series = policy.series_for(user)
    if program_id is not None:
        series = series.filter(program_id=program_id)
    return series.prefetch_related("sequence").order_by("-starts_on", "pk")


def meetings_visible(
    user,
    *,
    program_id: int | None = None,
    on_or_after: datetime.date | None = None,
    on_or_before: datetime.date | None = None,
) -> QuerySet[Meeting]:
    meetings = _with_people(policy.meetings_for(user))
    if program_id is not None:
        meetings = meetings.filter(program_id=program_id)
    if on_or_after is not None:
        meetings = meetings.filter(starts_at__date__gte=on_or_after)
    if on_or_before is not None:
        meetings = meetings.filter(starts_at__date__lte=on_or_before)
    return meetings.order_by("starts_at", "pk")


def series_meetings(series: Series) -> QuerySet[Meeting]:
    """A series' sessions (the caller already got the series through the policy)."""
    return _with_people(series.meetings.all()).order_by("starts_at", "pk")


def my_upcoming_queryset(user) -> QuerySet[Meeting]:
    """Sessions the user leads from now on, with plan and co-facilitators."""
    return (
        _with_people(policy.meetings_for(user))
        .filter(
            facilitations__user=user, status=Meeting.Status.SCHEDULED, ends_at__gte=timezone.now()
        )
        .order_by("starts_at", "pk")
    )


def my_upcoming(user, limit: int | None = None) -> list[Meeting]:
    meetings = my_upcoming_queryset(user)
    return list(meetings[:limit] if limit else meetings)


NEWLY_PAIRED_FOR = datetime.timedelta(days=14)


def newly_paired(user, limit: int = 5) -> list[Meeting]:
    """Upcoming sessions the user was put on in the last two weeks and emailed about (their home
    marks them new and says so)."""
    since = timezone.now() - NEWLY_PAIRED_FOR
    told = Reminder.objects.filter(
        user=user, kind=Reminder.Kind.ASSIGNED, sent_at__isnull=False
    ).values("meeting_id")
    mine = Facilitation.objects.filter(
        user=user, assigned_at__gte=since, meeting_id__in=told
    ).values("meeting_id")
    return list(my_upcoming_queryset(user).filter(pk__in=mine)[:limit])


def upcoming_for_member(user, limit: int | None = None) -> list[Meeting]:
    """Sessions of the programs the user belongs to, from now on, each marked `going` if the
    user said they plan to come."""
    mine = policy.own_memberships(user).filter(program__isnull=False).values("program_id")
    going = Rsvp.objects.filter(meeting=OuterRef("pk"), user=user)
    meetings = (
        policy.meetings_for(user)
        .filter(program_id__in=mine, status=Meeting.Status.SCHEDULED, ends_at__gte=timezone.now())
        .select_related("plan", "series", "program")
        .annotate(going=Exists(going))
        .order_by("starts_at", "pk")
    )
    return list(meetings[:limit] if limit else meetings)


def history(meeting: Meeting):
    return meeting.changes.select_related("by").order_by("-at", "-pk")


# --- The program's season -----------------------------------------------------------------------


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

    @property
    def months(self) -> list[tuple[datetime.date, list[Row]]]:
        grouped: dict[datetime.date, list[Row]] = {}
        for row in self.rows:
            grouped.setdefault(row.starts.date().replace(day=1), []).append(row)
        return list(grouped.items())


def academic_year_of(day: datetime.date) -> int:
    """The calendar year in which the academic year holding `day` began (1 July)."""
    return day.year if day.month >= 7 else day.year - 1


def season(user, program: Program, year: int) -> Season:
    """The program's sessions from 1 July of `year` to 30 June of the next, in three queries."""
    zone = ZoneInfo(program.time_zone)
    first = datetime.datetime(year, 7, 1, tzinfo=zone)
    last = datetime.datetime(year + 1, 7, 1, tzinfo=zone)
    meetings = _with_people(policy.meetings_managed(user)).filter(
        program=program, starts_at__gte=first, starts_at__lt=last
    )
    rows = [
        Row(
            meeting=m,
            starts=m.starts_at.astimezone(zone),
            ends=m.ends_at.astimezone(zone),
            facilitations=list(m.facilitations.all()),
            required=m.series.facilitators_per_meeting,
        )
        for m in meetings.order_by("starts_at", "pk")
    ]
    series = list(
        policy.series_managed(user)
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
    return Season(program=program, year=year, zone=zone, rows=rows, series=series)


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


# --- Facilitators -------------------------------------------------------------------------------


@dataclass
class MyAvailability:
    windows: list
    exceptions: list
    monthly_cap: int


def my_availability(user) -> MyAvailability:
    profile = FacilitatorProfile.objects.filter(user=user).first()
    return MyAvailability(
        windows=[
            (w, WEEKDAYS[w.weekday])
            for w in Availability.objects.filter(user=user).order_by("weekday", "start_time")
        ],
        exceptions=list(
            AvailabilityException.objects.filter(user=user, on__gte=timezone.localdate()).order_by(
                "on"
            )
        ),
        monthly_cap=profile.monthly_cap if profile else DEFAULT_CAP,
    )


def own_window(user, window_id: int) -> Availability:
    return get_object_or_404(Availability.objects.filter(user=user), pk=window_id)


def own_exception(user, exception_id: int) -> AvailabilityException:
    return get_object_or_404(AvailabilityException.objects.filter(user=user), pk=exception_id)


@dataclass
class StaffingNeed:
    program: Program
    sessions_per_year: int
    current: int
    recommended: int
    gap: int
    explanation: str


def staffing_needs(user) -> list[StaffingNeed]:
    """Per program the user runs: the facilitators its next twelve months of scheduled sessions
    need under the scheduler's own rules (see `scheduling.facilitators_for_schedule`), how many
    peer facilitators it has, and the gap. Two queries however many programs and sessions."""
    now = timezone.now()
    active = in_force("memberships__")
    programs = (
        policy.programs_managed(user)
        .select_related("institution")
        .annotate(
            peers=Count(
                "memberships",
                filter=active & Q(memberships__role=Role.PEER_FACILITATOR),
                distinct=True,
            )
        )
        .order_by("institution__name", "name")
    )
    programs = list(programs)
    schedule: dict[int, list] = {p.pk: [] for p in programs}
    zones = {p.pk: ZoneInfo(p.time_zone) for p in programs}
    rows = (
        policy.meetings_managed(user)
        .filter(
            program_id__in=schedule,
            status=Meeting.Status.SCHEDULED,
            starts_at__gt=now,
            starts_at__lt=now + datetime.timedelta(days=365),
        )
        .values_list("pk", "program_id", "starts_at", "ends_at", "series__facilitators_per_meeting")
    )
    for pk, program_id, starts_at, ends_at, required in rows:
        zone = zones[program_id]
        schedule[program_id].append(
            ScheduledMeeting(
                id=pk,
                program_id=program_id,
                starts_at=starts_at.astimezone(zone),
                ends_at=ends_at.astimezone(zone),
                required=required,
            )
        )
    needs = []
    for p in programs:
        rec = facilitators_for_schedule(schedule[p.pk], DEFAULT_CAP)
        needs.append(
            StaffingNeed(
                program=p,
                sessions_per_year=len(schedule[p.pk]),
                current=p.peers,
                recommended=rec.facilitators,
                gap=staffing_gap(rec, p.peers),
                explanation=rec.explanation,
            )
        )
    return needs


# --- What needs program staff now (their home page) ---------------------------------------------


@dataclass
class ProgramAttention:
    """A program's upcoming sessions that need its staff: nobody (or too few) to lead them, no
    plan chosen, or no room or video link."""

    program: Program
    upcoming: int = 0
    unstaffed: int = 0
    short: int = 0
    no_plan: int = 0
    no_place: int = 0
    first_unstaffed: Meeting | None = None

    first_needing: Meeting | None = None

    @property
    def anything(self) -> bool:
        return bool(self.unstaffed or self.short or self.no_plan or self.no_place)

    @property
    def season_year(self) -> int | None:
        """The academic year of the first session that needs something, for the season link."""
        if self.first_needing is None:
            return None
        zone = ZoneInfo(self.program.time_zone)
        return academic_year_of(self.first_needing.starts_at.astimezone(zone).date())


def staff_attention(user) -> list[ProgramAttention]:
    """Per program the user runs, what its upcoming sessions still need, in two queries."""
    programs = list(
        policy.programs_managed(user)
        .select_related("institution")
        .order_by("institution__name", "name")
    )
    found = {p.pk: ProgramAttention(program=p) for p in programs}
    meetings = (
        policy.meetings_managed(user)
        .filter(program_id__in=found, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now())
        .annotate(leaders=Count("facilitations"))
        .select_related("series")
        .order_by("starts_at", "pk")
    )
    for m in meetings:
        need = found[m.program_id]
        need.upcoming += 1
        if m.leaders == 0:
            need.unstaffed += 1
            need.first_unstaffed = need.first_unstaffed or m
        elif m.leaders < m.series.facilitators_per_meeting:
            need.short += 1
        need.no_plan += m.plan_id is None
        need.no_place += _without_place(m)
        if need.first_needing is None and need.anything:
            need.first_needing = m
    return list(found.values())


def _without_place(meeting: Meeting) -> bool:
    in_room = meeting.modality in (Modality.IN_PERSON, Modality.HYBRID)
    online = meeting.modality in (Modality.VIRTUAL, Modality.HYBRID)
    return (in_room and not meeting.room) or (online and not meeting.video_link)
