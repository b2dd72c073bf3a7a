"""Demo sessions: one series per demo program for the academic year (at the program's cadence),
facilitators' availability and experience, and the year staffed by the solver. Safe to run again:
a program that already has its demo series is left as it is. Then attendance and anonymous feedback
for the past sessions (a session that already has attendance is left as it is)."""

import datetime
import hashlib
import random
import secrets

from django.db.models import Q
from django.utils import timezone

from nearpeer.curriculum.models import ProgramPlan, SessionPlan
from nearpeer.meetings import access, services
from nearpeer.meetings.models import (
    Attendance,
    Availability,
    FacilitatorProfile,
    Feedback,
    FeedbackInvite,
    Meeting,
    Modality,
    Series,
)
from nearpeer.meetings.services import staffing
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
    memberships = access.facilitator_memberships(program).order_by("pk")
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


# --- Attendance and anonymous feedback ---------------------------------------------------------

PAST_SESSIONS = 6
HELPED = [
    "Hearing that others feel the same way.",
    "The breathing exercise at the start.",
    "Having an hour that wasn't about work.",
    "The facilitators shared first, which made it easier.",
    "Small groups: I could actually talk.",
    "",
]
CHANGE = [
    "More time for the small-group part.",
    "A quieter room.",
    "Nothing, it was good.",
    "Start on time so we can leave for clinic.",
    "",
]


def attendance_build(demo) -> None:
    """Attendance and feedback for the latest past sessions of each demo program: every other
    session gets at least five answers (figures show), the others fewer (figures stay hidden)."""
    now = timezone.now()
    for program in demo.programs.values():
        rng = random.Random(f"nearpeer-demo-attendance:{program.pk}")  # noqa: S311 (demo only)
        trainees = list(
            Membership.objects.active()
            .filter(program=program, role=Role.TRAINEE)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()
        )
        past = list(
            Meeting.objects.filter(
                program=program, status=Meeting.Status.SCHEDULED, ends_at__lt=now
            ).order_by("-starts_at")[:PAST_SESSIONS]
        )
        for index, meeting in enumerate(past):
            if not trainees or Attendance.objects.filter(meeting=meeting).exists():
                continue
            came = rng.sample(trainees, min(len(trainees), rng.randint(8, 14)))
            answers = min(len(came), (6 + index % 3) if index % 2 == 0 else (2 + index % 3))
            _record(meeting, came, answers, rng)


def _record(meeting: Meeting, came: list[int], answers: int, rng: random.Random) -> None:
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            user_id=uid,
            via=Attendance.Via.SELF if n % 3 else Attendance.Via.FACILITATOR,
            at=meeting.starts_at,
        )
        for n, uid in enumerate(came)
    )
    FeedbackInvite.objects.bulk_create(
        FeedbackInvite(
            meeting=meeting,
            user_id=uid,
            # Demo invites are never mailed: their random token is thrown away.
            token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            used=n < answers,
        )
        for n, uid in enumerate(came)
    )
    Feedback.objects.bulk_create(
        Feedback(
            meeting=meeting,
            helpfulness=rng.choice([3, 4, 4, 5, 5]),
            what_helped=rng.choice(HELPED),
            what_to_change=rng.choice(CHANGE),
        )
        for _ in range(answers)
    )
