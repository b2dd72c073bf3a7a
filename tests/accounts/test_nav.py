"""The navigation sends each role to its own starting point on the support line."""

from nearpeer.tenancy.models import Role
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
