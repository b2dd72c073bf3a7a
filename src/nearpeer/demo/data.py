"""Demo data: two fictional institutions with their programs, people, calendars and one sign-in per
role, then each feature app's part from its own demo.py. Every step is keyed on natural keys, so
running it again changes no counts.

`build()` runs the steps in order; a later step (sessions, the support line) is one more small
function taking the `Demo` and one more line in `build()`.
"""

import base64
import datetime
import hashlib
import random
from dataclasses import dataclass, field

from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.curriculum.demo import curriculum_build
from nearpeer.meetings.demo import attendance_build, sessions_build
from nearpeer.supportline.demo import supportline_build
from nearpeer.tenancy import invitations, policy
from nearpeer.tenancy.demo_specs import (
    FIRST_NAMES,
    LAST_NAMES,
    PEER_HOME,
    SIGN_INS,
    InstitutionSpec,
    ProgramSpec,
    academic_year,
    institution_blackouts,
    institution_specs,
)
from nearpeer.tenancy.models import (
    AcademicCalendar,
    Blackout,
    Cohort,
    Institution,
    Membership,
    Program,
    Role,
)

DEMO_PASSWORD = "peer-support-demo"  # noqa: S105 (published on purpose: demo accounts only)
TOTP_SECRET_SALT = "nearpeer-demo-totp:"  # noqa: S105 (demo secrets are public by design)


@dataclass
class DemoSignIn:
    role: str
    email: str
    needs_mfa: bool = False
    recovery_code: str = ""


@dataclass
class Demo:
    today: datetime.date
    year: int  # the academic year runs from 1 July of this year to 30 June of the next
    institutions: dict[str, Institution] = field(default_factory=dict)
    programs: dict[tuple[str, str], Program] = field(default_factory=dict)
    sign_ins: list[DemoSignIn] = field(default_factory=list)
    invitation_link: str = ""


class _People:
    """One institution's fictional people and their roles, drawn with a fixed seed so every run
    makes the same ones; `save()` writes only those missing, in a few queries."""

    def __init__(self, spec: InstitutionSpec, institution: Institution, year: int) -> None:
        self._rng = random.Random(f"nearpeer-demo:{spec.slug}")  # noqa: S311 (not for security)
        self._domain = spec.domain
        self._institution = institution
        self._starts_on = datetime.date(year, 7, 1)
        self._names: dict[str, str] = {}  # email -> full name
        self._roles: list[tuple[str, str, Program | None, Cohort | None]] = []

    def add(self) -> str:
        """A new person; returns their email."""
        while True:
            first, last = self._rng.choice(FIRST_NAMES), self._rng.choice(LAST_NAMES)
            email = f"{_ascii(first)}.{_ascii(last)}@{self._domain}".lower()
            if email not in self._names:
                self._names[email] = f"{first} {last}"
                return email

    def grant(self, email: str, role: str, program=None, cohort=None) -> None:
        self._roles.append((email, role, program, cohort))

    def save(self) -> None:
        existing = set(User.objects.filter(email__in=self._names).values_list("email", flat=True))
        User.objects.bulk_create(
            User(email=email, full_name=name, password=make_password(None))
            for email, name in self._names.items()
            if email not in existing
        )
        ids = dict(User.objects.filter(email__in=self._names).values_list("email", "pk"))
        held = set(
            Membership.objects.filter(user_id__in=ids.values()).values_list(
                "user_id", "program_id", "role"
            )
        )
        Membership.objects.bulk_create(
            Membership(
                user_id=ids[email],
                institution=self._institution,
                program=program,
                cohort=cohort,
                role=role,
                starts_on=self._starts_on,
            )
            for email, role, program, cohort in self._roles
            if (ids[email], getattr(program, "pk", None), role) not in held
        )


def _ascii(name: str) -> str:
    return name.translate(str.maketrans("áéíóú", "aeiou"))


def _person(email: str, full_name: str) -> User:
    user, _ = User.objects.get_or_create(
        email=email, defaults={"full_name": full_name, "password": make_password(None)}
    )
    return user


def _member(user, program: Program | None, role: str, year: int, cohort=None, institution=None):
    institution = institution or program.institution
    membership, _ = Membership.objects.get_or_create(
        user=user,
        institution=institution,
        program=program,
        role=role,
        defaults={"cohort": cohort, "starts_on": datetime.date(year, 7, 1)},
    )
    return membership


def institutions_build(demo: Demo, specs) -> None:
    """The institutions and their well-being offices."""
    for spec in specs:
        demo.institutions[spec.slug], _ = Institution.objects.update_or_create(
            slug=spec.slug,
            defaults={
                "name": spec.name,
                "time_zone": spec.time_zone,
                "office_name": spec.office_name,
                "office_email": f"wellbeing@{spec.domain}",
                "office_phone": spec.office_phone,
                "emergency_phone": spec.emergency_phone,
                "after_hours_counseling_phone": spec.after_hours_phone,
            },
        )


def programs_build(demo: Demo, specs) -> None:
    """Each institution's programs and their cohorts."""
    for spec in specs:
        institution = demo.institutions[spec.slug]
        for p in spec.programs:
            program, _ = Program.objects.update_or_create(
                institution=institution,
                name=p.name,
                defaults={
                    "kind": p.kind,
                    "headcount": p.headcount,
                    "session_cadence": p.cadence,
                    "time_zone": spec.time_zone,
                    "is_active": True,
                },
            )
            demo.programs[(spec.slug, p.key)] = program
            for name in p.cohorts:
                year = int(name[-4:]) if name[-4:].isdigit() else None
                Cohort.objects.get_or_create(
                    program=program, name=name, defaults={"class_year": year}
                )


def people_build(demo: Demo, specs) -> None:
    """A sample roster per program, with peer roles, program staff and the office's people."""
    for spec in specs:
        people = _People(spec, demo.institutions[spec.slug], demo.year)
        rosters = {p.key: _roster(demo, spec, p, people) for p in spec.programs}
        for index, p in enumerate(spec.programs):
            program = demo.programs[(spec.slug, p.key)]
            for email in rosters[p.key][:2]:
                people.grant(email, Role.PEER_FACILITATOR, program)
            for email in rosters[p.key][2:4]:
                people.grant(email, Role.PEER_MENTOR, program)
            # Reflection groups are run by psychiatry residents, in every program.
            people.grant(rosters["psych"][-1 - index], Role.GROUP_FACILITATOR, program)
            for role in (Role.PROGRAM_DIRECTOR, Role.COORDINATOR, Role.CHAMPION):
                people.grant(people.add(), role, program)
        for role, count in ((Role.OFFICE_ADMIN, 2), (Role.WELLNESS_ADVISOR, 2)):
            for _ in range(count):
                people.grant(people.add(), role)
        people.grant(people.add(), Role.FACULTY_ADVISOR)
        people.save()


def _roster(demo: Demo, spec: InstitutionSpec, p: ProgramSpec, people: "_People") -> list[str]:
    program = demo.programs[(spec.slug, p.key)]
    cohorts = list(Cohort.objects.filter(program=program, name__in=p.cohorts).order_by("name"))
    roster = [people.add() for _ in range(p.roster)]
    for n, email in enumerate(roster):
        people.grant(email, Role.TRAINEE, program, cohorts[n % len(cohorts)])
    return roster


def calendars_build(demo: Demo, specs) -> None:
    """This academic year's calendar per institution, and one per program with its own exams."""
    for spec in specs:
        institution = demo.institutions[spec.slug]
        calendar = _calendar(demo, institution, None)
        for kind, name, starts_on, ends_on in institution_blackouts(demo.year):
            _blackout(calendar, kind, name, starts_on, ends_on)
        for p in spec.programs:
            if not p.blackouts:
                continue
            calendar = _calendar(demo, institution, demo.programs[(spec.slug, p.key)])
            for b in p.blackouts:
                starts_on = datetime.date(demo.year + (b.month < 7), b.month, b.day)
                ends_on = starts_on + datetime.timedelta(days=b.days - 1)
                _blackout(calendar, b.kind, b.name, starts_on, ends_on)


def _calendar(demo: Demo, institution, program) -> AcademicCalendar:
    calendar, _ = AcademicCalendar.objects.update_or_create(
        institution=institution,
        program=program,
        name=f"{demo.year}–{(demo.year + 1) % 100:02d} academic year",
        defaults={
            "starts_on": datetime.date(demo.year, 7, 1),
            "ends_on": datetime.date(demo.year + 1, 6, 30),
        },
    )
    return calendar


def _blackout(calendar, kind, name, starts_on, ends_on) -> None:
    Blackout.objects.update_or_create(
        calendar=calendar,
        name=name,
        defaults={"kind": kind, "starts_on": starts_on, "ends_on": ends_on},
    )


def demo_totp_secret(email: str) -> str:
    """The demo account's fixed authenticator secret: base32 of the first 20 bytes of
    SHA-256("nearpeer-demo-totp:" + email). Public by design: demo accounts only."""
    digest = hashlib.sha256(f"{TOTP_SECRET_SALT}{email}".encode()).digest()
    return base64.b32encode(digest[:20]).decode("ascii")


def sign_ins_build(demo: Demo, specs) -> None:
    """The demo sign-ins (one per role), sharing one password, with their second step."""
    password = make_password(DEMO_PASSWORD)  # hashed once: the slow hasher runs once per demo
    for index, role, local, full_name, key in SIGN_INS:
        spec = specs[index]
        user = _person(f"{local}@{spec.domain}", full_name)
        user.password, user.is_active = password, True
        user.save(update_fields=["password", "is_active"])
        if role == Role.TRAINEE or role in PEER_HOME:
            home = demo.programs[(spec.slug, PEER_HOME.get(role, key))]
            cohort = home.cohorts.order_by("name").first()
            _member(user, home, Role.TRAINEE, demo.year, cohort=cohort)
        program = demo.programs[(spec.slug, key)] if key else None
        _member(user, program, role, demo.year, institution=demo.institutions[spec.slug])
        sign_in = DemoSignIn(role=role, email=user.email, needs_mfa=policy.requires_mfa(user))
        if sign_in.needs_mfa:
            sign_in.recovery_code = second_step_build(user)
        demo.sign_ins.append(sign_in)


def invitations_build(demo: Demo, specs) -> None:
    """One waiting invitation from the first institution's coordinator to someone new, so the
    invitation page can be tried; refreshed (a new link) on each run."""
    spec = specs[0]
    program = demo.programs[(spec.slug, "md")]
    coordinator = User.objects.get(email=f"coordinator@{spec.domain}")
    invitation = invitations.invitation_create(
        by=coordinator,
        email=f"new.peer.facilitator@{spec.domain}",
        full_name="Alex Morgan",
        role=Role.PEER_FACILITATOR,
        institution=program.institution,
        program=program,
    )
    demo.invitation_link = invitations.invitation_link(invitation)


def second_step_build(user) -> str:
    """Give the account its fixed authenticator (unless it has one) and recovery codes; returns
    one unused recovery code."""
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, demo_totp_secret(user.email))
    unused = RecoveryCodes.activate(user).get_unused_codes()
    return unused[0] if unused else ""


@transaction.atomic
def build(*, today: datetime.date | None = None) -> Demo:
    """Create or refresh all demo data; safe to run again."""
    today = today or timezone.localdate()
    demo = Demo(today=today, year=academic_year(today))
    specs = institution_specs(demo.year)
    institutions_build(demo, specs)
    programs_build(demo, specs)
    people_build(demo, specs)
    calendars_build(demo, specs)
    sign_ins_build(demo, specs)
    invitations_build(demo, specs)
    curriculum_build(demo.institutions)
    sessions_build(demo)
    attendance_build(demo)
    supportline_build(demo)
    return demo
