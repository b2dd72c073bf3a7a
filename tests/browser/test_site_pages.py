"""The public pages and the staff pages pass axe, can be used from the keyboard, fit a phone
screen; and the axe check itself catches a real problem."""

from pathlib import Path

import pytest

import nearpeer
from nearpeer.tenancy.models import Role
from tests.browser.support import check_axe, sign_in_cookie
from tests.factories import BlackoutFactory, CalendarFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
live_db = pytest.mark.django_db(transaction=True)  # the live server reads what the test wrote

PUBLIC_PAGES = ["/", "/about/", "/faq/", "/for-trainees/", "/for-institutions/", "/accounts/login/"]


@live_db
def test_public_pages_pass_axe(page):
    for path in PUBLIC_PAGES:
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        assert page.get_by_role("heading", level=1).count() == 1, f"{path}: not one h1"
        check_axe(page)


@live_db
def test_staff_pages_pass_axe(page, live_server, office_admin, coordinator, program):
    # given a calendar with a finals week, seen by the office and the coordinator
    calendar = CalendarFactory(institution=program.institution, program=program)
    BlackoutFactory(calendar=calendar)
    sign_in_cookie(page.context, office_admin, live_server.url)

    for path in [
        "/home/",
        "/programs/",
        f"/programs/{program.pk}/",
        "/calendars/",
        f"/calendars/{calendar.pk}/",
        "/me/tokens/",
        "/audit/",
    ]:
        response = page.goto(path)
        assert response.ok, f"{path} answered {response.status}"
        assert page.url.endswith(path), f"{path} went to {page.url}"
        check_axe(page)


@live_db
def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server, trainee):
    sign_in_cookie(page.context, trainee, live_server.url)
    page.goto("/home/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    assert page.get_by_role("link", name="Skip to main content").is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def _scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@live_db
def test_home_and_roster_pages_fit_a_phone_screen(page, live_server, coordinator, program):
    # given a program with people on it, on a phone-sized screen
    for n in range(3):
        MembershipFactory(
            program=program,
            role=Role.TRAINEE,
            user=UserFactory(email=f"a.rather.long.address.{n}@ridgeview-medicine.example"),
        )
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_cookie(page.context, coordinator, live_server.url)

    for path in ["/home/", f"/programs/{program.pk}/", f"/programs/{program.pk}/roster/import/"]:
        page.goto(path)
        assert not _scrolls_sideways(page), f"{path} scrolls sideways on a phone"
        check_axe(page)


def test_axe_check_fails_when_a_page_has_a_serious_problem(browser):
    # given a page with our stylesheet and a form field nobody labelled (served without the
    # live server, so this check needs no database)
    css = (Path(nearpeer.__file__).parent / "static/nearpeer/site.css").read_text()
    html = (
        '<!doctype html><html lang="en"><head><title>Broken</title>'
        '<link rel="stylesheet" href="/static/nearpeer/site.css"></head>'
        "<body><main><h1>Broken</h1><input type=text></main></body></html>"
    )
    page = browser.new_page()
    try:
        page.route(
            "http://nearpeer.test/**",
            lambda route: route.fulfill(
                body=css if route.request.url.endswith(".css") else html,
                content_type="text/css" if route.request.url.endswith(".css") else "text/html",
            ),
        )
        page.goto("http://nearpeer.test/broken/")

        # then the check fails, naming the rule
        with pytest.raises(AssertionError, match="label"):
            check_axe(page)
    finally:
        page.close()
