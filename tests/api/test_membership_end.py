"""An ended role stops working for API tokens at once, not at midnight."""

import pytest

from nearpeer.tenancy import services
from nearpeer.tenancy.models import Membership, Role
from tests.api.conftest import ids
from tests.factories import MembershipFactory


@pytest.fixture
def coordinator_role(coordinator, program):
    return Membership.objects.get(user=coordinator, program=program, role=Role.COORDINATOR)


@pytest.fixture
def someone_in_program(program):
    return MembershipFactory(program=program, role=Role.TRAINEE)


def test_ended_coordinator_lists_no_people_by_token(
    api_as, coordinator, coordinator_role, office_admin, program, someone_in_program
):
    api = api_as(coordinator)
    assert someone_in_program.pk in ids(api.get("/memberships", program_id=program.pk))
    services.membership_end(by=office_admin, membership=coordinator_role)
    listed = api.get("/memberships", program_id=program.pk)
    assert someone_in_program.pk not in ids(listed)
