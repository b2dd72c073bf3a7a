"""The rota's rules: lines, the training gate, shifts, sign-ups, double booking and swaps."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from nearpeer.supportline.models import Shift, ShiftSwap
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import rota, shifts
from nearpeer.tenancy.models import Membership
from tests.supportline.fixtures_rota import *  # noqa: F403
from tests.supportline.fixtures_rota import at, make_shift


def _code(exc_info) -> set[str]:
    exc = exc_info.value
    if hasattr(exc, "error_dict"):
        return {e.code for errs in exc.error_dict.values() for e in errs}
    return {e.code for e in exc.error_list}


# --- Lines -----------------------------------------------------------------------------------


def test_office_opens_a_line_for_its_own_programs(office_admin, ridgeview, program):
    line = rota.support_line_create(
        by=office_admin, institution=ridgeview, programs=[program], name="Night line"
    )
    assert list(line.programs.all()) == [program]


def test_a_line_cannot_serve_another_institutions_program(office_admin, ridgeview, foreign_program):
    with pytest.raises(ValidationError) as exc_info:
        rota.support_line_create(
            by=office_admin, institution=ridgeview, programs=[foreign_program], name="Night line"
        )
    assert _code(exc_info) == {"wrong_institution"}


def test_program_staff_cannot_open_or_edit_a_line(coordinator, ridgeview, line):
    with pytest.raises(PermissionDenied):
        rota.support_line_create(by=coordinator, institution=ridgeview, name="Mine")
    with pytest.raises(PermissionDenied):
        rota.support_line_update(by=coordinator, line=line, name="Renamed")


def test_office_edits_a_line(office_admin, line, other_program):
    rota.support_line_update(
        by=office_admin, line=line, name="Renamed", escalation_minutes=5, programs=[other_program]
    )
    line.refresh_from_db()
    assert (line.name, line.escalation_minutes) == ("Renamed", 5)
    assert list(line.programs.all()) == [other_program]


# --- Training gate ---------------------------------------------------------------------------


def test_a_professional_records_training_and_the_gate_opens(prof, line, rookie):
    assert not rs.mentor_is_trained(rookie, line)
    rota.mentor_training_record(by=prof, line=line, user=rookie, completed_on=rs.line_today(line))
    assert rs.mentor_is_trained(rookie, line)


def test_only_peer_mentors_serving_the_line_can_be_recorded_as_trained(prof, line, trainee):
    with pytest.raises(ValidationError) as exc_info:
        rota.mentor_training_record(
            by=prof, line=line, user=trainee, completed_on=rs.line_today(line)
        )
    assert _code(exc_info) == {"not_a_mentor"}


def test_program_staff_cannot_record_training(coordinator, line, rookie):
    with pytest.raises(PermissionDenied):
        rota.mentor_training_record(
            by=coordinator, line=line, user=rookie, completed_on=rs.line_today(line)
        )


# --- Shifts ----------------------------------------------------------------------------------


def test_publishing_without_a_backup_is_refused_by_the_service(coordinator, line, day):
    shift = make_shift(line, coordinator, day, 18, 22, publish=False)
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_publish(by=coordinator, shift=shift)
    assert _code(exc_info) == {"no_backup"}
    shift.refresh_from_db()
    assert shift.status == Shift.Status.DRAFT


def test_creating_a_published_shift_without_a_backup_is_refused(coordinator, line, day):
    with pytest.raises(ValidationError) as exc_info:
        make_shift(line, coordinator, day, 18, 22, publish=True)
    assert _code(exc_info) == {"no_backup"}
    assert not Shift.objects.exists()


def test_the_database_refuses_a_published_shift_without_a_backup(line, day):
    with pytest.raises(IntegrityError), transaction.atomic():
        Shift.objects.create(
            line=line,
            starts_at=at(line, day, 18),
            ends_at=at(line, day, 22),
            status=Shift.Status.PUBLISHED,
        )


def test_the_backup_must_be_a_professional_serving_the_line(coordinator, line, day, mentor_b):
    with pytest.raises(ValidationError) as exc_info:
        make_shift(line, coordinator, day, 18, 22, backup=mentor_b)
    assert _code(exc_info) == {"not_a_professional"}


def test_a_professional_of_another_institution_cannot_back_up(coordinator, line, day, outsider):
    with pytest.raises(ValidationError):
        make_shift(line, coordinator, day, 18, 22, backup=outsider)


def test_an_untrained_mentor_cannot_be_assigned(coordinator, line, day, prof, rookie):
    with pytest.raises(ValidationError) as exc_info:
        make_shift(line, coordinator, day, 18, 22, mentor=rookie, backup=prof)
    assert _code(exc_info) == {"not_trained"}
    assert "training" in " ".join(exc_info.value.messages)
    shift = make_shift(line, coordinator, day, 18, 22, backup=prof)
    with pytest.raises(ValidationError):
        shifts.shift_assign(by=coordinator, shift=shift, mentor=rookie, backup=prof)
    shift.refresh_from_db()
    assert shift.mentor is None


def test_an_untrained_mentor_cannot_sign_up(coordinator, line, day, prof, rookie):
    shift = make_shift(line, coordinator, day, 18, 22, backup=prof)
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_sign_up(by=rookie, shift=shift)
    assert _code(exc_info) == {"not_trained"}
    shift.refresh_from_db()
    assert shift.mentor is None


def test_a_trained_mentor_signs_up_for_an_open_shift(coordinator, line, day, prof, mentor_a):
    shift = make_shift(line, coordinator, day, 18, 22, backup=prof)
    shifts.shift_sign_up(by=mentor_a, shift=shift)
    shift.refresh_from_db()
    assert shift.mentor == mentor_a


def test_a_taken_or_draft_shift_is_not_open_for_sign_up(
    coordinator, line, day, prof, mentor_a, mentor_b
):
    taken = make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)
    draft = make_shift(line, coordinator, day + datetime.timedelta(days=1), 18, 22, publish=False)
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_sign_up(by=mentor_b, shift=taken)
    assert _code(exc_info) == {"taken"}
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_sign_up(by=mentor_b, shift=draft)
    assert _code(exc_info) == {"not_published"}


def test_a_mentor_cannot_double_book_themselves_across_lines(
    coordinator, office_admin, ridgeview, program, line, day, prof, mentor_a
):
    # given a second line serving the same program, where mentor_a is also trained
    second = rota.support_line_create(
        by=office_admin, institution=ridgeview, programs=[program], name="Second line"
    )
    rota.mentor_training_record(
        by=office_admin, line=second, user=mentor_a, completed_on=rs.line_today(line)
    )
    make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)
    overlapping = make_shift(second, coordinator, day, 21, 23, backup=prof)
    # when / then
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_sign_up(by=mentor_a, shift=overlapping)
    assert _code(exc_info) == {"overlap"}
    assert "You are already on call for Ridgeview Peer Line" in exc_info.value.messages[0]
    with pytest.raises(ValidationError):
        shifts.shift_assign(by=coordinator, shift=overlapping, mentor=mentor_a, backup=prof)
    # back-to-back is fine
    shifts.shift_assign(
        by=coordinator,
        shift=make_shift(second, coordinator, day, 22, 24, backup=prof),
        mentor=mentor_a,
        backup=prof,
    )


def test_a_cancelled_shift_frees_the_mentor(coordinator, line, day, prof, mentor_a):
    first = make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)
    shifts.shift_cancel(by=coordinator, shift=first)
    make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)


def test_a_mentor_cannot_publish_or_cancel(coordinator, line, day, prof, mentor_a):
    shift = make_shift(line, coordinator, day, 18, 22, backup=prof, publish=False)
    with pytest.raises(PermissionDenied):
        shifts.shift_publish(by=mentor_a, shift=shift)
    with pytest.raises(PermissionDenied):
        shifts.shift_cancel(by=mentor_a, shift=shift)


def test_a_shift_in_the_past_is_refused(coordinator, line, prof):
    yesterday = rs.line_today(line) - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc_info:
        make_shift(line, coordinator, yesterday, 18, 22, backup=prof)
    assert _code(exc_info) == {"past"}


# --- Weekly patterns -------------------------------------------------------------------------


def _next_dst_change(zone: ZoneInfo, after: datetime.date) -> datetime.date:
    noon = datetime.time(12)
    day = after
    for _ in range(400):
        a = datetime.datetime.combine(day, noon, tzinfo=zone).utcoffset()
        b = datetime.datetime.combine(day + datetime.timedelta(days=1), noon, tzinfo=zone)
        if b.utcoffset() != a:
            return day + datetime.timedelta(days=1)
        day += datetime.timedelta(days=1)
    raise AssertionError("no DST change within a year")


def test_a_weekly_pattern_keeps_local_wall_time_across_a_dst_change(coordinator, line, prof):
    zone = rs.line_zone(line)
    change = _next_dst_change(zone, rs.line_today(line) + datetime.timedelta(days=2))
    added = shifts.shifts_create_weekly(
        by=coordinator,
        line=line,
        mentor=None,
        backup=prof,
        weekdays=[0, 1, 2, 3, 4],
        start_time=datetime.time(18),
        end_time=datetime.time(22),
        first_date=change - datetime.timedelta(days=8),
        last_date=change + datetime.timedelta(days=8),
    )
    local = [(s.starts_at.astimezone(zone), s.ends_at.astimezone(zone)) for s in added]
    assert {(a.hour, a.minute, b.hour) for a, b in local} == {(18, 0, 22)}
    assert all(a.weekday() < 5 for a, _ in local)
    assert len({a.utcoffset() for a, _ in local}) == 2  # both sides of the change
    assert all(s.status == Shift.Status.PUBLISHED for s in added)


def test_a_weekly_pattern_past_midnight_ends_the_next_day(coordinator, line, prof, day):
    (shift,) = shifts.shifts_create_weekly(
        by=coordinator,
        line=line,
        backup=prof,
        weekdays=[day.weekday()],
        start_time=datetime.time(22),
        end_time=datetime.time(2),
        first_date=day,
        last_date=day,
    )
    assert shift.ends_at - shift.starts_at == datetime.timedelta(hours=4)


def test_a_weekly_pattern_is_all_or_nothing(coordinator, line, prof, mentor_a, day):
    make_shift(line, coordinator, day, 19, 20, mentor=mentor_a, backup=prof)
    with pytest.raises(ValidationError) as exc_info:
        shifts.shifts_create_weekly(
            by=coordinator,
            line=line,
            mentor=mentor_a,
            backup=prof,
            weekdays=range(7),
            start_time=datetime.time(18),
            end_time=datetime.time(22),
            first_date=day - datetime.timedelta(days=3),
            last_date=day + datetime.timedelta(days=3),
        )
    assert _code(exc_info) == {"overlap"}
    assert Shift.objects.count() == 1


# --- Swaps -----------------------------------------------------------------------------------


@pytest.fixture
def booked(coordinator, line, day, prof, mentor_a):
    return make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)


def test_an_approved_swap_reassigns_the_shift(booked, mentor_a, mentor_b, prof):
    swap = shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=mentor_b)
    shifts.shift_swap_decide(by=prof, swap=swap, approve=True)
    booked.refresh_from_db()
    swap.refresh_from_db()
    assert booked.mentor == mentor_b
    assert (swap.status, swap.decided_by) == (ShiftSwap.Status.APPROVED, prof)


def test_a_declined_swap_leaves_the_shift_alone(booked, mentor_a, mentor_b, coordinator):
    swap = shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=mentor_b)
    shifts.shift_swap_decide(by=coordinator, swap=swap, approve=False)
    booked.refresh_from_db()
    assert booked.mentor == mentor_a


def test_a_swap_to_an_untrained_mentor_is_refused(booked, mentor_a, rookie):
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=rookie)
    assert _code(exc_info) == {"not_trained"}
    assert not ShiftSwap.objects.exists()


def test_only_the_shifts_mentor_asks_to_swap_it(booked, mentor_b, mentor_a):
    with pytest.raises(PermissionDenied):
        shifts.shift_swap_request(by=mentor_b, shift=booked, to_user=mentor_a)


def test_a_mentor_cannot_approve_a_swap(booked, mentor_a, mentor_b):
    swap = shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=mentor_b)
    with pytest.raises(PermissionDenied):
        shifts.shift_swap_decide(by=mentor_b, swap=swap, approve=True)


def test_approval_rechecks_overlap_and_changes_nothing_when_refused(
    booked, mentor_a, mentor_b, coordinator, line, day, prof
):
    swap = shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=mentor_b)
    # meanwhile mentor_b was put on an overlapping shift
    make_shift(line, coordinator, day, 20, 23, mentor=mentor_b, backup=prof)
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_swap_decide(by=prof, swap=swap, approve=True)
    assert _code(exc_info) == {"overlap"}
    booked.refresh_from_db()
    swap.refresh_from_db()
    assert booked.mentor == mentor_a
    assert swap.status == ShiftSwap.Status.REQUESTED


def test_approval_rechecks_that_the_new_mentor_still_serves_the_line(
    booked, mentor_a, mentor_b, prof
):
    swap = shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=mentor_b)
    # mentor_b's peer-mentor role ended a moment ago
    Membership.objects.filter(user=mentor_b).update(ended_at=timezone.now())
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_swap_decide(by=prof, swap=swap, approve=True)
    assert _code(exc_info) == {"not_a_mentor"}
    booked.refresh_from_db()
    assert booked.mentor == mentor_a


def test_a_swap_can_be_decided_only_once(booked, mentor_a, mentor_b, prof):
    swap = shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=mentor_b)
    shifts.shift_swap_decide(by=prof, swap=swap, approve=False)
    with pytest.raises(ValidationError) as exc_info:
        shifts.shift_swap_decide(by=prof, swap=swap, approve=True)
    assert _code(exc_info) == {"decided"}


def test_cancelling_a_shift_declines_its_waiting_swaps(booked, mentor_a, mentor_b, coordinator):
    swap = shifts.shift_swap_request(by=mentor_a, shift=booked, to_user=mentor_b)
    shifts.shift_cancel(by=coordinator, shift=booked)
    swap.refresh_from_db()
    assert swap.status == ShiftSwap.Status.DECLINED
