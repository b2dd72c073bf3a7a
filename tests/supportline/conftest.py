"""Support-line personas, on top of tests/conftest.py:

- ``line``: Ridgeview's peer-support line, serving the internal medicine residency (``program``).
- ``mentor``: Mia, a trained peer mentor (PGY-2) on call now on ``shift``.
- ``backup``: Wes, a wellness advisor: the shift's professional backup.
- ``professional``: Faye, a faculty advisor of Ridgeview: the next backup when Wes doesn't answer.
- ``office_admin``: the last step of escalation (tests/conftest.py).
- ``lakeshore_mentor``: a trained mentor of Lakeshore's own line (another institution).
- ``other_line_mentor``: a trained mentor of Ridgeview's pediatrics line (a different line).
"""

import datetime

import pytest
from django.utils import timezone

from nearpeer.supportline.models import (
    MentorProfile,
    MentorTraining,
    Resource,
    Shift,
    SupportLine,
)
from nearpeer.supportline.services import intake
from nearpeer.tenancy.models import Role
from tests.factories import CohortFactory, MembershipFactory, UserFactory


def make_line(institution, programs, name="Peer support line", minutes=10) -> SupportLine:
    line = SupportLine.objects.create(
        institution=institution, name=name, escalation_minutes=minutes
    )
    line.programs.set(programs)
    return line


def make_mentor(line, program, *, stage="PGY-2", gender="", languages=(), cohort=None, **user):
    person = UserFactory(**user)
    MembershipFactory(user=person, program=program, role=Role.PEER_MENTOR, cohort=cohort)
    MentorTraining.objects.create(user=person, line=line, completed_on=datetime.date(2026, 1, 5))
    MentorProfile.objects.create(user=person, stage=stage, gender=gender, languages=list(languages))
    return person


def make_professional(institution, role=Role.WELLNESS_ADVISOR, **user):
    person = UserFactory(**user)
    MembershipFactory(user=person, program=None, institution=institution, role=role)
    return person


def put_on_call(line, mentor, backup, *, hours_before=1, hours_after=3) -> Shift:
    now = timezone.now()
    return Shift.objects.create(
        line=line,
        mentor=mentor,
        backup=backup,
        starts_at=now - datetime.timedelta(hours=hours_before),
        ends_at=now + datetime.timedelta(hours=hours_after),
        status=Shift.Status.PUBLISHED,
    )


@pytest.fixture
def line(ridgeview, program):
    ridgeview.emergency_phone = "555-0100"
    ridgeview.after_hours_counseling_phone = "555-0199"
    ridgeview.save()
    return make_line(ridgeview, [program], name="Ridgeview Peer Support Line")


@pytest.fixture
def mentor(line, program):
    return make_mentor(
        line,
        program,
        email="mia.mentor@ridgeview.example",
        full_name="Mia Mentor",
        gender="woman",
        languages=("English", "Spanish"),
    )


@pytest.fixture
def backup(ridgeview):
    return make_professional(
        ridgeview, email="wes.wellness@ridgeview.example", full_name="Wes Wellness"
    )


@pytest.fixture
def professional(ridgeview):
    return make_professional(
        ridgeview,
        role=Role.FACULTY_ADVISOR,
        email="faye.faculty@ridgeview.example",
        full_name="Faye Faculty",
    )


@pytest.fixture
def shift(line, mentor, backup):
    return put_on_call(line, mentor, backup)


@pytest.fixture
def crisis_resource(ridgeview):
    return Resource.objects.create(
        institution=ridgeview,
        kind=Resource.Kind.CRISIS_LINE,
        name="Ridgeview Campus Crisis Line",
        phone="555-0111",
        is_crisis=True,
    )


@pytest.fixture
def counseling_resource(ridgeview):
    return Resource.objects.create(
        institution=ridgeview,
        kind=Resource.Kind.COUNSELING,
        name="Ridgeview Counseling Center",
        phone="555-0122",
    )


@pytest.fixture
def cohort(program):
    return CohortFactory(program=program, name="PGY-1")


@pytest.fixture
def lakeshore_mentor(lakeshore, foreign_program):
    foreign_line = make_line(lakeshore, [foreign_program], name="Lakeshore Line")
    person = make_mentor(foreign_line, foreign_program, email="lee.lakeshore@lakeshore.example")
    put_on_call(foreign_line, person, make_professional(lakeshore))
    return person


@pytest.fixture
def other_line_mentor(ridgeview, other_program):
    other_line = make_line(ridgeview, [other_program], name="Pediatrics Line")
    return make_mentor(other_line, other_program, email="pat.peds@ridgeview.example")


@pytest.fixture
def submit_request(line, shift, django_capture_on_commit_callbacks):
    """Reach out through the service (as a signed-in trainee or anonymously), running the
    notification tasks that are queued on commit."""

    def _submit(requester=None, **fields):
        fields.setdefault("anonymous", requester is None)
        with django_capture_on_commit_callbacks(execute=True):
            return intake.request_create(line=line, requester=requester, **fields)

    return _submit
