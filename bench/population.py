"""Bench data at the size of a whole university, made with bulk inserts, and signed-in sessions.

    build(Scale(institutions=5, programs=100, trainees=20_000)) -> Population

Each institution gets its well-being office (office admins, wellness and faculty advisors), an
academic calendar with the year's holidays and finals, the core curriculum, and its share of the
programs. Each program gets cohorts, trainees (a few of whom are peer facilitators and peer
mentors), a coordinator, a program director and a champion, program copies of core plans, a year of
sessions (one monthly series; a second, fortnightly one in programs of 400 or more) staffed by two
facilitators each, attendance and feedback for the past ones and RSVPs for the next. Each
institution has a support line for students and one for residents and fellows, with trained
mentors, a published rota (12-hour shifts from a week ago to four weeks ahead, one on call now),
closed requests with contact records, open conversations offered to or taken by mentors, weekly
counts for the dashboard, and an access log of past reads. Program sizes follow their kind (a
medical school is about six residencies).

`sign_in_sample()` then makes signed-in sessions, second step passed, for a sample of each role and
returns what the bench needs to drive their pages (cookies and the ids in their URLs). Run as a
script it does both inside the environment it is given (DATABASE_URL and the rest) and writes the
sample as JSON:

    python bench/population.py --programs 100 --trainees 20000 --out sample.json
"""

import argparse
import datetime
import hashlib
import json
import random
import sys
import time
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

KINDS = {  # kind: (relative size, cohort names, session start)
    "medical_school": (6.0, ("Class of {y1}", "Class of {y2}", "Class of {y3}", "Class of {y4}")),
    "graduate": (3.0, ("Year 1", "Year 2", "Year 3", "Year 4", "Year 5")),
    "residency": (1.0, ("PGY-1", "PGY-2", "PGY-3")),
    "fellowship": (0.4, ("Fellow year 1", "Fellow year 2")),
}
STUDENT_KINDS = ("medical_school", "graduate")
ZONES = ("America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles")
SPECIALTIES = (
    "Internal Medicine", "Pediatrics", "Surgery", "Psychiatry", "Emergency Medicine",
    "Family Medicine", "Neurology", "Anesthesiology", "Radiology", "Obstetrics and Gynecology",
    "Pathology", "Dermatology", "Ophthalmology", "Orthopaedic Surgery", "Urology",
    "Cardiology", "Nephrology", "Oncology", "Infectious Diseases", "Geriatrics",
)  # fmt: skip
BATCH = 2000
SHIFT_HOURS = 12


@dataclass(frozen=True)
class Scale:
    institutions: int = 5
    programs: int = 100
    trainees: int = 20_000
    big_program: int | None = None  # the first program's trainees; None: sized by its kind
    access_log_per_trainee: float = 2.0


@dataclass
class Population:
    """What was built: counts, and the ids a sample needs."""

    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    big_program: int = 0  # the first (largest) program's id
    people: dict[str, list[int]] = field(default_factory=dict)  # role -> user ids worth sampling


def programs_per_institution(scale: Scale) -> int:
    return max(1, -(-scale.programs // scale.institutions))  # rounded up


def program_sizes(scale: Scale) -> list[tuple[str, int]]:
    """(kind, trainees) for each program, in order; kinds repeat in every institution."""
    per_institution = programs_per_institution(scale)
    pattern = ["medical_school", "graduate"] + ["residency", "residency", "fellowship"] * 20
    kinds = [pattern[n % per_institution % len(pattern)] for n in range(scale.programs)]
    weights = [KINDS[k][0] for k in kinds]
    total = scale.trainees
    if scale.big_program is not None:
        total -= scale.big_program
        weights[0] = 0.0
    unit = total / sum(weights) if sum(weights) else 0
    sizes = [max(1, round(w * unit)) if w else 0 for w in weights]
    if scale.big_program is not None:
        sizes[0] = scale.big_program
    sizes[-1] += scale.trainees - sum(sizes)  # rounding goes to the last program
    return list(zip(kinds, sizes, strict=True))


def build(scale: Scale, *, seed: int = 1) -> Population:
    """Everything above, in one transaction (a failure leaves nothing half made)."""
    from django.db import transaction

    started = time.perf_counter()
    with transaction.atomic():
        population = _Builder(scale, seed).run()
    population.seconds = time.perf_counter() - started
    return population


class _Builder:
    def __init__(self, scale: Scale, seed: int) -> None:
        from django.utils import timezone

        from nearpeer.tenancy.demo_specs import academic_year

        self.scale = scale
        self.rng = random.Random(f"nearpeer-bench:{seed}")  # noqa: S311 (bench data, not security)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.year = academic_year(self.today)
        self.population = Population()
        self.emails = 0

    def run(self) -> Population:
        from nearpeer.tenancy.models import Institution

        sizes = program_sizes(self.scale)
        per = programs_per_institution(self.scale)
        Institution.objects.bulk_create(
            Institution(
                name=f"Bench University {n + 1}",
                slug=f"bench-{n + 1}",
                office_name="Office of Well-being",
                office_email=f"wellbeing@u{n + 1}.bench.example",
                office_phone="(555) 010-0100",
                emergency_phone="(555) 010-0911",
                time_zone=ZONES[n % len(ZONES)],
            )
            for n in range(self.scale.institutions)
        )
        institutions = list(Institution.objects.filter(slug__startswith="bench-").order_by("pk"))
        for n, institution in enumerate(institutions):
            mine = sizes[n * per : (n + 1) * per]
            if mine:
                self.institution(institution, mine, first=n * per)
        self.population.counts = self.counts()
        return self.population

    # --- people -----------------------------------------------------------------------------

    def people(self, domain: str, count: int) -> list[int]:
        from django.contrib.auth.hashers import make_password

        from nearpeer.accounts.models import User
        from nearpeer.tenancy.demo_specs import FIRST_NAMES, LAST_NAMES

        unusable = make_password(None)
        rows = []
        for _ in range(count):
            self.emails += 1
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            rows.append(
                User(
                    email=f"p{self.emails}@{domain}",
                    full_name=f"{first} {last}",
                    password=unusable,  # the bench signs people in by session
                    date_joined=self.now,
                )
            )
        User.objects.bulk_create(rows, batch_size=BATCH)
        emails = [u.email for u in rows]
        ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
        return [ids[e] for e in emails]

    def institution(self, institution, sizes: list[tuple[str, int]], first: int) -> None:
        from nearpeer.curriculum.services import core_curriculum_install
        from nearpeer.tenancy.models import Membership, Role

        domain = f"{institution.slug}.bench.example"
        office, wellness, faculty = (
            self.people(domain, 2),
            self.people(domain, 2),
            self.people(domain, 1),
        )
        starts_on = datetime.date(self.year, 7, 1)
        Membership.objects.bulk_create(
            Membership(user_id=uid, institution=institution, role=role, starts_on=starts_on)
            for ids, role in (
                (office, Role.OFFICE_ADMIN),
                (wellness, Role.WELLNESS_ADVISOR),
                (faculty, Role.FACULTY_ADVISOR),
            )
            for uid in ids
        )
        self.sample("office", office)
        self.sample("advisor", wellness + faculty)
        calendar = self.calendar(institution, None)
        self.institution_blackouts(calendar)
        core_curriculum_install(institution=institution)
        programs = [
            self.program(institution, domain, kind, size, first + n)
            for n, (kind, size) in enumerate(sizes)
        ]
        if first == 0:
            self.population.big_program = programs[0].pk
        for kinds in (STUDENT_KINDS, ("residency", "fellowship")):
            served = [p for p in programs if p.kind in kinds]
            if served:
                self.support_line(institution, served, backups=wellness + faculty)
        self.access_log(institution, office + wellness + faculty, sum(s for _, s in sizes))

    def sample(self, role: str, ids: list[int]) -> None:
        self.population.people.setdefault(role, []).extend(ids)

    # --- programs -----------------------------------------------------------------------------

    def program(self, institution, domain: str, kind: str, size: int, index: int):
        from nearpeer.tenancy.models import Cohort, Membership, Program, Role

        name = {
            "medical_school": "School of Medicine",
            "graduate": "Graduate Program in Biomedical Sciences",
            "residency": f"{SPECIALTIES[index % len(SPECIALTIES)]} Residency",
            "fellowship": f"{SPECIALTIES[(index + 7) % len(SPECIALTIES)]} Fellowship",
        }[kind]
        program = Program.objects.create(
            institution=institution,
            name=f"{name} {index + 1}",
            kind=kind,
            headcount=size,
            time_zone=institution.time_zone,
        )
        years = {f"y{n}": self.year + n for n in range(1, 5)}
        cohorts = Cohort.objects.bulk_create(
            Cohort(program=program, name=c.format(**years), class_year=None) for c in KINDS[kind][1]
        )
        cohorts = list(Cohort.objects.filter(program=program).order_by("pk"))
        trainees = self.people(domain, size)
        staff = self.people(domain, 3)
        facilitators = trainees[: max(2, size // 30)]
        mentors = trainees[len(facilitators) : len(facilitators) + max(1, size // 60)]
        starts_on = datetime.date(self.year, 7, 1)
        rows = [
            Membership(
                user_id=uid,
                institution=institution,
                program=program,
                cohort=cohorts[n % len(cohorts)],
                role=Role.TRAINEE,
                starts_on=starts_on,
            )
            for n, uid in enumerate(trainees)
        ]
        for ids, role in (
            (facilitators, Role.PEER_FACILITATOR),
            (mentors, Role.PEER_MENTOR),
            (staff[:1], Role.COORDINATOR),
            (staff[1:2], Role.PROGRAM_DIRECTOR),
            (staff[2:], Role.CHAMPION),
        ):
            rows += [
                Membership(
                    user_id=uid,
                    institution=institution,
                    program=program,
                    role=role,
                    starts_on=starts_on,
                )
                for uid in ids
            ]
        Membership.objects.bulk_create(rows, batch_size=BATCH)
        self.sample("trainee", trainees[len(facilitators) + len(mentors) :][:40])
        self.sample("facilitator", facilitators[:6])
        self.sample("coordinator", staff[:1])
        if kind == "residency":
            calendar = self.calendar(institution, program)
            self.blackout(calendar, "board_exam", "In-training exam", 1, 24, 1)
        plans = self.program_plans(program)
        self.sessions(program, plans, trainees, facilitators, staff[0])
        program.trainee_ids, program.mentor_ids = trainees, mentors
        return program

    def program_plans(self, program) -> list:
        from nearpeer.curriculum.models import ProgramPlan, SessionPlan
        from nearpeer.curriculum.services import plan_content

        cores = list(SessionPlan.objects.filter(institution_id=program.institution_id)[:4])
        ProgramPlan.objects.bulk_create(
            ProgramPlan(program=program, based_on=core, **plan_content(core)) for core in cores
        )
        return list(ProgramPlan.objects.filter(program=program).order_by("pk"))

    # --- calendars ----------------------------------------------------------------------------

    def calendar(self, institution, program):
        from nearpeer.tenancy.models import AcademicCalendar

        return AcademicCalendar.objects.create(
            institution=institution,
            program=program,
            name=f"{self.year}–{(self.year + 1) % 100:02d} academic year",
            starts_on=datetime.date(self.year, 7, 1),
            ends_on=datetime.date(self.year + 1, 6, 30),
        )

    def institution_blackouts(self, calendar) -> None:
        from nearpeer.tenancy.demo_specs import institution_blackouts
        from nearpeer.tenancy.models import Blackout

        Blackout.objects.bulk_create(
            Blackout(calendar=calendar, kind=kind, name=name, starts_on=s, ends_on=e)
            for kind, name, s, e in institution_blackouts(self.year)
        )

    def blackout(self, calendar, kind: str, name: str, month: int, day: int, days: int) -> None:
        from nearpeer.tenancy.models import Blackout

        starts_on = datetime.date(self.year + (month < 7), month, day)
        Blackout.objects.create(
            calendar=calendar,
            kind=kind,
            name=name,
            starts_on=starts_on,
            ends_on=starts_on + datetime.timedelta(days=days - 1),
        )

    # --- sessions -----------------------------------------------------------------------------

    def sessions(self, program, plans, trainees, facilitators, coordinator) -> None:
        from nearpeer.meetings.models import Availability, FacilitatorProfile, Series, SeriesPlan

        zone = zoneinfo.ZoneInfo(program.time_zone)
        at = (
            datetime.time(12)
            if program.kind in ("residency", "fellowship")
            else datetime.time(17, 30)
        )
        cadences = ["monthly"] + (["biweekly"] if len(trainees) >= 400 else [])
        for n, cadence in enumerate(cadences):
            series = Series.objects.create(
                program=program,
                name=f"Well-being sessions {self.year}–{(self.year + 1) % 100:02d}"
                + (" (fortnightly)" if n else ""),
                cadence=cadence,
                weekday=1 + (program.pk + n) % 3,
                start_time=at,
                minutes=60,
                room=f"Wellness Room {100 + n}",
                starts_on=datetime.date(self.year, 7, 1),
                ends_on=datetime.date(self.year + 1, 6, 30),
                created_by_id=coordinator,
            )
            SeriesPlan.objects.bulk_create(
                SeriesPlan(series=series, plan=plan, position=p) for p, plan in enumerate(plans)
            )
            days = self.meeting_days(cadence, series.weekday)
            self.meetings(series, plans, days, zone, at, trainees, facilitators)
        FacilitatorProfile.objects.bulk_create(
            FacilitatorProfile(user_id=uid, monthly_cap=2, sessions_led=n)
            for n, uid in enumerate(facilitators)
        )
        Availability.objects.bulk_create(
            Availability(
                user_id=uid, weekday=d, start_time=datetime.time(11), end_time=datetime.time(19)
            )
            for uid in facilitators
            for d in range(5)
        )

    def meeting_days(self, cadence: str, weekday: int) -> list[datetime.date]:
        first = datetime.date(self.year, 7, 1)
        first += datetime.timedelta(days=(weekday - first.weekday()) % 7)
        if cadence == "biweekly":
            return [first + datetime.timedelta(weeks=2 * n) for n in range(26)]
        days = []
        for month in range(12):
            y, m = self.year + (month + 6) // 12, (month + 6) % 12 + 1
            start = datetime.date(y, m, 8)  # the second <weekday> of the month
            days.append(start + datetime.timedelta(days=(weekday - start.weekday()) % 7))
        return days

    def meetings(self, series, plans, days, zone, at, trainees, facilitators) -> None:
        from nearpeer.meetings.models import Facilitation, Meeting

        rows = []
        for n, day in enumerate(days):
            starts_at = datetime.datetime.combine(day, at, tzinfo=zone)
            rows.append(
                Meeting(
                    series=series,
                    program_id=series.program_id,
                    plan=plans[n % len(plans)] if plans else None,
                    starts_at=starts_at,
                    ends_at=starts_at + datetime.timedelta(minutes=60),
                    modality=series.modality,
                    room=series.room,
                    check_in_code=f"{self.rng.randrange(10**6):06d}",
                )
            )
        Meeting.objects.bulk_create(rows)
        meetings = list(series.meetings.order_by("starts_at"))
        Facilitation.objects.bulk_create(
            Facilitation(
                meeting=m,
                user_id=facilitators[(2 * n + k) % len(facilitators)],
                assigned_at=self.now - datetime.timedelta(days=30),
            )
            for n, m in enumerate(meetings)
            for k in range(2)
            if len(facilitators) > k
        )
        past = [m for m in meetings if m.ends_at < self.now]
        upcoming = [m for m in meetings if m.starts_at > self.now]
        self.attendance(past[-6:], trainees)
        self.rsvps(upcoming[:2], trainees)

    def attendance(self, meetings, trainees) -> None:
        from nearpeer.meetings.models import Attendance, Feedback, FeedbackInvite

        attendance, invites, feedback = [], [], []
        for meeting in meetings:
            came = self.rng.sample(trainees, min(len(trainees), max(6, len(trainees) // 10)))
            for n, uid in enumerate(came):
                attendance.append(
                    Attendance(meeting=meeting, user_id=uid, via="self" if n % 3 else "facilitator")
                )
                token = hashlib.sha256(f"{meeting.pk}:{uid}:{self.rng.random()}".encode())
                invites.append(
                    FeedbackInvite(
                        meeting=meeting, user_id=uid, token_hash=token.hexdigest(), used=n % 5 < 2
                    )
                )
            feedback += [
                Feedback(
                    meeting=meeting,
                    helpfulness=self.rng.choice([3, 4, 4, 5, 5]),
                    what_helped="The small groups.",
                )
                for _ in range(len(came) * 2 // 5)
            ]
        Attendance.objects.bulk_create(attendance, batch_size=BATCH)
        FeedbackInvite.objects.bulk_create(invites, batch_size=BATCH)
        Feedback.objects.bulk_create(feedback, batch_size=BATCH)

    def rsvps(self, meetings, trainees) -> None:
        from nearpeer.meetings.models import Rsvp

        Rsvp.objects.bulk_create(
            (
                Rsvp(meeting=m, user_id=uid)
                for m in meetings
                for uid in self.rng.sample(trainees, len(trainees) // 8)
            ),
            batch_size=BATCH,
        )

    # --- the support line ---------------------------------------------------------------------

    def support_line(self, institution, programs, backups: list[int]) -> None:
        from nearpeer.supportline.models import MentorProfile, MentorTraining, SupportLine

        students = programs[0].kind in STUDENT_KINDS
        line = SupportLine.objects.create(
            institution=institution,
            name="Peer support line for " + ("students" if students else "residents and fellows"),
            description="Talk with a trained near-peer mentor, privately and, if you like, anonymously.",
        )
        line.programs.set(programs)
        mentors = [uid for p in programs for uid in p.mentor_ids]
        MentorTraining.objects.bulk_create(
            MentorTraining(user_id=uid, line=line, completed_on=datetime.date(self.year, 6, 20))
            for uid in mentors
        )
        MentorProfile.objects.bulk_create(
            MentorProfile(user_id=uid, languages=["English", "Spanish"] if n % 3 else ["English"])
            for n, uid in enumerate(mentors)
        )
        self.shifts(line, mentors, backups)
        requesters = [uid for p in programs for uid in p.trainee_ids[-50:]]
        busy = mentors[: max(1, min(len(mentors), 6))]
        self.sample("mentor", busy)
        self.requests(line, programs, requesters, mentors, busy, backups)
        self.weekly_counts(line)

    def shifts(self, line, mentors: list[int], backups: list[int]) -> None:
        from nearpeer.supportline.models import Shift

        if not mentors or not backups:
            return
        start = self.now.replace(minute=0, second=0, microsecond=0) - datetime.timedelta(
            days=7, hours=6
        )
        Shift.objects.bulk_create(
            Shift(
                line=line,
                starts_at=start + datetime.timedelta(hours=SHIFT_HOURS * n),
                ends_at=start + datetime.timedelta(hours=SHIFT_HOURS * (n + 1)),
                mentor_id=mentors[n % len(mentors)],
                backup_id=backups[n % len(backups)],
                status=Shift.Status.PUBLISHED,
            )
            for n in range(35 * 24 // SHIFT_HOURS)
        )

    def requests(self, line, programs, requesters, mentors, busy, backups) -> None:
        from nearpeer.supportline.models import Contact, Message, SupportRequest

        by_user = {uid: p for p in programs for uid in p.trainee_ids[-50:]}
        rows = []
        closed = 10 * 12  # about ten a week for twelve weeks
        for n in range(closed):
            uid = requesters[n % len(requesters)]
            created = self.now - datetime.timedelta(hours=self.rng.uniform(24, 24 * 84))
            risk = self.rng.choices(("low", "elevated", "high"), weights=(70, 25, 5))[0]
            rows.append(
                SupportRequest(
                    line=line,
                    program=by_user[uid],
                    requester_id=None if n % 4 == 0 else uid,
                    anonymous=n % 4 == 0,
                    topics=[
                        self.rng.choice(
                            ["academic_stress", "loneliness", "imposter", "relationships"]
                        )
                    ],
                    opening_message="Exams are piling up and I can't sleep.",
                    risk=risk,
                    status=SupportRequest.Status.CLOSED,
                    mentor_id=mentors[n % len(mentors)],
                    offered_at=created,
                    accepted_at=created + datetime.timedelta(minutes=3),
                    acknowledged_by_id=backups[0] if risk == "high" else None,
                    acknowledged_at=created + datetime.timedelta(minutes=8)
                    if risk == "high"
                    else None,
                    acknowledgement="Called them; they are safe." if risk == "high" else "",
                    created_at=created,
                    closed_at=created + datetime.timedelta(minutes=40),
                    closed_by_id=mentors[n % len(mentors)],
                )
            )
        for n, mentor in enumerate(busy * 3):  # three open conversations per busy mentor
            uid = requesters[(closed + n) % len(requesters)]
            created = self.now - datetime.timedelta(minutes=5 + 7 * n)
            rows.append(
                SupportRequest(
                    line=line,
                    program=by_user[uid],
                    requester_id=uid,
                    topics=["academic_stress", "imposter"],
                    opening_message="Step 1 is in six weeks and I'd love to hear how someone planned.",
                    risk="elevated" if n % 5 == 0 else "low",
                    status=SupportRequest.Status.OFFERED
                    if n % 3 == 2
                    else SupportRequest.Status.ACTIVE,
                    mentor_id=mentor,
                    offered_at=created,
                    accepted_at=None if n % 3 == 2 else created + datetime.timedelta(minutes=2),
                    created_at=created,
                )
            )
        SupportRequest.objects.bulk_create(rows, batch_size=500)
        saved = list(SupportRequest.objects.filter(line=line).order_by("pk"))
        Contact.objects.bulk_create(
            Contact(
                request=r,
                mentor_id=r.mentor_id,
                topics=r.topics,
                minutes=30,
                outcome="supported",
                notes="Talked through a study plan.",
            )
            for r in saved
            if r.status == SupportRequest.Status.CLOSED
        )
        texts = (
            ("requester", "Mostly studying until 1am and then not sleeping much."),
            ("mentor", "Thank you for reaching out. What has the last week looked like for you?"),
        )
        Message.objects.bulk_create(
            (
                Message(
                    request=r,
                    sender=texts[k % 2][0],
                    author_id=(r.requester_id if k % 2 == 0 else r.mentor_id),
                    body=texts[k % 2][1],
                    created_at=r.created_at + datetime.timedelta(minutes=k),
                )
                for r in saved
                for k in range(6 if r.status != SupportRequest.Status.CLOSED else 2)
            ),
            batch_size=BATCH,
        )

    def weekly_counts(self, line) -> None:
        from nearpeer.supportline.models import WeeklyCount
        from nearpeer.supportline.services.retention import ALL_REQUESTS, week_start

        this_week = week_start(self.today)
        WeeklyCount.objects.bulk_create(
            WeeklyCount(
                line=line,
                week_start=this_week - datetime.timedelta(weeks=n),
                topic=topic,
                risk=risk,
                count=self.rng.randint(1, 6),
            )
            for n in range(1, 53)
            for topic in (ALL_REQUESTS, "academic_stress", "loneliness")
            for risk in ("low", "elevated")
        )

    # --- the access log -----------------------------------------------------------------------

    def access_log(self, institution, staff: list[int], trainees: int) -> None:
        from nearpeer.accounts.models import User
        from nearpeer.audit.models import AccessLog

        emails = dict(User.objects.filter(pk__in=staff).values_list("pk", "email"))
        count = int(trainees * self.scale.access_log_per_trainee)
        AccessLog.objects.bulk_create(
            (
                AccessLog(
                    at=self.now - datetime.timedelta(minutes=self.rng.uniform(1, 365 * 24 * 60)),
                    actor_id=(actor := staff[n % len(staff)]),
                    actor_email=emails[actor],
                    institution=institution,
                    action="read",
                    record_type="support_request",
                    record_id=str(1000 + n),
                    summary="Read a support conversation",
                )
                for n in range(count)
            ),
            batch_size=BATCH,
        )

    def counts(self) -> dict[str, int]:
        from nearpeer.accounts.models import User
        from nearpeer.audit.models import AccessLog
        from nearpeer.meetings.models import Meeting
        from nearpeer.supportline.models import Shift, SupportRequest
        from nearpeer.tenancy.models import Institution, Membership, Program, Role

        return {
            "institutions": Institution.objects.count(),
            "programs": Program.objects.count(),
            "people": User.objects.count(),
            "trainees": Membership.objects.filter(role=Role.TRAINEE).count(),
            "memberships": Membership.objects.count(),
            "meetings": Meeting.objects.count(),
            "shifts": Shift.objects.count(),
            "support requests": SupportRequest.objects.count(),
            "access log": AccessLog.objects.count(),
        }


# --- signed-in sessions for a sample of each role ---------------------------------------------------

ROLES = ("trainee", "facilitator", "mentor", "coordinator", "office")


def sign_in(user) -> str:
    """A session key for `user`, signed in as allauth does, second step passed."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore

    sys.path.insert(0, str(ROOT))  # tests.support, shared with the test suite
    from tests.support import mark_session_mfa_passed

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[-1]
    session["_auth_user_hash"] = user.get_session_auth_hash()
    mark_session_mfa_passed(session, user)
    session.create()
    return session.session_key


def sign_in_sample(population: Population, per_role: int, *, seed: int = 1) -> dict:
    """Up to `per_role` signed-in people of each role, those of the biggest program first, each with
    the ids their pages need. JSON-ready: {"cookie_name", "big_program", "roles": {role: [...]}}."""
    from django.conf import settings

    from nearpeer.accounts.models import User

    rng = random.Random(f"nearpeer-bench-sample:{seed}")  # noqa: S311 (bench data, not security)
    roles = {}
    for role in ROLES:
        ids = list(dict.fromkeys(population.people.get(role, [])))
        first, rest = ids[:1], ids[1:]
        rng.shuffle(rest)
        chosen = (first + rest)[:per_role]
        users = User.objects.in_bulk(chosen)
        roles[role] = [
            {"user": uid, "cookie": sign_in(users[uid]), **_pages_of(role, users[uid])}
            for uid in chosen
        ]
    return {
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "big_program": population.big_program,
        "roles": roles,
    }


def _pages_of(role: str, user) -> dict:
    """The ids in the URLs this person visits."""
    from django.db.models import Max
    from django.utils import timezone

    from nearpeer.meetings.models import Meeting
    from nearpeer.supportline.models import SupportLine, SupportRequest
    from nearpeer.tenancy.models import Membership, Role

    now = timezone.now()
    own = Membership.objects.filter(user=user)
    if role in ("trainee", "facilitator", "coordinator"):
        wanted = {"trainee": Role.TRAINEE, "facilitator": Role.PEER_FACILITATOR}
        program = own.filter(role=wanted.get(role, Role.COORDINATOR)).values_list(
            "program_id", flat=True
        )[0]
        upcoming = Meeting.objects.filter(program_id=program, starts_at__gt=now).order_by(
            "starts_at"
        )
        pages = {"program": program, "meetings": list(upcoming.values_list("pk", flat=True)[:3])}
        if role == "facilitator":
            led = Meeting.objects.filter(facilitations__user=user)
            pages["led"] = list(
                led.filter(starts_at__gt=now).order_by("starts_at").values_list("pk", flat=True)[:2]
            ) + list(
                led.filter(starts_at__lt=now)
                .order_by("-starts_at")
                .values_list("pk", flat=True)[:1]
            )
        return pages
    if role == "mentor":
        open_ = SupportRequest.objects.filter(
            mentor=user, status__in=[SupportRequest.Status.OFFERED, SupportRequest.Status.ACTIVE]
        ).annotate(last=Max("messages__pk"))
        return {"requests": [[r.pk, r.last or 0] for r in open_.order_by("pk")]}
    institution = own.filter(role=Role.OFFICE_ADMIN).values_list("institution_id", flat=True)[0]
    return {
        "institution": institution,
        "lines": list(
            SupportLine.objects.filter(institution_id=institution).values_list("pk", flat=True)
        ),
        "programs": list(
            Membership.objects.filter(institution_id=institution, program__isnull=False)
            .values_list("program_id", flat=True)
            .distinct()
            .order_by("program_id")[:5]
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description="Build bench data and sign in a sample of each role."
    )
    parser.add_argument("--institutions", type=int, default=Scale.institutions)
    parser.add_argument("--programs", type=int, default=Scale.programs)
    parser.add_argument("--trainees", type=int, default=Scale.trainees)
    parser.add_argument(
        "--big-program", type=int, default=None, help="trainees of the first program"
    )
    parser.add_argument("--sample", type=int, default=40, help="signed-in people per role")
    parser.add_argument("--out", type=Path, required=True, help="where to write the sample (JSON)")
    args = parser.parse_args()

    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    import django

    django.setup()
    scale = Scale(args.institutions, args.programs, args.trainees, args.big_program)
    population = build(scale)
    sample = sign_in_sample(population, args.sample)
    sample["counts"], sample["seconds"] = population.counts, round(population.seconds, 1)
    args.out.write_text(json.dumps(sample))
    print(json.dumps({"counts": population.counts, "seconds": sample["seconds"]}))


if __name__ == "__main__":
    main()
