"""Bench data at the size of a whole university, with bulk inserts: institutions, their offices and
calendars, programs with their people, and (from sessions.py and supportline.py) sessions and support
lines, then an access log of past reads."""

import datetime
import random
import time

from bench.population.scale import (
    BATCH,
    KINDS,
    SPECIALTIES,
    STUDENT_KINDS,
    ZONES,
    Population,
    Scale,
    program_sizes,
    programs_per_institution,
)
from bench.population.sessions import Sessions
from bench.population.supportline import SupportLines


def build(scale: Scale, *, seed: int = 1) -> Population:
    """Everything above, in one transaction (a failure leaves nothing half made)."""
    from django.db import transaction

    started = time.perf_counter()
    with transaction.atomic():
        population = Builder(scale, seed).run()
    population.seconds = time.perf_counter() - started
    return population


class Builder(Sessions, SupportLines):
    """Builds one bench university; `run()` once."""

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
