"""Within one request the policy reads memberships once; the next request sees changes."""

from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Membership


def test_one_request_reads_memberships_once(coordinator, program, django_assert_num_queries):
    with policy.request_scope():
        policy.roles_of(coordinator)
        with django_assert_num_queries(0):
            assert policy.roles_of(coordinator) == {"coordinator"}


def test_a_new_request_sees_a_role_that_ended(coordinator, program):
    with policy.request_scope():
        assert policy.can_manage_program(coordinator, program)
    Membership.objects.filter(user=coordinator).delete()
    with policy.request_scope():
        assert not policy.can_manage_program(coordinator, program)


def test_outside_a_request_every_call_reads_afresh(coordinator, program):
    assert policy.can_manage_program(coordinator, program)
    Membership.objects.filter(user=coordinator).delete()
    assert not policy.can_manage_program(coordinator, program)


def test_removing_a_role_between_page_views_takes_effect(sign_in, coordinator, program):
    client = sign_in(coordinator)
    assert client.get(f"/programs/{program.pk}/").status_code == 200
    Membership.objects.filter(user=coordinator).delete()
    assert client.get(f"/programs/{program.pk}/").status_code == 404
