"""Roster upload through the API: the same all-or-nothing import as the page."""

from django.test import override_settings

from nearpeer.accounts.models import User
from nearpeer.tenancy.models import Invitation, Membership

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
    assert (result["invited"], result["roles_added"], result["unchanged"]) == (2, 0, 0)
    assert body["status_url"] == f"/api/v1/roster-imports/{body['id']}"
    assert Invitation.objects.filter(program=program, email="cy@ridgeview.example").exists()
    assert not Membership.objects.filter(user__email="cy@ridgeview.example").exists()


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


# --- big files: applied in the background, followed through the import's status URL ---------

BIG = 250  # more than are imported during the request


def people(n: int) -> list[str]:
    return [f"Person {i},person.{i}@ridgeview.example,,,trainee" for i in range(n)]


def test_big_roster_is_accepted_with_202_and_its_status_url_reports_done(
    api_as, coordinator, program, django_capture_on_commit_callbacks
):
    client = api_as(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.upload(f"/programs/{program.pk}/roster", "big.csv", roster(*people(BIG)))
    assert response.status_code == 202, response.content
    accepted = response.json()
    assert (accepted["status"], accepted["rows"], accepted["result"]) == ("queued", BIG, None)
    # the background task ran when the request committed; the status URL says how it ended
    status = client.client.get(accepted["status_url"], headers=client.headers)
    assert status.status_code == 200
    body = status.json()
    assert (body["status"], body["rows_done"], body["errors"]) == ("done", BIG, [])
    assert (body["result"]["invited"], body["result"]["roles_added"]) == (BIG, 0)
    assert Invitation.objects.filter(program=program, role="trainee").count() == BIG


@override_settings(NEARPEER_ROSTER_MAX_ROWS=100)
def test_roster_past_the_row_limit_is_400_and_nothing_is_queued(api_as, coordinator, program):
    before = User.objects.count()
    response = api_as(coordinator).upload(
        f"/programs/{program.pk}/roster", "big.csv", roster(*people(101))
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "line": 0,
            "reason": "This file has 101 rows; one import takes at most 100. "
            "Split it into smaller files.",
        }
    ]
    assert User.objects.count() == before


def test_outsider_and_other_program_staff_cannot_read_an_import(
    api_as, coordinator, director, outsider, office_admin, program
):
    response = api_as(coordinator).upload(
        f"/programs/{program.pk}/roster", "r.csv", roster(*people(2))
    )
    path = f"/roster-imports/{response.json()['id']}"
    assert api_as(office_admin).get(path).status_code == 200
    for stranger in (outsider, director):
        answer = api_as(stranger).get(path)
        assert (answer.status_code, answer.json()) == (404, {"detail": "Not found."})
