"""A person whose role sees sensitive information reaches nothing on a password alone."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct horse battery"


def current_code(secret: str = SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def password_sign_in(client, user):
    return client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})


@pytest.fixture
def coordinator_with_totp(coordinator):
    TOTP.activate(coordinator, SECRET)
    return coordinator


def test_coordinator_without_authenticator_is_sent_to_set_one_up(client, coordinator):
    # given a coordinator who has not set up a second step
    password_sign_in(client, coordinator)
    # when they open a protected page
    response = client.get("/programs/")
    # then they are sent to set up an authenticator instead
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_coordinator_without_authenticator_gets_no_api_data(client, coordinator, program):
    password_sign_in(client, coordinator)
    response = client.get("/api/v1/programs")
    assert response.status_code == 403
    assert "second sign-in step" in response.json()["detail"]


def test_password_alone_does_not_sign_in_a_person_with_an_authenticator(
    client, coordinator_with_totp
):
    response = password_sign_in(client, coordinator_with_totp)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    # the session is not yet signed in: home sends them back to sign in
    home = client.get("/home/")
    assert home.status_code == 302
    assert home["Location"].startswith("/accounts/login/")


def test_authenticator_code_completes_sign_in(client, coordinator_with_totp, program):
    password_sign_in(client, coordinator_with_totp)
    response = client.post("/accounts/2fa/authenticate/", {"code": current_code()})
    assert response.status_code == 302
    home = client.get("/home/")
    assert home.status_code == 200
    assert program.name in home.content.decode()


def test_wrong_authenticator_code_is_refused(client, coordinator_with_totp):
    password_sign_in(client, coordinator_with_totp)
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/home/").status_code == 302


def test_session_without_second_step_is_ended(client, coordinator_with_totp):
    # given a session that was signed in some other way (such as a password reset) without MFA
    client.force_login(coordinator_with_totp)
    # when it opens a page
    response = client.get("/home/")
    # then it is signed out and asked to sign in again
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_password_reset_does_not_sign_in(client, coordinator_with_totp, mailoutbox):
    client.post("/accounts/password/reset/", {"email": coordinator_with_totp.email})
    assert len(mailoutbox) == 1
    link = next(
        line for line in mailoutbox[0].body.splitlines() if "/accounts/password/reset/key/" in line
    )
    path = link[link.index("/accounts/") :].strip()
    form_page = client.get(path, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "a-brand-new-passphrase", "password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get("/home/").status_code == 302


def test_trainee_signs_in_with_password_alone(client, trainee):
    password_sign_in(client, trainee)
    assert client.get("/home/").status_code == 200


def test_setting_up_an_authenticator_lets_the_session_continue(
    client, coordinator, django_capture_on_commit_callbacks
):
    password_sign_in(client, coordinator)
    # allauth asks for the password once more before a second step is added
    ask = client.get("/accounts/2fa/totp/activate/")
    assert ask["Location"].startswith("/accounts/reauthenticate/")
    client.post(ask["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/accounts/2fa/totp/activate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert client.get("/programs/").status_code == 200


def test_person_whose_role_needs_mfa_cannot_switch_it_off(sign_in, coordinator_with_totp):
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.get(user=coordinator_with_totp)
    assert get_adapter().can_delete_authenticator(authenticator) is False


def test_platform_operator_needs_a_second_step_for_the_admin(client, db):
    from tests.factories import UserFactory

    operator = UserFactory(email="ops@nearpeer.example", is_staff=True, is_superuser=True)
    password_sign_in(client, operator)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


def test_signed_in_page_view_does_not_rewrite_the_session(sign_in, coordinator):
    client = sign_in(coordinator)
    client.get("/home/")
    before = client.session.session_key and dict(client.session)
    client.get("/home/")
    assert dict(client.session) == before
