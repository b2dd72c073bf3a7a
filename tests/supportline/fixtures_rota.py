"""Rota personas, on top of the shared ones (tests/conftest.py). Import the fixtures you use.

- ``line``: Ridgeview's peer-support line, serving the internal medicine residency (``program``).
- ``prof``: Ridgeview's institution-wide faculty advisor: a professional backup for the line.
- ``mentor_a`` / ``mentor_b``: trained peer mentors of the residency.
- ``rookie``: a peer mentor of the residency who hasn't completed the training yet.
- ``day``: a local date ten days ahead, so every shift in these tests is in the future.
"""

import datetime

import pytest

from nearpeer.supportline.models import MentorTraining, SupportLine
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import shifts
from nearpeer.tenancy.models import Role
from tests.api.conftest import api_as
from tests.conftest import _member

# Fixtures for `from tests.supportline.fixtures_rota import *` (a star import keeps ruff from
# reading each fixture argument as a redefinition); the plain helpers are imported by name.
__all__ = ["api_as", "day", "line", "mentor_a", "mentor_b", "prof", "rookie"]


@pytest.fixture
def line(ridgeview, program):
    the_line = SupportLine.objects.create(institution=ridgeview, name="Ridgeview Peer Line")
    the_line.programs.set([program])
    return the_line


@pytest.fixture
def prof(ridgeview):
    return _member(Role.FACULTY_ADVISOR, institution=ridgeview, full_name="Fay Faculty")


def _trained_mentor(line, program, name):
    person = _member(Role.PEER_MENTOR, program, full_name=name)
    MentorTraining.objects.create(
        user=person, line=line, completed_on=datetime.date(2025, 8, 1), recorded_by=None
    )
    return person


@pytest.fixture
def mentor_a(line, program):
    return _trained_mentor(line, program, "Mia Mentor")


@pytest.fixture
def mentor_b(line, program):
    return _trained_mentor(line, program, "Ben Mentor")


@pytest.fixture
def rookie(program, line):
    return _member(Role.PEER_MENTOR, program, full_name="Rory Rookie")


@pytest.fixture
def day(line):
    return rs.line_today(line) + datetime.timedelta(days=10)


def at(line, on: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    """An aware local time of the line's institution."""
    return datetime.datetime.combine(on, datetime.time(hour, minute), tzinfo=rs.line_zone(line))


def make_shift(line, by, on, start_hour, end_hour, *, mentor=None, backup=None, publish=True):
    """A shift through the service, from start_hour to end_hour (an end past 24 is next day)."""
    return shifts.shift_create(
        by=by,
        line=line,
        starts_at=at(line, on, start_hour),
        ends_at=at(line, on, 0) + datetime.timedelta(hours=end_hour),
        mentor=mentor,
        backup=backup,
        publish=publish,
    )
