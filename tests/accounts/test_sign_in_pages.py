"""The sign-in library's pages and emails speak nearpeer's plain words, not its defaults; refused
and expired requests get a kind page in the site's layout; every page has an icon."""

import re

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views.defaults import permission_denied

from tests.accounts.test_mfa import PASSWORD, SECRET, password_sign_in


def h1(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    assert match, "the page has no h1"
    return match.group(1).strip()


def test_password_reset_page_asks_plainly(client, db):
    response = client.get("/accounts/password/reset/")
    assert h1(response) == "Reset your password"
    assert "Reset My Password" not in response.content.decode()


def test_password_reset_email_greets_without_the_server_address(
    client, trainee, mailoutbox, settings
):
    settings.SITE_URL = "http://127.0.0.1:8123"
    response = client.post("/accounts/password/reset/", {"email": trainee.email}, follow=True)
    assert h1(response) == "Check your email"
    mail = mailoutbox[0]
    assert mail.subject == "nearpeer: Reset your password"
    assert mail.body.startswith("Hello,\n\nSomeone (we hope you) asked to reset the password")
    assert "testserver" not in mail.body
    assert "\nhttp://127.0.0.1:8123/accounts/password/reset/key/" in mail.body


def test_reset_link_that_no_longer_works_says_so(client, db):
    response = client.get("/accounts/password/reset/key/1-not-a-real-key/", follow=True)
    assert h1(response) == "This link no longer works"


def test_second_step_asks_for_the_authenticator_code(client, coordinator):
    TOTP.activate(coordinator, SECRET)
    response = password_sign_in(client, coordinator)
    page = client.get(response["Location"])
    assert h1(page) == "Enter your authenticator code"
    assert "Two-Factor Authentication" not in page.content.decode()


def test_sign_in_security_page_is_named_as_in_the_menu(sign_in, trainee):
    client = sign_in(trainee)
    response = client.get("/accounts/2fa/")
    assert h1(response) == "Sign-in security"
    assert "Set up an authenticator app" in response.content.decode()


def test_setting_up_an_authenticator_page_is_plain(client, trainee):
    password_sign_in(client, trainee)
    ask = client.get("/accounts/2fa/totp/activate/")
    confirm = client.get(ask["Location"])
    assert h1(confirm) == "Confirm it's you"
    client.post(ask["Location"], {"password": PASSWORD})
    assert h1(client.get("/accounts/2fa/totp/activate/")) == "Set up an authenticator app"


def test_refused_action_shows_the_reason_in_the_site_layout(trainee):
    request = RequestFactory().get("/programs/1/edit/")
    request.user = trainee
    response = permission_denied(request, PermissionDenied("You don't run this program."))
    page = response.content.decode()
    assert response.status_code == 403
    assert h1(response) == "You can't do that here"
    assert "You don&#x27;t run this program." in page
    assert 'class="site-header"' in page


def test_expired_form_gets_a_kind_page_and_changes_nothing(trainee):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": trainee.email, "password": PASSWORD})
    assert response.status_code == 403
    assert h1(response) == "Please try that again"
    assert "CSRF verification failed" not in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_every_page_links_its_icon(client):
    from django.contrib.staticfiles import finders

    page = client.get("/").content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)"', page).group(1)
    assert finders.find(href.removeprefix("/static/"))


def test_changing_a_password_is_one_click_from_sign_in_security(sign_in, trainee):
    client = sign_in(trainee)
    assert 'href="/accounts/password/change/"' in client.get("/accounts/2fa/").content.decode()
    assert h1(client.get("/accounts/password/change/")) == "Change your password"
