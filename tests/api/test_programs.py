"""Programs and institutions through the API: the office adds programs, staff edit their own."""

import pytest

from nearpeer.tenancy.models import Program
from tests.api.conftest import ids


def new_program(institution, **extra):
    return {"institution_id": institution.pk, "name": "Surgery Residency", "kind": "residency"} | (
        extra
    )


def test_member_sees_their_institution(api_as, trainee, ridgeview):
    client = api_as(trainee)
    assert ids(client.get("/institutions")) == {ridgeview.pk}
    body = client.get(f"/institutions/{ridgeview.pk}").json()
    assert (body["name"], body["office_name"]) == ("Ridgeview University", "Office of Well-being")


def test_office_admin_lists_every_program_of_the_institution(
    api_as, office_admin, program, other_program
):
    assert ids(api_as(office_admin).get("/programs")) == {program.pk, other_program.pk}


def test_trainee_sees_only_their_program(api_as, trainee, program, other_program):
    client = api_as(trainee)
    assert ids(client.get("/programs")) == {program.pk}
    assert client.get(f"/programs/{program.pk}").json()["name"] == program.name


def test_office_admin_adds_a_program(api_as, office_admin, ridgeview):
    response = api_as(office_admin).post(
        "/programs", new_program(ridgeview, headcount=40, session_cadence="quarterly")
    )
    assert response.status_code == 201, response.content
    body = response.json()
    program = Program.objects.get(pk=body["id"])
    assert (program.institution, program.name, program.headcount) == (
        ridgeview,
        "Surgery Residency",
        40,
    )
    assert body["session_cadence"] == "quarterly"


def test_coordinator_cannot_add_a_program_even_in_their_own_institution(
    api_as, coordinator, ridgeview
):
    response = api_as(coordinator).post("/programs", new_program(ridgeview))
    assert response.status_code == 404
    assert not Program.objects.filter(name="Surgery Residency").exists()


def test_program_cannot_be_planted_in_a_foreign_institution(api_as, outsider, ridgeview):
    response = api_as(outsider).post("/programs", new_program(ridgeview))
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    assert not ridgeview.programs.filter(name="Surgery Residency").exists()


@pytest.mark.parametrize(
    "extra", [{"id": 1}, {"is_staff": True}, {"created_at": "2020-01-01T00:00:00Z"}]
)
def test_program_create_refuses_fields_it_does_not_take(api_as, office_admin, ridgeview, extra):
    response = api_as(office_admin).post("/programs", new_program(ridgeview, **extra))
    assert response.status_code == 422
    assert list(extra) == list(response.json()["errors"])
    assert not Program.objects.filter(name="Surgery Residency").exists()


def test_duplicate_program_name_is_a_400_naming_the_field(api_as, office_admin, program):
    response = api_as(office_admin).post(
        "/programs", new_program(program.institution, name=program.name.upper())
    )
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {"name": ["This institution already has a program with that name."]}
    assert "already has a program" in body["detail"]


def test_unknown_time_zone_is_a_400_naming_the_field(api_as, office_admin, ridgeview):
    response = api_as(office_admin).post(
        "/programs", new_program(ridgeview, time_zone="Mars/Olympus_Mons")
    )
    assert response.status_code == 400
    assert "time_zone" in response.json()["errors"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"kind": "bootcamp"}, "kind"),
        ({"headcount": -1}, "headcount"),
        ({"headcount": 10**12}, "headcount"),
        ({"headcount": "many"}, "headcount"),
        ({"institution_id": "abc"}, "institution_id"),
        ({"is_active": "perhaps"}, "is_active"),
    ],
)
def test_bad_program_values_are_422_naming_the_field(
    api_as, office_admin, ridgeview, change, field
):
    response = api_as(office_admin).post("/programs", new_program(ridgeview, **change))
    assert response.status_code == 422, response.content
    body = response.json()
    assert list(body["errors"]) == [field]
    assert field in body["detail"]


def test_body_that_is_not_json_is_a_clear_error(api_as, office_admin):
    client = api_as(office_admin)
    response = client.client.post(
        "/api/v1/programs", "{not json", content_type="application/json", headers=client.headers
    )
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


def test_coordinator_updates_their_program(api_as, coordinator, program):
    response = api_as(coordinator).patch(f"/programs/{program.pk}", {"headcount": 72})
    assert response.status_code == 200, response.content
    program.refresh_from_db()
    assert (program.headcount, response.json()["headcount"]) == (72, 72)


def test_patch_changes_only_the_fields_sent(api_as, coordinator, program):
    api_as(coordinator).patch(f"/programs/{program.pk}", {"session_cadence": "bimonthly"})
    program.refresh_from_db()
    assert (program.session_cadence, program.headcount, program.name) == (
        "bimonthly",
        60,
        "Ridgeview Internal Medicine Residency",
    )


@pytest.mark.parametrize(
    "attack", [{"institution_id": 999}, {"id": 999}, {"institution": 999}, {"created_at": "x"}]
)
def test_patch_refuses_fields_it_does_not_take(
    api_as, coordinator, program, foreign_program, attack
):
    response = api_as(coordinator).patch(f"/programs/{program.pk}", {"name": "Moved", **attack})
    assert response.status_code == 422
    assert list(response.json()["errors"]) == list(attack)
    program.refresh_from_db()
    assert (program.pk, program.institution_id, program.name) == (
        program.pk,
        program.institution.pk,
        "Ridgeview Internal Medicine Residency",
    )


def test_patch_with_foreign_institution_id_does_not_move_the_program(
    api_as, coordinator, program, lakeshore
):
    api_as(coordinator).patch(f"/programs/{program.pk}", {"institution_id": lakeshore.pk})
    program.refresh_from_db()
    assert program.institution.slug == "ridgeview"


def test_patch_with_null_is_refused(api_as, coordinator, program):
    response = api_as(coordinator).patch(f"/programs/{program.pk}", {"name": None})
    assert response.status_code == 422
    assert "name" in response.json()["errors"]


def test_trainee_may_see_but_not_change_their_program(api_as, trainee, program):
    response = api_as(trainee).patch(f"/programs/{program.pk}", {"headcount": 1})
    assert response.status_code == 403
    assert response.json() == {"detail": "You don't run this program."}
    program.refresh_from_db()
    assert program.headcount == 60


def test_cohorts_of_a_program(api_as, trainee, program):
    from tests.factories import CohortFactory

    pgy1 = CohortFactory(program=program, name="PGY-1", class_year=2029)
    body = api_as(trainee).get(f"/programs/{program.pk}/cohorts").json()
    assert body["count"] == 1
    assert body["items"] == [
        {"id": pgy1.pk, "program_id": program.pk, "name": "PGY-1", "class_year": 2029}
    ]


@pytest.mark.parametrize(
    "params", [{"page": 0}, {"page": "two"}, {"page_size": 0}, {"page_size": 101}, {"page": 10**9}]
)
def test_bad_page_numbers_are_422(api_as, trainee, params):
    response = api_as(trainee).get("/programs", **params)
    assert response.status_code == 422
    assert set(response.json()["errors"]) <= {"page", "page_size"}


def test_pages_beyond_the_end_are_empty(api_as, trainee, program):
    body = api_as(trainee).get("/programs", page=99999).json()
    assert body == {"items": [], "count": 1}


def test_new_program_takes_the_institutions_time_zone_unless_given(api_as, office_admin, ridgeview):
    ridgeview.time_zone = "America/Chicago"
    ridgeview.save(update_fields=["time_zone"])
    client = api_as(office_admin)
    assert client.post("/programs", new_program(ridgeview)).json()["time_zone"] == (
        "America/Chicago"
    )
    given = client.post("/programs", new_program(ridgeview, name="Peds", time_zone="Asia/Tokyo"))
    assert given.json()["time_zone"] == "Asia/Tokyo"
