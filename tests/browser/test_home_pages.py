"""Each of the ten roles gets a home page that greets them and shows what their role needs."""

import pytest

from nearpeer.tenancy.models import INSTITUTION_WIDE_ROLES, Role
from tests.browser.support import check_axe, sign_in_cookie
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The section each role's home page must show, by its heading.
ROLE_SECTIONS = {
    Role.TRAINEE: ["Your well-being sessions"],
    Role.PEER_FACILITATOR: ["Sessions you co-facilitate"],
    Role.WELLNESS_ADVISOR: ["Sessions you co-facilitate", "Supervision and backup"],
    Role.PEER_MENTOR: ["Your support-line shifts"],
    Role.GROUP_FACILITATOR: ["Reflection groups you lead"],
    Role.CHAMPION: ["Programs you run"],
    Role.PROGRAM_DIRECTOR: ["Programs you run"],
    Role.COORDINATOR: ["Programs you run"],
    Role.FACULTY_ADVISOR: ["Supervision and backup"],
    Role.OFFICE_ADMIN: ["Programs you run", "Well-being office"],
}


def _person_with_role(role, program):
    user = UserFactory(full_name=f"Rowan {role.label.title()}")
    wide = role in INSTITUTION_WIDE_ROLES
    MembershipFactory(
        user=user,
        role=role,
        program=None if wide else program,
        institution=program.institution,
    )
    return user


def _heading_texts(page, level: int) -> list[str]:
    return [text.strip() for text in page.get_by_role("heading", level=level).all_inner_texts()]


def test_every_role_is_welcomed_home_with_its_own_sections(page, live_server, program):
    assert set(ROLE_SECTIONS) == set(Role), "a role has no expected home-page section here"
    for role in Role:
        # given a person holding just this role
        person = _person_with_role(role, program)
        sign_in_cookie(page.context, person, live_server.url)

        # when they open their home page
        page.goto("/home/")

        # then it greets them by name and shows what their role needs
        assert page.url.endswith("/home/"), f"{role}: sent to {page.url}"
        assert _heading_texts(page, 1) == [f"Welcome, {person.full_name}"], role
        for heading in ROLE_SECTIONS[role]:
            assert heading in _heading_texts(page, 2), f"{role}: no “{heading}” section"
        check_axe(page)


def test_trainee_home_page_leaves_out_staff_sections(page, live_server, trainee):
    sign_in_cookie(page.context, trainee, live_server.url)

    page.goto("/home/")

    sections = _heading_texts(page, 2)
    assert "Programs you run" not in sections
    assert "Supervision and backup" not in sections
