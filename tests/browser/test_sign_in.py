"""Signing in through the real pages, with and without the second step a coordinator needs."""

import re

import pytest

from tests.browser.support import (
    PASSWORD,
    TOTP_SECRET,
    add_authenticator,
    check_axe,
    sign_in_ui,
    submit,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_signs_in_with_password_and_authenticator_code(page, coordinator, program):
    # given a coordinator with an authenticator app
    add_authenticator(coordinator, TOTP_SECRET)

    # when they sign in with their password, then the code
    sign_in_ui(page, coordinator.email, totp_secret=TOTP_SECRET)

    # then they land on their home page, which shows the program they run
    assert page.url.endswith("/home/")
    assert page.get_by_role("heading", level=1).inner_text() == "Welcome, Cole Coordinator"
    assert page.get_by_role("link", name=program.name).is_visible()
    check_axe(page)


def test_coordinator_without_authenticator_is_held_at_set_up_until_they_add_one(page, coordinator):
    # when a coordinator with no authenticator signs in with a password alone
    sign_in_ui(page, coordinator.email)

    # then they are asked to set one up (allauth first asks for the password again, as it does
    # before any change to sign-in security)
    if "/accounts/reauthenticate/" in page.url:
        check_axe(page)
        page.locator("input[name=password]").fill(PASSWORD)
        submit(page)
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    assert page.locator("input[name=code]").is_visible()
    check_axe(page)

    # and program pages stay out of reach
    page.goto("/programs/")
    assert page.url.endswith("/accounts/2fa/totp/activate/")
    assert page.get_by_text(re.compile("needs a second sign-in step")).first.is_visible()
