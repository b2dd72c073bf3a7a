"""What browser tests do on a page: check it with axe, sign in through the UI or with a cookie."""

import functools
import time

from django.conf import settings
from django.test import Client

from tests.support import mark_session_mfa_passed

PASSWORD = "correct horse battery"  # tests/factories.UserFactory's password
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
FAIL_IMPACTS = frozenset({"serious", "critical"})


def _describe(violation: dict) -> str:
    nodes = "\n".join(
        f"      at {', '.join(map(str, node.get('target', [])))}: "
        f"{(node.get('failureSummary') or '').strip().replace(chr(10), ' ')}"
        for node in violation.get("nodes", [])[:5]
    )
    return (
        f"  [{violation.get('impact')}] {violation.get('id')}: {violation.get('help')}\n"
        f"    {violation.get('helpUrl')}\n{nodes}"
    )


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads axe-core's 570 kB script once


def check_axe(page) -> None:
    """Fail when axe finds a serious or critical accessibility problem on the current page."""
    # Colour-contrast findings only mean something when our stylesheet has loaded.
    rules = page.evaluate(
        "[...document.styleSheets].filter(s => (s.href || '').endsWith('/nearpeer/site.css'))"
        ".map(s => s.cssRules.length)"
    )
    assert rules and rules[0] > 0, f"site.css did not load on {page.url}"
    results = _axe().run(page)
    bad = [v for v in results.response["violations"] if v.get("impact") in FAIL_IMPACTS]
    assert not bad, f"axe found accessibility problems on {page.url}:\n" + "\n".join(
        _describe(v) for v in bad
    )


def totp_code(secret: str = TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def add_authenticator(user, secret: str = TOTP_SECRET) -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)


def submit(page) -> None:
    """Press the first submit button of the page's main form and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()


def sign_in_ui(page, email: str, password: str = PASSWORD, totp_secret: str | None = None):
    """Sign in through the real pages, checking each with axe; with a secret, pass the MFA step."""
    page.goto("/accounts/login/")
    check_axe(page)
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    submit(page)
    if totp_secret is not None:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        check_axe(page)
        page.locator("input[name=code]").fill(totp_code(totp_secret))
        submit(page)
    return page


def sign_in_cookie(context, user, base_url: str) -> None:
    """Give the browser a session for `user`, as if they had signed in and passed MFA."""
    client = Client()
    client.force_login(user)
    session = client.session
    mark_session_mfa_passed(session, user)
    session.save()
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])


def answer_talk_form(page, *, self_harm: str, message: str) -> None:
    """Answer the "Talk to a peer" questions (the danger one "No"), write a message and send it."""
    page.locator("fieldset", has_text="thoughts of harming yourself").get_by_label(
        self_harm, exact=True
    ).check()
    page.locator("fieldset", has_text="in danger from someone").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Anything you'd like to say first (optional)").fill(message)
    with page.expect_navigation():
        page.get_by_role("button", name="Reach out now").click()
