"""Bad input of every kind gets a clear 4xx answer and changes nothing: never a server error."""

import pytest

from tests.api.test_isolation import _snapshot
from tests.factories import BlackoutFactory, CalendarFactory

HUGE = 10**30
JUNK = [
    None,
    [],
    "text",
    0,
    {"name": "a\x00b"},
    {"name": "line\nbreak"},
    {"full_name": "x\x00"},
    {"email": "a\x00@example.edu"},
    {"institution_id": HUGE},
    {"program_id": HUGE},
    {"calendar_id": HUGE},
    {"cohort_id": HUGE},
    {"ends_on": "9999-99-99"},
    {"starts_on": "0000-01-01"},
    {"headcount": HUGE},
    {"kind": {"nested": True}},
]


@pytest.fixture
def targets(program, coordinator, trainee):
    calendar = CalendarFactory(institution=program.institution, program=program)
    return {
        "program": program.pk,
        "membership": trainee.memberships.get().pk,
        "calendar": calendar.pk,
        "blackout": BlackoutFactory(calendar=calendar).pk,
    }


def _valid_bodies(program, calendar_id):
    return {
        "/programs": {
            "institution_id": program.institution_id,
            "name": "New",
            "kind": "residency",
        },
        f"/programs/{program.pk}": {"name": "Renamed"},
        "/memberships": {
            "email": "n@example.edu",
            "full_name": "N",
            "role": "trainee",
            "program_id": program.pk,
        },
        "/calendars": {
            "program_id": program.pk,
            "name": "Y",
            "starts_on": "2026-07-01",
            "ends_on": "2027-06-30",
        },
        "/blackouts": {
            "calendar_id": calendar_id,
            "kind": "exam",
            "name": "E",
            "starts_on": "2026-12-01",
            "ends_on": "2026-12-02",
        },
    }


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_junk_in_any_write_is_a_clear_client_error(
    api_as, office_admin, coordinator, program, targets, junk
):
    client = api_as(coordinator)
    before = _snapshot()
    for path, valid in _valid_bodies(program, targets["calendar"]).items():
        body = valid | junk if isinstance(junk, dict) else junk
        send = client.patch if path.startswith("/programs/") else client.post
        response = send(path, body)
        assert response.status_code in (400, 403, 404, 422), (path, body, response.content)
        assert response.json()["detail"], (path, body)
    if junk is not None:  # no body at all is fine: the role ends today
        end = client.post(f"/memberships/{targets['membership']}/end", junk)
        assert end.status_code in (400, 422), (junk, end.content)
    assert _snapshot() == before


@pytest.mark.parametrize(
    "query",
    [
        {"program_id": HUGE},
        {"program_id": "x"},
        {"role": "a\x00"},
        {"active": "2"},
        {"calendar_id": HUGE},
        {"from": "yesterday"},
        {"to": "2026-02-30"},
        {"page": HUGE},
        {"page_size": -1},
    ],
    ids=repr,
)
def test_junk_in_list_filters_is_422_or_an_empty_list(api_as, office_admin, query):
    client = api_as(office_admin)
    for path in ("/memberships", "/blackouts", "/programs"):
        response = client.get(path, **query)
        assert response.status_code in (200, 422), (path, query)
        if response.status_code == 200:
            assert response.json()["count"] >= 0
