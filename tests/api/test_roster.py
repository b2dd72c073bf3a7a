"""Roster upload through the API: the same all-or-nothing import as the page."""

from django.test import override_settings

from nearpeer.accounts.models import User
from nearpeer.tenancy.models import Membership

HEADER = "name,email,program,cohort,role"


def roster(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_coordinator_uploads_a_roster(api_as, coordinator, program):
    data = roster(
        "Ben New,ben.new@ridgeview.example,,Class of 2028,",
        "Cy Facilitator,cy@ridgeview.example,,Class of 2028,peer facilitator",
    )
    response = api_as(coordinator).upload(f"/programs/{program.pk}/roster", "roster.csv", data)
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["status"], body["rows"], body["rows_done"]) == ("done", 2, 2)
    result = body["result"]
    assert (result["people_added"], result["roles_added"], result["unchanged"]) == (2, 2, 0)
    assert body["status_url"] == f"/api/v1/roster-imports/{body['id']}"
    assert Membership.objects.filter(program=program, user__email="cy@ridgeview.example").exists()


def test_roster_with_bad_rows_is_400_listing_every_line_and_imports_nothing(
    api_as, coordinator, program
):
    data = roster(
        "Ben New,ben.new@ridgeview.example,,,",
        "No Email,,,,",
        "Bad Role,bad.role@ridgeview.example,,,wizard",
    )
    before = User.objects.count()
    response = api_as(coordinator).upload(f"/programs/{program.pk}/roster", "roster.csv", data)
    assert response.status_code == 400
    body = response.json()
    assert "Nothing was imported" in body["detail"]
    assert [e["line"] for e in body["errors"]] == [3, 4]
    assert all(e["reason"] for e in body["errors"])
    assert User.objects.count() == before


def test_trainee_cannot_upload_a_roster(api_as, trainee, program):
    response = api_as(trainee).upload(
        f"/programs/{program.pk}/roster", "roster.csv", roster("A B,ab@ridgeview.example,,,")
    )
    assert response.status_code == 403
    assert not User.objects.filter(email="ab@ridgeview.example").exists()


@override_settings(NEARPEER_ROSTER_MAX_BYTES=100)
def test_roster_too_large_is_refused_without_reading_it_all(api_as, coordinator, program):
    data = roster(*[f"P {i},p{i}@ridgeview.example,,," for i in range(50)])
    response = api_as(coordinator).upload(f"/programs/{program.pk}/roster", "roster.csv", data)
    assert response.status_code == 400
    assert "too large" in response.json()["errors"][0]["reason"]


def test_roster_upload_without_a_file_is_422(api_as, coordinator, program):
    client = api_as(coordinator)
    response = client.client.post(
        f"/api/v1/programs/{program.pk}/roster", {}, headers=client.headers
    )
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["file"]


def test_roster_that_is_not_text_is_400(api_as, coordinator, program):
    response = api_as(coordinator).upload(
        f"/programs/{program.pk}/roster", "roster.xlsx", b"PK\x03\x04\xff\xfe\x00binary"
    )
    assert response.status_code == 400
    assert response.json()["errors"]
