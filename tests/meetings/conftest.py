"""Sessions personas, on top of the shared ones (tests/conftest.py):

- ``peers``: three peer facilitators of Ridgeview's residency, free all week, experienced.
- ``newcomer``: a first-time peer facilitator there.
- ``advisor``: Ridgeview's institution-wide wellness advisor, free all week.
- ``year``: the next academic year's calendar (1 July to 30 June) for Ridgeview, so every date
  in these tests is in the future whatever day they run.
"""

import datetime

import pytest
from django.utils import timezone

from nearpeer.meetings import services
from nearpeer.tenancy.models import Role
from tests.conftest import _member
from tests.factories import CalendarFactory
from tests.meetings.factories import ProgramPlanFactory, free_all_week


@pytest.fixture
def year(ridgeview):
    today = timezone.localdate()
    first = today.year + 1 if today.month >= 7 else today.year
    return CalendarFactory(
        institution=ridgeview,
        name=f"{first}–{first + 1} academic year",
        starts_on=datetime.date(first, 7, 1),
        ends_on=datetime.date(first + 1, 6, 30),
    )


@pytest.fixture
def peers(program):
    people = [
        _member(Role.PEER_FACILITATOR, program, full_name=f"Peer {name}")
        for name in ("Avery", "Blake", "Casey")
    ]
    for person in people:
        free_all_week(person)
    return people


@pytest.fixture
def newcomer(program):
    person = _member(Role.PEER_FACILITATOR, program, full_name="Nina Newcomer")
    free_all_week(person, sessions_led=0)
    return person


@pytest.fixture
def advisor(ridgeview):
    person = _member(Role.WELLNESS_ADVISOR, institution=ridgeview, full_name="Wren Advisor")
    free_all_week(person)
    return person


@pytest.fixture
def plans(program):
    return [ProgramPlanFactory(program=program, title=f"Plan {n}") for n in "ABC"]


def series_kwargs(program, year, **changes) -> dict:
    kwargs = {
        "program": program,
        "name": "Noon well-being sessions",
        "cadence": "monthly",
        "weekday": 2,
        "start_time": datetime.time(12, 0),
        "minutes": 60,
        "modality": "in_person",
        "room": "Room 2.14",
        "video_link": "",
        "starts_on": year.starts_on,
        "ends_on": year.ends_on,
        "plan_ids": [],
    }
    return kwargs | changes


@pytest.fixture
def make_series(coordinator, year, program):
    """``make_series(**changes)``: a monthly series set up by the coordinator."""

    def _make(**changes):
        kwargs = series_kwargs(program, year, **changes)
        return services.series_create(by=coordinator, **kwargs)

    return _make
