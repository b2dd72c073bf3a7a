"""Ending a role takes effect the moment it is recorded, not at midnight."""

import datetime

import pytest
from django.utils import timezone

from nearpeer.tenancy import services
from nearpeer.tenancy.models import Membership, Role
from tests.factories import MembershipFactory


@pytest.fixture
def coordinator_role(coordinator, program):
    return Membership.objects.get(user=coordinator, program=program, role=Role.COORDINATOR)


@pytest.fixture
def someone_in_program(program):
    return MembershipFactory(program=program, role=Role.TRAINEE)


def test_ended_coordinator_loses_the_program_page_at_once(
    sign_in, coordinator, coordinator_role, office_admin, program, someone_in_program
):
    # given the coordinator is signed in and can open their program
    client = sign_in(coordinator)
    assert client.get(f"/programs/{program.pk}/").status_code == 200
    # when the office ends their role, today
    services.membership_end(by=office_admin, membership=coordinator_role)
    # then their very next request no longer reaches the program or its people
    assert client.get(f"/programs/{program.pk}/").status_code == 404
    assert client.get(f"/programs/{program.pk}/members/add/").status_code == 404


def test_ended_coordinator_can_no_longer_edit_the_program(
    sign_in, coordinator, coordinator_role, office_admin, program
):
    client = sign_in(coordinator)
    services.membership_end(by=office_admin, membership=coordinator_role)
    response = client.post(f"/programs/{program.pk}/edit/", {"name": "Renamed"})
    assert response.status_code == 404
    program.refresh_from_db()
    assert program.name != "Renamed"


def test_ending_a_role_records_the_moment_and_keeps_the_history(coordinator_role, office_admin):
    before = timezone.now()
    ended = services.membership_end(by=office_admin, membership=coordinator_role)
    ended.refresh_from_db()
    assert ended.ended_at is not None and ended.ended_at >= before
    assert ended.ends_on == timezone.localdate()
    assert not ended.is_active
    assert not Membership.objects.active().filter(pk=ended.pk).exists()
    assert Membership.objects.filter(pk=ended.pk).exists()


def test_a_role_ended_now_counts_for_no_later_day_in_any_time_zone(coordinator_role, office_admin):
    # Rotas ask "in force today" in the line's own zone, which may still be yesterday in UTC.
    services.membership_end(by=office_admin, membership=coordinator_role)
    for days in (-1, 0, 1, 30):
        day = timezone.localdate() + datetime.timedelta(days=days)
        assert not Membership.objects.active(day).filter(pk=coordinator_role.pk).exists()


def test_a_role_ending_on_a_later_day_lasts_through_that_day(coordinator_role, office_admin):
    last_day = timezone.localdate() + datetime.timedelta(days=10)
    services.membership_end(by=office_admin, membership=coordinator_role, ends_on=last_day)
    coordinator_role.refresh_from_db()
    assert coordinator_role.ended_at is None
    assert coordinator_role.is_active
    assert Membership.objects.active(last_day).filter(pk=coordinator_role.pk).exists()
    after = last_day + datetime.timedelta(days=1)
    assert not Membership.objects.active(after).filter(pk=coordinator_role.pk).exists()


def test_a_role_that_has_not_started_can_be_cancelled(program, office_admin):
    future = MembershipFactory(
        program=program,
        role=Role.TRAINEE,
        starts_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    services.membership_end(by=office_admin, membership=future)
    future.refresh_from_db()
    assert future.ended_at is not None
    tomorrow_week = timezone.localdate() + datetime.timedelta(days=8)
    assert not Membership.objects.active(tomorrow_week).filter(pk=future.pk).exists()


def test_ending_by_the_page_takes_effect_before_the_page_reloads(
    sign_in, client, coordinator, program, someone_in_program
):
    response = sign_in(coordinator).post(f"/memberships/{someone_in_program.pk}/end/")
    assert response.status_code == 302
    page = client.get(f"/programs/{program.pk}/")
    assert "ended" in page.content.decode()
    assert not Membership.objects.active().filter(pk=someone_in_program.pk).exists()
