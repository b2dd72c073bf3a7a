"""The navigation shows each role the pages it uses, and sends it to its own starting point on the
support line."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from nearpeer.accounts import context
from nearpeer.meetings import access as meetings_access
from nearpeer.supportline.models import SupportLine
from nearpeer.tenancy.models import INSTITUTION_WIDE_ROLES, Role
from tests.factories import MembershipFactory, UserFactory


def test_coordinator_is_pointed_at_the_rota(sign_in, coordinator):
    page = sign_in(coordinator).get("/home/").content.decode()
    assert 'href="/support/rota/lines/">Support line' in page


def test_peer_mentor_is_pointed_at_their_queue(sign_in, program):
    mentor = UserFactory()
    MembershipFactory(user=mentor, program=program, role=Role.PEER_MENTOR)
    page = sign_in(mentor).get("/home/").content.decode()
    assert 'href="/support/queue/">Support line' in page


def test_wellness_advisor_is_pointed_at_the_backup_board(sign_in, ridgeview):
    advisor = UserFactory()
    MembershipFactory(user=advisor, program=None, institution=ridgeview, role=Role.WELLNESS_ADVISOR)
    page = sign_in(advisor).get("/home/").content.decode()
    assert 'href="/support/board/">Support line' in page


def test_trainee_sees_no_support_line_staff_link(sign_in, trainee):
    page = sign_in(trainee).get("/home/").content.decode()
    assert ">Support line<" not in page
    assert "Talk to a peer" in page


# --- Each role's menus -------------------------------------------------------------------------

MAIN_MENU_OF = {
    Role.TRAINEE: ["Home", "Sessions", "Check in", "Talk to a peer", "Curriculum"],
    Role.PEER_FACILITATOR: [
        "Home",
        "Sessions you lead",
        "Talk to a peer",
        "Availability",
        "Attendance",
        "Curriculum",
    ],
    Role.PEER_MENTOR: [
        "Home",
        "Sessions",
        "Talk to a peer",
        "Your shifts",
        "Curriculum",
        "Support line",
    ],
    Role.GROUP_FACILITATOR: ["Home", "Sessions", "Talk to a peer", "Curriculum"],
    Role.WELLNESS_ADVISOR: [
        "Home",
        "Sessions you lead",
        "Availability",
        "Attendance",
        "Curriculum",
        "Support line",
    ],
    Role.FACULTY_ADVISOR: ["Home", "Curriculum", "Support line"],
    Role.OFFICE_ADMIN: [
        "Home",
        "Programs",
        "Calendars",
        "Curriculum",
        "Support line",
        "Access log",
    ],
}
for _staff in (Role.CHAMPION, Role.PROGRAM_DIRECTOR, Role.COORDINATOR):
    MAIN_MENU_OF[_staff] = [
        "Home",
        "Programs",
        "Attendance",
        "Calendars",
        "Curriculum",
        "Support line",
    ]
ACCOUNT_MENU = ["Time zone", "Calendar links", "Password", "Sign-in security", "API tokens"]


def _holder(role, program):
    person = UserFactory()
    wide = role in INSTITUTION_WIDE_ROLES
    MembershipFactory(
        user=person, role=role, program=None if wide else program, institution=program.institution
    )
    return person


def _line_serving(program):
    line = SupportLine.objects.create(institution=program.institution, name="Peer support line")
    line.programs.set([program])
    return line


def _menus(client, path="/home/"):
    nav = client.get(path).context["nav"]
    return nav["main"], nav["account"]


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_each_role_sees_only_the_pages_its_roles_use(sign_in, program, role):
    # given a person holding just this role
    person = _holder(role, program)

    # when they open any page
    main, account = _menus(sign_in(person))

    # then the main menu lists their role's pages, and the account menu their own settings
    assert [link["label"] for link in main] == MAIN_MENU_OF[role]
    assert [link["label"] for link in account] == ACCOUNT_MENU


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_every_link_in_each_roles_menus_opens_for_that_role(sign_in, program, role):
    # given a person holding just this role, in a program a support line serves
    _line_serving(program)
    client = sign_in(_holder(role, program))

    # when they follow every link of their menus
    main, account = _menus(client)
    answers = {link["url"]: client.get(link["url"]).status_code for link in main + account}

    # then each page opens (no 403 or 404 behind a link we offered)
    assert answers == dict.fromkeys(answers, 200)


def test_staff_reach_the_support_line_page_before_a_line_serves_their_program(sign_in, coordinator):
    page = sign_in(coordinator).get("/support/rota/lines/")

    assert page.status_code == 200
    assert "Your well-being office opens them" in page.content.decode()


def test_trainee_finds_tokens_and_sign_in_security_under_their_name_only(sign_in, trainee):
    page = sign_in(trainee).get("/home/").content.decode()

    main_list, account_menu = page.split('<details class="account-menu">', 1)
    assert "API tokens" not in main_list and "Sign-in security" not in main_list
    assert "Tara Trainee" in account_menu.split("</summary>")[0]
    assert "API tokens" in account_menu and "Sign-in security" in account_menu
    assert "Sign out" in account_menu


def test_the_menu_folds_behind_a_menu_button_without_script(sign_in, trainee):
    page = sign_in(trainee).get("/home/").content.decode()

    assert '<details class="nav-menu">\n          <summary>Menu</summary>' in page
    assert "<script>" not in page  # the policy allows no inline script: <details> needs none


def test_the_current_page_is_marked_in_the_menu(sign_in, trainee):
    main, _ = _menus(sign_in(trainee), "/sessions/check-in/")

    assert [link["label"] for link in main if link["current"]] == ["Check in"]


def test_the_menu_costs_no_query_beyond_reading_the_persons_roles(sign_in, trainee):
    from nearpeer.accounts.context import nav

    request = RequestFactory().get("/home/")
    request.user = trainee
    request.nearpeer_roles = {Role.TRAINEE.value}
    with CaptureQueriesContext(connection) as queries:
        nav(request)
    assert len(queries) == 0


def test_the_menu_offers_session_pages_to_the_roles_that_may_lead_sessions():
    # the spine keeps its own copy of the role set (it does not import meetings): keep them equal
    assert context.LEADS_SESSIONS == meetings_access.FACILITATOR_ROLES
