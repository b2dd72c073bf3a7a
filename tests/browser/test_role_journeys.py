"""Each role's main journey, as a newcomer finds it: sign in through the real pages (with the
authenticator step where the role needs it), land on home, and follow the links of that role's
main menu: on a phone (390×844) every one, reached through the "Menu" button; on a desktop the
first few. Every page answers, passes axe, and on a phone nothing pushes the page sideways.
(tests/accounts/test_nav.py checks every menu link of every role answers, without a browser.)"""

import datetime

import pytest
from django.utils import timezone

from nearpeer.meetings.access import FACILITATOR_ROLES
from nearpeer.supportline.access import PROFESSIONAL_ROLES
from nearpeer.supportline.models import MentorProfile, MentorTraining
from nearpeer.supportline.services import intake
from nearpeer.tenancy.models import INSTITUTION_WIDE_ROLES, SENSITIVE_ROLES, Role
from tests.browser.support import TOTP_SECRET, add_authenticator, check_axe, sign_in_ui
from tests.factories import MembershipFactory, UserFactory
from tests.meetings.support_attendance import meeting_at
from tests.supportline.conftest import make_line, make_mentor, make_professional, put_on_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _newcomer(role, program):
    """A person holding just this role, with an authenticator when the role needs one."""
    person = UserFactory(full_name=f"Rowan {role.label.title()}")
    wide = role in INSTITUTION_WIDE_ROLES
    MembershipFactory(
        user=person, role=role, program=None if wide else program, institution=program.institution
    )
    if role in SENSITIVE_ROLES:
        add_authenticator(person)
    return person


def _a_program_at_work(program, person, role):
    """A session in two days (led by the person if they lead sessions), and a support line on
    call now (with the person as its mentor or backup if that is their role) holding one
    high-risk request, so queues and boards have something on them."""
    leads = [person] if role in FACILITATOR_ROLES else []
    meeting_at(program, timezone.now() + datetime.timedelta(days=2), facilitators=leads)
    line = make_line(program.institution, [program])
    if role == Role.PEER_MENTOR:
        MentorTraining.objects.create(
            user=person, line=line, completed_on=datetime.date(2026, 1, 5)
        )
        MentorProfile.objects.create(user=person, stage="PGY-2")
        mentor = person
    else:
        mentor = make_mentor(line, program, email="mia.mentor@ridgeview.example")
    backup = person if role in PROFESSIONAL_ROLES else make_professional(program.institution)
    put_on_call(line, mentor, backup)
    intake.request_create(
        line=line,
        topics=["academic_stress"],
        self_harm_answer=True,
        danger_answer=False,
        message="I don't know how much longer I can keep going like this.",
    )


def _menu_links(page) -> list[tuple[str, str]]:
    """The main menu's links (label, path), without the account menu."""
    links = page.locator("nav[aria-label=Main] .nav-list > li > a")
    return [(link.inner_text().strip(), link.get_attribute("href")) for link in links.all()]


def _open(page, label: str, path: str, *, phone: bool) -> None:
    """Follow a main-menu link as a person would: on a phone, through the Menu button."""
    if phone:
        button = page.locator("details.nav-menu > summary")
        assert button.is_visible() and button.inner_text().strip().endswith("Menu")
        assert not page.locator(f'nav[aria-label=Main] a[href="{path}"]').is_visible()
        button.click()
    link = page.locator("nav[aria-label=Main]").get_by_role("link", name=label, exact=True)
    assert link.get_attribute("href") == path
    with page.expect_navigation() as navigation:
        link.click()
    assert navigation.value.status == 200, f"{label} ({path}) answered {navigation.value.status}"
    assert page.url.endswith(path), f"{label} led to {page.url}, not {path}"


def _check(page, *, phone: bool) -> None:
    check_axe(page)
    if phone:
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{page.url} scrolls sideways on a phone ({width}px)"


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_walks_its_menu_from_sign_in_on_desktop_and_phone(page, program, role):
    # given a newcomer holding this role, in a program a support line serves
    person = _newcomer(role, program)
    _a_program_at_work(program, person, role)

    # when they sign in through the real pages
    page.set_viewport_size(DESKTOP)
    sign_in_ui(page, person.email, totp_secret=TOTP_SECRET if role in SENSITIVE_ROLES else None)

    # then they land home, and every page of their menu opens and passes axe, at both sizes
    assert page.url.endswith("/home/"), f"{role}: signed in to {page.url}"
    links = _menu_links(page)
    assert links[0] == ("Home", "/home/") and len(links) > 1, links
    # (on a desktop the first few; on a phone, where pages break, every one)
    for size, phone, pages in ((DESKTOP, False, links[1:3]), (PHONE, True, links[1:])):
        page.set_viewport_size(size)
        page.goto("/home/")
        _check(page, phone=phone)
        for label, path in pages:
            _open(page, label, path, phone=phone)
            _check(page, phone=phone)
