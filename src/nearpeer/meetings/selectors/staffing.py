"""Reads for facilitators and staffing: one's availability, the sessions still short of
facilitators, and what needs program staff now (their home page)."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.meetings import access
from nearpeer.meetings.models import (
    Availability,
    AvailabilityException,
    FacilitatorProfile,
    Meeting,
    Modality,
)
from nearpeer.meetings.selectors.season import academic_year_of
from nearpeer.meetings.services.availability import WEEKDAYS
from nearpeer.meetings.services.staffing_problem import DEFAULT_CAP
from nearpeer.scheduling import Meeting as ScheduledMeeting
from nearpeer.scheduling import facilitators_for_schedule, staffing_gap
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program, Role, in_force


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
        access.meetings_managed(user)
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
    first_unstaffed: "SessionRef | None" = None
    first_needing: "SessionRef | None" = None

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


@dataclass(frozen=True)
class SessionRef:
    """Enough of a session to link to it and date it."""

    pk: int
    starts_at: datetime.datetime


def staff_attention(user) -> list[ProgramAttention]:
    """Per program the user runs, what its upcoming sessions still need, in two queries: the
    sessions come back as plain tuples, which costs far less than building a model per row."""
    programs = list(
        policy.programs_managed(user)
        .select_related("institution")
        .order_by("institution__name", "name")
    )
    found = {p.pk: ProgramAttention(program=p) for p in programs}
    rows = (
        access.meetings_managed(user)
        .filter(program_id__in=found, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now())
        .annotate(leaders=Count("facilitations"))
        .order_by("starts_at", "pk")
        .values_list(
            "pk",
            "program_id",
            "starts_at",
            "leaders",
            "series__facilitators_per_meeting",
            "plan_id",
            "modality",
            "room",
            "video_link",
        )
    )
    for pk, program_id, starts_at, leaders, needed, plan_id, modality, room, link in rows:
        need = found[program_id]
        need.upcoming += 1
        if leaders == 0:
            need.unstaffed += 1
            need.first_unstaffed = need.first_unstaffed or SessionRef(pk, starts_at)
        elif leaders < needed:
            need.short += 1
        need.no_plan += plan_id is None
        need.no_place += _without_place(modality, room, link)
        if need.first_needing is None and need.anything:
            need.first_needing = SessionRef(pk, starts_at)
    return list(found.values())


def _without_place(modality: str, room: str, video_link: str) -> bool:
    in_room = modality in (Modality.IN_PERSON, Modality.HYBRID)
    online = modality in (Modality.VIRTUAL, Modality.HYBRID)
    return (in_room and not room) or (online and not video_link)
