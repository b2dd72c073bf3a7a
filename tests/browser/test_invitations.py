"""A coordinator invites someone new; they open the link on a phone, choose a password, sign in
and find themselves in the program. An ended role stops working on the next click."""

import re

import pytest
from django.core import mail

from nearpeer.tenancy import invitations, services
from nearpeer.tenancy.models import Membership, Role
from tests.browser.support import check_axe, sign_in_cookie, sign_in_ui

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_someone_new_is_invited_and_accepts_on_a_phone(
    page, browser, live_server, coordinator, program
):
    # given a coordinator adds someone they can't see yet
    sign_in_cookie(page.context, coordinator, live_server.url)
    page.goto(f"/programs/{program.pk}/members/add/")
    check_axe(page)
    page.get_by_label("Email address").fill("nia.new.with.a.long.address@example.edu")
    page.get_by_label("Name").fill("Nia New")
    page.get_by_label("Role").select_option("peer_facilitator")
    with page.expect_navigation():
        page.get_by_role("button", name="Add").click()
    # then they are told an invitation went out, and it waits on the program page
    assert page.get_by_text(
        "We emailed an invitation to nia.new.with.a.long.address@example.edu"
    ).is_visible()
    assert page.get_by_role(
        "cell", name="nia.new.with.a.long.address@example.edu", exact=True
    ).is_visible()
    check_axe(page)
    body = mail.outbox[-1].body
    link = re.search(r"https?://\S+/invitations/accept/\S+/", body).group(0)
    path = "/" + link.split("/", 3)[3]

    # when Nia opens the link on her phone, signed out
    phone = browser.new_context(base_url=live_server.url, viewport=PHONE)
    nia = phone.new_page()
    nia.goto(path)
    assert nia.get_by_role("heading", name=f"You're invited to {program.name}").is_visible()
    assert nia.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    check_axe(nia)
    nia.get_by_label("Your name").fill("Nia New")
    nia.get_by_label("Choose a password").fill("a-long-safe-phrase-42")
    nia.get_by_label("Type the password again").fill("a-long-safe-phrase-42")
    with nia.expect_navigation():
        nia.get_by_role("button", name="Accept and create my account").click()
    # then she signs in and her role has started
    assert "/accounts/login/" in nia.url
    check_axe(nia)
    sign_in_ui(nia, "nia.new.with.a.long.address@example.edu", "a-long-safe-phrase-42")
    assert (
        Membership.objects.active()
        .filter(
            user__email="nia.new.with.a.long.address@example.edu",
            program=program,
            role=Role.PEER_FACILITATOR,
        )
        .exists()
    )
    check_axe(nia)
    phone.close()


def test_a_coordinator_whose_role_ends_is_turned_away_on_the_next_click(
    page, live_server, coordinator, office_admin, program
):
    sign_in_cookie(page.context, coordinator, live_server.url)
    page.goto(f"/programs/{program.pk}/")
    assert page.get_by_role("heading", name=program.name).is_visible()
    role = Membership.objects.get(user=coordinator, role=Role.COORDINATOR)
    services.membership_end(by=office_admin, membership=role)
    response = page.goto(f"/programs/{program.pk}/")
    assert response.status == 404
    check_axe(page)


def test_an_invitation_link_that_was_withdrawn_says_so_kindly(page, coordinator, program):
    invitation = invitations.person_add(
        by=coordinator,
        email="nia.new@example.edu",
        role=Role.TRAINEE,
        institution=program.institution,
        program=program,
    )
    invitations.invitation_revoke(by=coordinator, invitation=invitation)
    path = "/" + invitations.invitation_link(invitation).split("/", 3)[3]
    page.goto(path)
    assert page.get_by_text("This invitation was withdrawn").is_visible()
    check_axe(page)
