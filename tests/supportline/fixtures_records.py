"""Records personas, on top of the shared ones (tests/conftest.py). Test modules take the fixtures
with `from tests.supportline.fixtures_records import *` and the helpers by name.

- ``line``: Ridgeview's peer-support line, serving the internal medicine residency (``program``).
- ``mentor``: a trained peer mentor of the residency; ``other_mentor``: another one.
- ``advisor``: Ridgeview's institution-wide wellness advisor (a professional backup of the line).
- ``supervisor``: Ridgeview's institution-wide faculty advisor.
- ``talk``: a request ``mentor`` accepted and is talking in.
- ``api_as``: the API client fixture (tests/api/conftest.py), re-exported.
- ``counseling``: a service in Ridgeview's directory; ``foreign_line``: Lakeshore's line.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from nearpeer.supportline.models import (
    MentorTraining,
    Message,
    Resource,
    SupportLine,
    SupportRequest,
)
from nearpeer.tenancy.models import Role
from tests.api.conftest import api_as
from tests.conftest import _member

__all__ = [
    "advisor",
    "api_as",
    "counseling",
    "foreign_line",
    "line",
    "mentor",
    "other_mentor",
    "supervisor",
    "talk",
]


def make_request(line, *, mentor=None, status=SupportRequest.Status.ACTIVE, **fields):
    """A support request on the line; active with an accepted mentor unless told otherwise."""
    now = timezone.now()
    values = {
        "topics": ["academic_stress"],
        "opening_message": "I can't keep up with the rotation and I feel like a fraud.",
        "mentor": mentor,
        "accepted_at": now if mentor else None,
        "status": status,
    } | fields
    return SupportRequest.objects.create(line=line, **values)


def add_message(request, body: str, sender=Message.Sender.REQUESTER):
    return Message.objects.create(request=request, sender=sender, body=body)


def raw(table: str, column: str, pk: int) -> str:
    """A column's value as stored, bypassing field decryption."""
    with connection.cursor() as cursor:
        cursor.execute(f"select {column} from {table} where id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def trained_mentor(line, program, **user_fields):
    person = _member(Role.PEER_MENTOR, program, **user_fields)
    MentorTraining.objects.create(user=person, line=line, completed_on=datetime.date(2025, 8, 1))
    return person


@pytest.fixture
def line(ridgeview, program):
    the_line = SupportLine.objects.create(institution=ridgeview, name="Ridgeview Peer Line")
    the_line.programs.set([program])
    return the_line


@pytest.fixture
def foreign_line(lakeshore, foreign_program):
    the_line = SupportLine.objects.create(institution=lakeshore, name="Lakeshore Peer Line")
    the_line.programs.set([foreign_program])
    return the_line


@pytest.fixture
def mentor(line, program):
    return trained_mentor(line, program, full_name="Mia Mentor", email="mia@ridgeview.example")


@pytest.fixture
def other_mentor(line, program):
    return trained_mentor(line, program, full_name="Ben Mentor", email="ben@ridgeview.example")


@pytest.fixture
def advisor(ridgeview):
    return _member(Role.WELLNESS_ADVISOR, institution=ridgeview, full_name="Wes Wellness")


@pytest.fixture
def supervisor(ridgeview):
    return _member(Role.FACULTY_ADVISOR, institution=ridgeview, full_name="Fay Faculty")


@pytest.fixture
def talk(line, mentor):
    return make_request(line, mentor=mentor)


@pytest.fixture
def counseling(ridgeview):
    return Resource.objects.create(
        institution=ridgeview,
        kind=Resource.Kind.COUNSELING,
        name="Ridgeview Counseling Center",
        phone="(555) 555-0130",
        hours="Weekdays 9 to 5",
    )
