"""Who may call the API: a personal token or a signed-in browser session, nothing else."""

import datetime

import pytest
from django.test import Client

from nearpeer.accounts.services import api_token_create, api_token_revoke
from tests.api.conftest import API, ApiClient
from tests.factories import MembershipFactory, ProgramFactory


def test_token_lets_a_script_read_its_owner(api_as, coordinator, program):
    response = api_as(coordinator).get("/me")
    assert response.status_code == 200
    body = response.json()
    assert body["email"] == coordinator.email
    assert body["full_name"] == "Cole Coordinator"
    assert [(m["role"], m["program_id"], m["program_name"]) for m in body["memberships"]] == [
        ("coordinator", program.pk, program.name)
    ]


def test_me_lists_only_roles_in_force(api_as, trainee, program):
    ended = ProgramFactory(institution=program.institution)
    MembershipFactory(
        user=trainee,
        program=ended,
        starts_on=datetime.date(2020, 7, 1),
        ends_on=datetime.date(2021, 6, 30),
    )
    body = api_as(trainee).get("/me").json()
    assert [m["program_id"] for m in body["memberships"]] == [program.pk]


def test_revoked_token_is_refused(coordinator):
    token, raw = api_token_create(user=coordinator, name="old script")
    api_token_revoke(user=coordinator, token_id=token.pk)
    response = ApiClient(raw).get("/me")
    assert response.status_code == 401
    assert "not valid" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    ["Bearer garbage", "Bearer np_garbage", "Bearer ", "Token np_abc", "Basic dXNlcjpwYXNz"],
)
def test_garbage_credentials_are_refused_with_a_clear_message(db, header):
    response = Client().get(f"{API}/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_no_credentials_at_all_is_401_explaining_how_to_authenticate(db):
    response = Client().get(f"{API}/programs")
    assert response.status_code == 401
    assert "Authorization: Bearer" in response.json()["detail"]


def test_unauthenticated_write_is_401_not_a_csrf_error(db, program):
    response = Client().post(f"{API}/programs", {}, content_type="application/json")
    assert response.status_code == 401


def test_token_of_a_deactivated_person_stops_working(coordinator):
    _, raw = api_token_create(user=coordinator, name="script")
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    assert ApiClient(raw).get("/me").status_code == 401


def test_bad_token_does_not_fall_back_to_the_browser_session(sign_in, coordinator):
    client = sign_in(coordinator)
    response = client.get(f"{API}/me", headers={"Authorization": "Bearer np_wrong"})
    assert response.status_code == 401


def test_signed_in_browser_session_reads_the_api(sign_in, trainee):
    response = sign_in(trainee).get(f"{API}/me")
    assert response.status_code == 200
    assert response.json()["email"] == trainee.email


def test_session_write_without_csrf_token_is_refused(office_admin, ridgeview, sign_in):
    client = sign_in(office_admin, Client(enforce_csrf_checks=True))
    body = {"institution_id": ridgeview.pk, "name": "Surgery Residency", "kind": "residency"}
    response = client.post(f"{API}/programs", body, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not ridgeview.programs.filter(name="Surgery Residency").exists()


def test_session_write_with_csrf_token_works(office_admin, ridgeview, sign_in):
    client = sign_in(office_admin, Client(enforce_csrf_checks=True))
    client.get("/programs/")  # a page sets the csrftoken cookie, as in a browser
    token = client.cookies["csrftoken"].value
    body = {"institution_id": ridgeview.pk, "name": "Surgery Residency", "kind": "residency"}
    response = client.post(
        f"{API}/programs", body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 201, response.content
    assert ridgeview.programs.filter(name="Surgery Residency").exists()


def test_token_write_needs_no_csrf_token(api_as, office_admin, ridgeview):
    body = {"institution_id": ridgeview.pk, "name": "Surgery Residency", "kind": "residency"}
    assert api_as(office_admin).post("/programs", body).status_code == 201


def test_session_that_has_not_passed_mfa_gets_403_json(client, coordinator):
    # given a coordinator (a role that needs a second step) signed in with a password only
    client.force_login(coordinator)
    # when
    response = client.get(f"{API}/memberships")
    # then
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")
    assert "second sign-in step" in response.json()["detail"]
