"""Academic calendars and their blackouts through the API."""

import datetime

import pytest

from nearpeer.tenancy.models import AcademicCalendar, Blackout
from tests.api.conftest import ids
from tests.factories import BlackoutFactory, CalendarFactory

YEAR = {"name": "2026–27 academic year", "starts_on": "2026-07-01", "ends_on": "2027-06-30"}


@pytest.fixture
def calendar(ridgeview):
    return CalendarFactory(institution=ridgeview)


@pytest.fixture
def program_calendar(ridgeview, program):
    return CalendarFactory(institution=ridgeview, program=program, name="IM year")


def blackout(calendar, **fields):
    return {
        "calendar_id": calendar.pk,
        "kind": "board_exam",
        "name": "Step 2 window",
        "starts_on": "2027-03-01",
        "ends_on": "2027-03-05",
    } | fields


def test_trainee_sees_the_institution_calendar_and_their_programs(
    api_as, trainee, calendar, program_calendar, other_program
):
    CalendarFactory(institution=other_program.institution, program=other_program, name="Peds")
    body = api_as(trainee).get("/calendars").json()
    assert {c["id"] for c in body["items"]} == {calendar.pk, program_calendar.pk}


def test_calendar_detail_lists_its_blackouts_in_date_order(api_as, trainee, calendar):
    later = BlackoutFactory(
        calendar=calendar,
        name="Spring finals",
        starts_on=datetime.date(2027, 5, 1),
        ends_on=datetime.date(2027, 5, 7),
    )
    earlier = BlackoutFactory(calendar=calendar)
    body = api_as(trainee).get(f"/calendars/{calendar.pk}").json()
    assert [b["id"] for b in body["blackouts"]] == [earlier.pk, later.pk]
    assert body["blackouts"][0]["kind"] == "finals"


def test_calendar_list_counts_blackouts(api_as, trainee, calendar):
    BlackoutFactory.create_batch(3, calendar=calendar)
    body = api_as(trainee).get("/calendars").json()
    assert body["items"][0]["blackout_count"] == 3


def test_office_admin_adds_an_institution_calendar(api_as, office_admin, ridgeview):
    response = api_as(office_admin).post("/calendars", {"institution_id": ridgeview.pk, **YEAR})
    assert response.status_code == 201, response.content
    calendar = AcademicCalendar.objects.get(pk=response.json()["id"])
    assert (calendar.institution, calendar.program) == (ridgeview, None)


def test_coordinator_adds_their_programs_calendar(api_as, coordinator, program):
    response = api_as(coordinator).post("/calendars", {"program_id": program.pk, **YEAR})
    assert response.status_code == 201, response.content
    assert response.json()["program_id"] == program.pk
    assert response.json()["institution_id"] == program.institution_id


def test_coordinator_cannot_add_an_institution_wide_calendar(api_as, coordinator, ridgeview):
    response = api_as(coordinator).post("/calendars", {"institution_id": ridgeview.pk, **YEAR})
    assert response.status_code == 403
    assert response.json() == {"detail": "You can't add a calendar here."}
    assert not AcademicCalendar.objects.exists()


@pytest.mark.parametrize(
    "scope", [{}, {"institution_id": 1, "program_id": 1}], ids=["neither", "both"]
)
def test_calendar_needs_exactly_one_scope(api_as, office_admin, ridgeview, program, scope):
    response = api_as(office_admin).post("/calendars", {**scope, **YEAR})
    assert response.status_code == 422
    assert "institution_id or program_id" in response.json()["errors"]["__all__"][0]


def test_calendar_ending_before_it_starts_is_400_on_ends_on(api_as, office_admin, ridgeview):
    response = api_as(office_admin).post(
        "/calendars", {"institution_id": ridgeview.pk, **YEAR, "ends_on": "2026-06-01"}
    )
    assert response.status_code == 400
    assert "ends_on" in response.json()["errors"]


def test_coordinator_adds_a_blackout(api_as, coordinator, program_calendar):
    response = api_as(coordinator).post("/blackouts", blackout(program_calendar))
    assert response.status_code == 201, response.content
    assert Blackout.objects.get(pk=response.json()["id"]).name == "Step 2 window"


def test_blackout_outside_the_calendar_year_is_400(api_as, coordinator, program_calendar):
    response = api_as(coordinator).post(
        "/blackouts", blackout(program_calendar, starts_on="2030-01-01", ends_on="2030-01-02")
    )
    assert response.status_code == 400
    assert "must fall within" in response.json()["detail"]
    assert not Blackout.objects.exists()


def test_trainee_cannot_add_or_remove_blackouts(api_as, trainee, program_calendar):
    existing = BlackoutFactory(calendar=program_calendar)
    client = api_as(trainee)
    assert client.post("/blackouts", blackout(program_calendar)).status_code == 403
    assert client.delete(f"/blackouts/{existing.pk}").status_code == 403
    assert Blackout.objects.count() == 1


def test_coordinator_removes_a_blackout(api_as, coordinator, program_calendar):
    existing = BlackoutFactory(calendar=program_calendar)
    response = api_as(coordinator).delete(f"/blackouts/{existing.pk}")
    assert response.status_code == 204
    assert not Blackout.objects.exists()


def test_blackouts_filtered_by_calendar_and_dates(api_as, trainee, calendar, program_calendar):
    winter = BlackoutFactory(calendar=calendar)  # 7–18 Dec 2026
    boards = BlackoutFactory(
        calendar=program_calendar,
        name="Boards",
        starts_on=datetime.date(2027, 3, 1),
        ends_on=datetime.date(2027, 3, 5),
    )
    client = api_as(trainee)
    assert ids(client.get("/blackouts")) == {winter.pk, boards.pk}
    assert ids(client.get("/blackouts", calendar_id=calendar.pk)) == {winter.pk}
    assert ids(client.get("/blackouts", **{"from": "2027-01-01"})) == {boards.pk}
    assert ids(client.get("/blackouts", to="2026-12-07")) == {winter.pk}
    assert ids(client.get("/blackouts", **{"from": "2026-12-18", "to": "2027-03-01"})) == {
        winter.pk,
        boards.pk,
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "party"}, "kind"),
        ({"name": ""}, "name"),
        ({"starts_on": "2027-02-30"}, "starts_on"),
        ({"ends_on": "soon"}, "ends_on"),
        ({"calendar_id": None}, "calendar_id"),
        ({"institution_id": 1}, "institution_id"),
    ],
)
def test_bad_blackout_values_are_422(api_as, coordinator, program_calendar, change, field):
    response = api_as(coordinator).post("/blackouts", blackout(program_calendar, **change))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == [field]
    assert not Blackout.objects.exists()
