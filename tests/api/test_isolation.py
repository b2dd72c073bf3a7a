"""Tenant isolation: a token from one institution never reaches another institution's data.

The outsider is Lakeshore's well-being office (and coordinator of a Lakeshore program). Every
endpoint is tried with Ridgeview's ids: each answer is exactly the answer for an id that does
not exist, and nothing changes.
"""

import datetime

import pytest

from nearpeer.audit.models import AccessLog
from nearpeer.tenancy.models import (
    AcademicCalendar,
    Blackout,
    Cohort,
    Membership,
    Program,
    RosterImport,
)
from tests.api.conftest import ids
from tests.factories import BlackoutFactory, CalendarFactory, CohortFactory

UNKNOWN = 987_654
NOT_FOUND = {"detail": "Not found."}
ROSTER = b"name,email,program,cohort,role\nNew Person,new.person@example.edu,,,trainee\n"


@pytest.fixture
def ridgeview_data(ridgeview, program, trainee, coordinator, director, office_admin):
    calendar = CalendarFactory(institution=ridgeview, name="Ridgeview 2026–27")
    program_calendar = CalendarFactory(institution=ridgeview, program=program, name="IM 2026–27")
    return {
        "institution": ridgeview.pk,
        "program": program.pk,
        "cohort": CohortFactory(program=program).pk,
        "membership": Membership.objects.get(user=trainee).pk,
        "calendar": calendar.pk,
        "program_calendar": program_calendar.pk,
        "blackout": BlackoutFactory(calendar=calendar).pk,
        "program_blackout": BlackoutFactory(calendar=program_calendar, name="Boards").pk,
        "roster_import": RosterImport.objects.create(program=program, row_count=1).pk,
    }


@pytest.fixture
def lakeshore_data(outsider, lakeshore, foreign_program):
    calendar = CalendarFactory(institution=lakeshore, name="Lakeshore 2026–27")
    return {
        "institution": lakeshore.pk,
        "program": foreign_program.pk,
        "calendar": calendar.pk,
        "blackout": BlackoutFactory(calendar=calendar).pk,
    }


def _snapshot():
    """Everything an attack could change."""
    return (
        list(Program.objects.values_list("pk", "institution_id", "name", "headcount")),
        list(Membership.objects.values_list("pk", "user_id", "role", "program_id", "ends_on")),
        list(AcademicCalendar.objects.values_list("pk", "name")),
        list(Blackout.objects.values_list("pk", "calendar_id", "name")),
        list(Cohort.objects.values_list("pk", "program_id")),
        list(RosterImport.objects.values_list("pk", "program_id", "status")),
    )


def _attempts(ids_, own):
    """(method, path, body) for every endpoint that takes an id, aimed at ``ids_``."""
    today = datetime.date(2026, 9, 1).isoformat()
    person = {"email": "someone@example.edu", "full_name": "Some One", "role": "trainee"}
    return [
        ("get", f"/institutions/{ids_['institution']}", None),
        ("get", f"/programs/{ids_['program']}", None),
        ("patch", f"/programs/{ids_['program']}", {"name": "Taken over", "headcount": 1}),
        ("get", f"/programs/{ids_['program']}/cohorts", None),
        ("upload", f"/programs/{ids_['program']}/roster", ROSTER),
        ("get", f"/roster-imports/{ids_['roster_import']}", None),
        ("get", f"/memberships/{ids_['membership']}", None),
        ("post", f"/memberships/{ids_['membership']}/end", None),
        ("post", f"/memberships/{ids_['membership']}/end", {"ends_on": today}),
        ("get", f"/calendars/{ids_['calendar']}", None),
        ("get", f"/calendars/{ids_['program_calendar']}", None),
        ("delete", f"/blackouts/{ids_['blackout']}", None),
        ("delete", f"/blackouts/{ids_['program_blackout']}", None),
        (
            "post",
            "/programs",
            {"institution_id": ids_["institution"], "name": "Planted", "kind": "residency"},
        ),
        ("post", "/memberships", {**person, "program_id": ids_["program"]}),
        (
            "post",
            "/memberships",
            {**person, "program_id": own["program"], "cohort_id": ids_["cohort"]},
        ),
        (
            "post",
            "/calendars",
            {
                "institution_id": ids_["institution"],
                "name": "Planted",
                "starts_on": "2026-07-01",
                "ends_on": "2027-06-30",
            },
        ),
        (
            "post",
            "/calendars",
            {
                "program_id": ids_["program"],
                "name": "Planted",
                "starts_on": "2026-07-01",
                "ends_on": "2027-06-30",
            },
        ),
        (
            "post",
            "/blackouts",
            {
                "calendar_id": ids_["calendar"],
                "kind": "exam",
                "name": "Planted",
                "starts_on": today,
                "ends_on": today,
            },
        ),
    ]


def _call(client, method, path, body):
    if method == "upload":
        return client.upload(path, "roster.csv", body)
    if method in ("get", "delete"):
        return getattr(client, method)(path)
    return getattr(client, method)(path, body)


def test_outsider_gets_the_unknown_id_answer_from_every_endpoint(
    api_as, outsider, ridgeview_data, lakeshore_data
):
    client = api_as(outsider)
    unknown = dict.fromkeys(ridgeview_data, UNKNOWN)
    before = _snapshot()
    for (method, path, body), (_, unknown_path, unknown_body) in zip(
        _attempts(ridgeview_data, lakeshore_data),
        _attempts(unknown, lakeshore_data),
        strict=True,
    ):
        foreign = _call(client, method, path, body)
        missing = _call(client, method, unknown_path, unknown_body)
        assert foreign.status_code == 404, (method, path, foreign.content)
        assert foreign.json() == NOT_FOUND, (method, path)
        assert (missing.status_code, missing.json()) == (404, NOT_FOUND), (method, unknown_path)
    assert _snapshot() == before
    assert not AccessLog.objects.filter(institution_id=ridgeview_data["institution"]).exists()


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/institutions", "id"),
        ("/programs", "institution_id"),
        ("/memberships", "institution_id"),
        ("/calendars", "institution_id"),
    ],
)
def test_outsider_lists_show_only_their_own_institution(
    api_as, outsider, ridgeview_data, lakeshore_data, path, field
):
    response = api_as(outsider).get(path)
    assert response.status_code == 200
    items = response.json()["items"]
    assert items, "the outsider should see their own rows"
    assert {item[field] for item in items} == {lakeshore_data["institution"]}


def test_outsider_blackout_list_shows_only_their_own_calendars(
    api_as, outsider, ridgeview_data, lakeshore_data
):
    items = api_as(outsider).get("/blackouts").json()["items"]
    assert {b["id"] for b in items} == {lakeshore_data["blackout"]}


def test_outsider_filtering_by_a_foreign_id_finds_nothing(
    api_as, outsider, ridgeview_data, lakeshore_data
):
    client = api_as(outsider)
    assert ids(client.get("/memberships", program_id=ridgeview_data["program"])) == set()
    assert ids(client.get("/blackouts", calendar_id=ridgeview_data["calendar"])) == set()


@pytest.mark.parametrize(
    ("path", "key"),
    [
        ("/institutions/{}", "institution"),
        ("/programs/{}", "program"),
        ("/memberships/{}", "membership"),
        ("/calendars/{}", "calendar"),
    ],
)
def test_outsider_guessing_sequential_ids_only_finds_their_own(
    api_as, outsider, ridgeview_data, lakeshore_data, path, key
):
    client = api_as(outsider)
    visible = ids(client.get(path.format("").rstrip("/")))
    assert ridgeview_data[key] not in visible
    for guess in range(1, max(ridgeview_data[key], *visible) + 3):
        expected = 200 if guess in visible else 404
        assert client.get(path.format(guess)).status_code == expected, guess


def test_program_director_sees_only_their_program(
    api_as, director, other_program, program, ridgeview_data
):
    client = api_as(director)
    assert ids(client.get("/programs")) == {other_program.pk}
    assert client.get(f"/programs/{program.pk}").status_code == 404
    assert client.get(f"/programs/{program.pk}/cohorts").status_code == 404
    memberships = client.get("/memberships").json()["items"]
    assert {m["program_id"] for m in memberships} == {other_program.pk}
    assert client.get(f"/memberships/{ridgeview_data['membership']}").status_code == 404
    response = client.patch(f"/programs/{program.pk}", {"name": "Renamed"})
    assert response.status_code == 404
    program.refresh_from_db()
    assert program.name == "Ridgeview Internal Medicine Residency"
    assert client.get(f"/calendars/{ridgeview_data['program_calendar']}").status_code == 404


def test_trainee_sees_only_their_own_membership(api_as, trainee, coordinator, program):
    client = api_as(trainee)
    own = Membership.objects.get(user=trainee)
    assert ids(client.get("/memberships")) == {own.pk}
    other = Membership.objects.get(user=coordinator)
    assert client.get(f"/memberships/{other.pk}").status_code == 404


def test_huge_and_malformed_ids_are_404_or_422_never_500(api_as, outsider, lakeshore_data):
    client = api_as(outsider)
    for path in ["/programs/99999999999999999999999", "/memberships/9223372036854775808"]:
        assert client.get(path).status_code == 404, path
    assert client.get("/programs/abc").status_code in (404, 422)
    response = client.post(
        "/memberships",
        {
            "email": "x@example.edu",
            "full_name": "X",
            "role": "trainee",
            "program_id": 99999999999999999999999,
        },
    )
    assert response.status_code in (404, 422), response.content
