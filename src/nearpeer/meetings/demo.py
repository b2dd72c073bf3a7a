"""Demo sessions: one series per demo program for the academic year (at the program's cadence),
facilitators' availability and experience, and the year staffed by the solver. Safe to run again:
a program that already has its demo series is left as it is."""

import datetime

from django.db.models import Q

from nearpeer.curriculum.models import ProgramPlan, SessionPlan
from nearpeer.meetings import services, staffing
from nearpeer.meetings.models import Availability, FacilitatorProfile, Modality, Series
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Membership, Program, Role

PLANS_PER_PROGRAM = 5
# Residents meet at noon conference; students and graduate students after class.
NOON_KINDS = {Program.Kind.RESIDENCY, Program.Kind.FELLOWSHIP}


def sessions_build(demo) -> None:
    """A staffed series for each demo program (`demo` is nearpeer.demo.data.Demo)."""
    for index, program in enumerate(demo.programs.values()):
        name = f"Well-being sessions {demo.year}–{(demo.year + 1) % 100:02d}"
        if Series.objects.filter(program=program, name=name).exists():
            continue
        staff = _staff_member(program)
        if staff is None:
            continue
        plans = _plans(program, staff)
        _facilitators_ready(program)
        series, _ = services.series_create(
            by=staff,
            program=program,
            name=name,
            cadence=program.session_cadence,
            weekday=1 + index % 3,  # Tuesday to Thursday, so shared advisors aren't double-booked
            start_time=datetime.time(12, 0)
            if program.kind in NOON_KINDS
            else datetime.time(17, 30),
            minutes=60,
            modality=Modality.IN_PERSON,
            room=f"Wellness Room {101 + index}",
            video_link="",
            starts_on=datetime.date(demo.year, 7, 1),
            ends_on=datetime.date(demo.year + 1, 6, 30),
            plan_ids=[p.pk for p in plans],
        )
        # The whole year, past sessions too, so the demo shows who led them.
        meetings = list(series.meetings.select_related("series").order_by("starts_at"))
        staffing.staff_meetings(
            program=program, meetings=meetings, by=staff, time_limit_s=5, notify=False
        )


def _staff_member(program: Program):
    membership = (
        Membership.objects.filter(
            Q(program=program, role=Role.COORDINATOR)
            | Q(institution_id=program.institution_id, program__isnull=True, role=Role.OFFICE_ADMIN)
        )
        .select_related("user")
        .order_by("program_id", "pk")
        .first()
    )
    return membership.user if membership else None


def _plans(program: Program, staff) -> list[ProgramPlan]:
    """The program's own plans; a program with none gets copies of a few core plans."""
    plans = list(ProgramPlan.objects.filter(program=program, is_archived=False).order_by("pk"))
    if plans or not policy.can_manage_program(staff, program):
        return plans[:PLANS_PER_PROGRAM]
    from nearpeer.curriculum.services import program_plan_customize

    latest = {}
    for core in SessionPlan.objects.filter(
        institution_id=program.institution_id, is_retired=False
    ).order_by("key", "-version"):
        latest.setdefault(core.key, core)
    return [
        program_plan_customize(by=staff, program=program, session_plan=core)
        for core in list(latest.values())[:PLANS_PER_PROGRAM]
    ]


def _facilitators_ready(program: Program) -> None:
    """Everyone who may lead the program's sessions is free on weekdays 11:00–19:00, and all but
    one of each program's peers have led sessions before (so every pair can be valid)."""
    memberships = policy.facilitator_memberships(program).order_by("pk")
    ids = list(dict.fromkeys(memberships.values_list("user_id", flat=True)))
    with_windows = set(
        Availability.objects.filter(user_id__in=ids).values_list("user_id", flat=True)
    )
    Availability.objects.bulk_create(
        Availability(
            user_id=uid, weekday=day, start_time=datetime.time(11), end_time=datetime.time(19)
        )
        for uid in ids
        if uid not in with_windows
        for day in range(5)
    )
    have_profile = set(
        FacilitatorProfile.objects.filter(user_id__in=ids).values_list("user_id", flat=True)
    )
    FacilitatorProfile.objects.bulk_create(
        FacilitatorProfile(user_id=uid, monthly_cap=2, sessions_led=0 if n == 0 else 2 + n)
        for n, uid in enumerate(ids)
        if uid not in have_profile
    )
