"""Personal API tokens hold to the same second-step rule as the browser, expire, and may be
read-only (issue #7)."""

import datetime
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client
from django.utils import timezone

from nearpeer.accounts.models import ApiToken
from nearpeer.accounts.services import MADE_BEFORE_MFA, READ_ONLY, api_token_create
from nearpeer.supportline.models import SupportLine
from nearpeer.tenancy.models import Role
from tests.api.conftest import ApiClient
from tests.factories import MembershipFactory
from tests.support import TOTP_SECRET, api_token_for

PASSWORD = "correct horse battery"


def current_code(secret: str = TOTP_SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in_with_authenticator(user) -> Client:
    """A fresh browser that signs in with password and authenticator code, as a person does."""
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert response.status_code == 302, response.content
    assert client.get("/home/").status_code == 200
    return client


def create_token_on_page(client, **fields) -> str:
    fields = {"name": "my script", "scope": "read", "lifetime_days": "90", **fields}
    response = client.post("/me/tokens/", fields, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain, response.context["form"].errors
    assert response.context["new_token"]
    return response.context["new_token"]


@pytest.fixture
def support_line(ridgeview, program):
    line = SupportLine.objects.create(institution=ridgeview, name="Ridgeview Peer Line")
    line.programs.set([program])
    return line


def test_token_made_as_trainee_stops_when_they_become_wellness_advisor_until_reconfirmed(
    sign_in, trainee, ridgeview, support_line
):
    # given a token Tara made on the token page while a trainee, whose role needs no second step
    raw = create_token_on_page(sign_in(trainee))
    api = ApiClient(raw)
    assert api.get("/me").status_code == 200
    # when she is made a wellness advisor (a role that sees support-line content)
    MembershipFactory(user=trainee, program=None, institution=ridgeview, role=Role.WELLNESS_ADVISOR)
    # then the old token no longer reads the support board or support-request messages
    board = api.get("/support/board")
    assert board.status_code == 403
    assert board.json()["detail"] == MADE_BEFORE_MFA
    assert api.get("/support/requests/1/messages").status_code == 403
    assert api.get("/me").status_code == 403
    # when she sets up an authenticator, signs in with it and re-confirms the token
    TOTP.activate(trainee, TOTP_SECRET)
    browser = sign_in_with_authenticator(trainee)
    token = ApiToken.objects.get(user=trainee)
    response = browser.post(f"/me/tokens/{token.pk}/confirm/")
    assert response.status_code == 302
    # then the token works again, with what a wellness advisor may see
    assert api.get("/support/board").status_code == 200
    token.refresh_from_db()
    assert token.mfa_confirmed_at is not None


def test_token_made_in_a_session_that_passed_the_second_step_works_for_a_sensitive_role(
    coordinator_with_totp, program
):
    browser = sign_in_with_authenticator(coordinator_with_totp)
    raw = create_token_on_page(browser)
    assert ApiClient(raw).get("/programs").status_code == 200


@pytest.fixture
def coordinator_with_totp(coordinator):
    TOTP.activate(coordinator, TOTP_SECRET)
    return coordinator


def test_reconfirming_needs_a_session_signed_in_with_the_authenticator(client, trainee):
    # given a trainee with an authenticator, signed in some way that skipped the code
    TOTP.activate(trainee, TOTP_SECRET)
    token, _ = api_token_create(user=trainee, name="script")
    client.force_login(trainee)
    # when they try to re-confirm the token
    response = client.post(f"/me/tokens/{token.pk}/confirm/", follow=True)
    # then nothing changes and they are told how to do it
    assert "sign in again with your authenticator" in response.content.decode()
    token.refresh_from_db()
    assert token.mfa_confirmed_at is None


def test_token_stops_when_the_authenticator_is_replaced(coordinator, program):
    # given a coordinator's confirmed token
    api = ApiClient(api_token_for(coordinator))
    assert api.get("/programs").status_code == 200
    # when they replace their authenticator
    Authenticator.objects.filter(user=coordinator).delete()
    TOTP.activate(coordinator, "ORSXG5DJNZTXIZLTORUW4ZZAON2XAZLS")
    # then the token must be re-confirmed with the new one
    response = api.get("/programs")
    assert response.status_code == 403
    assert "re-confirm" in response.json()["detail"]


def test_token_of_a_sensitive_role_without_an_authenticator_is_refused(coordinator, program):
    token, raw = api_token_create(user=coordinator, name="script", second_step_passed=True)
    assert token.mfa_confirmed_at is None  # no authenticator, so nothing to vouch for it
    assert ApiClient(raw).get("/programs").status_code == 403


def test_read_only_token_may_read_but_not_write(office_admin, ridgeview):
    api = ApiClient(api_token_for(office_admin, scope="read"))
    assert api.get("/programs").status_code == 200
    body = {"institution_id": ridgeview.pk, "name": "Surgery Residency", "kind": "residency"}
    response = api.post("/programs", body)
    assert response.status_code == 403
    assert response.json()["detail"] == READ_ONLY
    assert not ridgeview.programs.filter(name="Surgery Residency").exists()


def test_read_write_token_may_write(office_admin, ridgeview):
    api = ApiClient(api_token_for(office_admin, scope="read_write"))
    body = {"institution_id": ridgeview.pk, "name": "Surgery Residency", "kind": "residency"}
    assert api.post("/programs", body).status_code == 201


def test_expired_token_is_refused_with_the_date(trainee):
    raw = api_token_for(trainee, lifetime_days=7)
    ApiToken.objects.filter(user=trainee).update(
        created_at=datetime.datetime(2026, 2, 22, 12, 0, tzinfo=datetime.UTC),
        expires_at=datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC),
    )
    response = ApiClient(raw).get("/me")
    assert response.status_code == 401
    assert response.json()["detail"] == (
        "This token expired on 1 March 2026. Create a new one at /me/tokens/."
    )


def test_token_lasts_the_chosen_number_of_days(sign_in, trainee):
    create_token_on_page(sign_in(trainee), lifetime_days="7", scope="read_write")
    token = ApiToken.objects.get(user=trainee)
    assert token.scope == ApiToken.Scope.READ_WRITE
    assert token.expires_at - token.created_at == datetime.timedelta(days=7)


def test_new_token_is_read_only_and_lasts_90_days_by_default(trainee):
    token, _ = api_token_create(user=trainee, name="script")
    assert token.scope == ApiToken.Scope.READ
    assert token.expires_at - token.created_at == datetime.timedelta(days=90)


def test_a_token_cannot_create_tokens(trainee):
    raw = api_token_for(trainee)
    response = Client().post(
        "/me/tokens/",
        {"name": "made by a script", "scope": "read_write", "lifetime_days": "365"},
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert ApiToken.objects.filter(user=trainee).count() == 1


def test_token_page_explains_tokens_and_shows_times_in_the_program_time_zone(
    sign_in, trainee, program
):
    # given a token that expires at 15:00 UTC, for a trainee of a program in New York
    assert program.time_zone == "America/New_York"
    token, _ = api_token_create(user=trainee, name="report script")
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now().replace(year=2027, month=3, day=1, hour=15, minute=0)
    )
    # when the trainee opens the token page
    page = sign_in(trainee).get("/me/tokens/").content.decode()
    # then it says what a token can do, and lists its scope and expiry in New York time
    assert "It acts as you." in page
    assert "Read only" in page
    assert "1 Mar 2027, 10:00" in page
    assert "America/New_York" in page
