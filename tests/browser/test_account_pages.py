"""The password-reset and sign-in-security pages, in nearpeer's words and layout, pass axe and fit
a phone."""

import pytest

from tests.browser.support import PASSWORD, check_axe, sign_in_cookie, submit

pytestmark = pytest.mark.browser
live_db = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}


def fits_a_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


@live_db
def test_forgotten_password_journey_on_a_phone(page, trainee):
    page.set_viewport_size(PHONE)
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Reset your password"
    check_axe(page)
    fits_a_phone(page)
    page.get_by_label("Email").fill(trainee.email)
    submit(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Check your email"
    check_axe(page)


@live_db
def test_sign_in_security_pages_on_a_phone(page, live_server, trainee):
    page.set_viewport_size(PHONE)
    sign_in_cookie(page.context, trainee, live_server.url)
    page.goto("/accounts/2fa/")
    assert page.get_by_role("heading", level=1).inner_text() == "Sign-in security"
    check_axe(page)
    fits_a_phone(page)
    page.get_by_role("link", name="Set up an authenticator app").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Confirm it's you"
    check_axe(page)
    page.get_by_label("Password").fill(PASSWORD)
    submit(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Set up an authenticator app"
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    check_axe(page)
    fits_a_phone(page)
