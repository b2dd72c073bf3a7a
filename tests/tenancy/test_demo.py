"""`nearpeer demo`: realistic demo data, safe to load again, with one ready sign-in per role."""

import datetime
from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from allauth.mfa.utils import decrypt
from django.core.management import call_command
from django.core.management.base import CommandError

from nearpeer.accounts.models import User
from nearpeer.demo import data as demo
from nearpeer.tenancy.models import (
    SENSITIVE_ROLES,
    AcademicCalendar,
    Blackout,
    Cohort,
    Institution,
    Membership,
    Program,
    Role,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (Institution, Program, Cohort, User, Membership, AcademicCalendar, Blackout)
    found = {model.__name__: model.objects.count() for model in models}
    found["Authenticator"] = Authenticator.objects.count()
    return found


def totp_of(email: str) -> Authenticator:
    return Authenticator.objects.get(user__email=email, type=Authenticator.Type.TOTP)


def test_running_the_demo_twice_duplicates_nothing():
    run_demo()
    first = counts()
    run_demo()
    assert counts() == first
    assert first["Institution"] == 2
    assert first["Program"] == 10
    assert first["Blackout"] > 20


def test_every_role_has_a_demo_sign_in_that_holds_it():
    built = demo.build(today=TODAY)
    assert {s.role for s in built.sign_ins} == set(Role.values)
    for sign_in in built.sign_ins:
        user = User.objects.get(email=sign_in.email)
        assert user.memberships.active(on=TODAY).filter(role=sign_in.role).exists(), sign_in


def test_demo_sign_ins_use_the_published_password():
    built = demo.build(today=TODAY)
    for sign_in in built.sign_ins:
        assert User.objects.get(email=sign_in.email).check_password(demo.DEMO_PASSWORD)
    # the sampled roster has no password: nobody signs in as those people
    roster = User.objects.filter(memberships__role=Role.TRAINEE).exclude(
        email__in=[s.email for s in built.sign_ins]
    )
    assert roster.exists()
    assert not any(person.has_usable_password() for person in roster)


def test_each_demo_sign_in_with_a_sensitive_role_has_one_authenticator_and_recovery_codes():
    built = demo.build(today=TODAY)
    sensitive = [s for s in built.sign_ins if s.role in SENSITIVE_ROLES]
    assert len(sensitive) == 8  # seven roles, and the second institution's office
    for sign_in in sensitive:
        mine = Authenticator.objects.filter(user__email=sign_in.email)
        assert mine.filter(type=Authenticator.Type.TOTP).count() == 1, sign_in.email
        assert mine.filter(type=Authenticator.Type.RECOVERY_CODES).count() == 1, sign_in.email
        assert sign_in.needs_mfa and len(sign_in.recovery_code) == 8


def test_trainee_demo_sign_in_needs_no_authenticator():
    built = demo.build(today=TODAY)
    trainee = next(s for s in built.sign_ins if s.role == Role.TRAINEE)
    assert not trainee.needs_mfa
    assert not Authenticator.objects.filter(user__email=trainee.email).exists()


def test_demo_authenticator_secret_is_fixed_per_account():
    demo.build(today=TODAY)
    stored = decrypt(totp_of("office@elmstead.example").data["secret"])
    assert stored == demo.demo_totp_secret("office@elmstead.example")
    assert stored != demo.demo_totp_secret("office@junipermesa.example")


def test_demo_keeps_an_authenticator_the_person_set_up_themselves():
    # given a demo coordinator who replaced the demo authenticator with their own
    demo.build(today=TODAY)
    totp_of("coordinator@elmstead.example").delete()
    coordinator = User.objects.get(email="coordinator@elmstead.example")
    TOTP.activate(coordinator, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    # when the demo is loaded again
    demo.build(today=TODAY)
    # then their own authenticator is still the one in use
    secret = decrypt(totp_of("coordinator@elmstead.example").data["secret"])
    assert secret == "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def test_calendar_covers_the_academic_year_containing_today():
    demo.build(today=TODAY)
    calendars = AcademicCalendar.objects.filter(program__isnull=True)
    assert {(c.starts_on, c.ends_on) for c in calendars} == {
        (datetime.date(2026, 7, 1), datetime.date(2027, 6, 30))
    }
    thanksgiving = Blackout.objects.filter(name="Thanksgiving break").first()
    assert thanksgiving.starts_on <= datetime.date(2026, 11, 26) <= thanksgiving.ends_on
    for blackout in Blackout.objects.select_related("calendar"):
        assert blackout.calendar.starts_on <= blackout.starts_on <= blackout.ends_on
        assert blackout.ends_on <= blackout.calendar.ends_on


def test_calendar_has_exams_board_exams_holidays_and_finals():
    demo.build(today=TODAY)
    assert set(Blackout.objects.values_list("kind", flat=True)) == set(Blackout.Kind.values)
    step1 = Blackout.objects.get(
        name__startswith="USMLE Step 1", calendar__institution__slug="elmstead"
    )
    assert step1.kind == Blackout.Kind.BOARD_EXAM
    assert step1.calendar.program.kind == Program.Kind.MEDICAL_SCHOOL


def test_in_spring_the_demo_uses_the_year_that_began_last_july():
    built = demo.build(today=datetime.date(2027, 3, 1))
    assert built.year == 2026
    md = Program.objects.get(institution__slug="elmstead", kind=Program.Kind.MEDICAL_SCHOOL)
    assert list(md.cohorts.values_list("name", flat=True)) == [
        "Class of 2027",
        "Class of 2028",
        "Class of 2029",
        "Class of 2030",
    ]


def test_programs_have_realistic_headcounts_and_a_sampled_roster():
    demo.build(today=TODAY)
    for program in Program.objects.all():
        trainees = program.memberships.filter(role=Role.TRAINEE).count()
        assert 8 <= trainees <= 20, program
        assert trainees < program.headcount
        staff = set(program.memberships.values_list("role", flat=True))
        assert {Role.PEER_FACILITATOR, Role.PROGRAM_DIRECTOR, Role.COORDINATOR} <= staff


def test_demo_prints_each_sign_in_with_password_and_how_to_get_a_code():
    output = run_demo()
    for email in ("trainee@elmstead.example", "office@junipermesa.example"):
        assert email in output
    assert demo.DEMO_PASSWORD in output
    assert "nearpeer totp" in output


def test_demo_prints_links_at_the_configured_site_address(settings):
    # make demo PORT=8123 sets SITE_URL=http://127.0.0.1:8123 (tests/test_makefile.py)
    settings.SITE_URL = "http://127.0.0.1:8123"
    output = run_demo()
    assert "sign in at http://127.0.0.1:8123/accounts/login/" in output
    assert "  http://127.0.0.1:8123/invitations/" in output


def test_demo_refuses_to_run_on_a_live_site(settings):
    settings.DEBUG = False
    settings.TESTING = False
    with pytest.raises(CommandError, match="DEBUG=true"):
        run_demo()
    assert Institution.objects.count() == 0
