"""Reads for facilitators and staffing: one's availability, the sessions still short of
facilitators, and what needs program staff now (their home page)."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.meetings import access
from nearpeer.meetings.models import (
    Availability,
    AvailabilityException,
    Facilitation,
    FacilitatorProfile,
    Meeting,
    Modality,
)
from nearpeer.meetings.selectors.season import academic_year_of
from nearpeer.meetings.services.availability import WEEKDAYS
from nearpeer.meetings.services.staffing import DEFAULT_CAP
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


COUNTED = ("upcoming", "unstaffed", "short", "no_plan", "no_place")


def staff_attention(user) -> list[ProgramAttention]:
    """Per program the user runs, what its upcoming sessions still need: counted in the database
    (three queries, whatever the number of sessions)."""
    leaders = Coalesce(
        Subquery(
            Facilitation.objects.filter(meeting=OuterRef("pk"))
            .order_by()
            .values("meeting")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )
    upcoming = access.meetings_managed(user).filter(
        status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
    )
    unstaffed = Q(leaders=0)
    short = Q(leaders__gt=0, leaders__lt=F("series__facilitators_per_meeting"))
    no_plan = Q(plan__isnull=True)
    no_place = Q(modality__in=[Modality.IN_PERSON, Modality.HYBRID], room="") | Q(
        modality__in=[Modality.VIRTUAL, Modality.HYBRID], video_link=""
    )
    first = upcoming.annotate(leaders=leaders).order_by("starts_at", "pk")
    programs = list(
        policy.programs_managed(user)
        .select_related("institution")
        .annotate(
            first_unstaffed_id=Subquery(
                first.filter(unstaffed, program_id=OuterRef("pk")).values("pk")[:1]
            ),
            first_needing_id=Subquery(
                first.filter(
                    unstaffed | short | no_plan | no_place, program_id=OuterRef("pk")
                ).values("pk")[:1]
            ),
        )
        .order_by("institution__name", "name")
    )
    counts = {
        row["program_id"]: row
        for row in upcoming.filter(program_id__in=[p.pk for p in programs])
        .annotate(leaders=leaders)
        .values("program_id")
        .annotate(
            upcoming=Count("pk"),
            unstaffed=Count("pk", filter=unstaffed),
            short=Count("pk", filter=short),
            no_plan=Count("pk", filter=no_plan),
            no_place=Count("pk", filter=no_place),
        )
        .order_by()
    }
    wanted = {p.first_unstaffed_id for p in programs} | {p.first_needing_id for p in programs}
    meetings = Meeting.objects.in_bulk([pk for pk in wanted if pk is not None])
    found = []
    for p in programs:
        row = counts.get(p.pk, {})
        found.append(
            ProgramAttention(
                program=p,
                **{k: row.get(k, 0) for k in COUNTED},
                first_unstaffed=meetings.get(p.first_unstaffed_id),
                first_needing=meetings.get(p.first_needing_id),
            )
        )
    return found
