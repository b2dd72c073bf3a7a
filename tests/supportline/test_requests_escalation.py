"""Escalation and re-offers, driven by the every-minute tick: time is moved by setting timestamps in
the past (no sleeping), and running the tick twice never notifies twice."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nearpeer.supportline.models import Notification, SupportRequest
from nearpeer.supportline.services import escalation, handling
from tests.supportline.conftest import make_mentor, put_on_call

pytestmark = pytest.mark.django_db


def _ago(minutes: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=minutes)


def _tick(capture):
    with capture(execute=True):
        return escalation.tick()


@pytest.fixture
def high(submit_request, mentor, backup, professional, office_admin):
    return submit_request(self_harm_answer=True, danger_answer=False).request


def test_unacknowledged_high_risk_request_escalates_to_the_next_backup_after_the_set_minutes(
    high, professional, backup, django_capture_on_commit_callbacks, mailoutbox
):
    # given a high-risk request nobody acknowledged for longer than the line's 10 minutes
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(11), created_at=_ago(11))
    mailoutbox.clear()

    # when the tick runs
    done = _tick(django_capture_on_commit_callbacks)

    # then the line's other professional is told (the shift's backup already was)
    high.refresh_from_db()
    assert done["escalated"] == 1
    assert high.escalation_level == 1
    assert list(
        Notification.objects.filter(request=high, kind="escalation").values_list("user", "level")
    ) == [(professional.pk, 1)]
    assert [m.to for m in mailoutbox] == [[professional.email]]
    assert f"/support/requests/{high.pk}/" in mailoutbox[0].body


def test_the_tick_running_twice_escalates_only_once(
    high, django_capture_on_commit_callbacks, mailoutbox
):
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(11))
    mailoutbox.clear()
    _tick(django_capture_on_commit_callbacks)
    _tick(django_capture_on_commit_callbacks)
    call_command("supportline_tick")
    assert Notification.objects.filter(request=high, kind="escalation").count() == 1
    assert len(mailoutbox) == 1


def test_escalation_waits_for_the_set_minutes(high, django_capture_on_commit_callbacks):
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(9))
    assert _tick(django_capture_on_commit_callbacks)["escalated"] == 0
    high.refresh_from_db()
    assert high.escalation_level == 0


def test_still_unacknowledged_it_goes_to_the_well_being_office_without_content(
    high, office_admin, django_capture_on_commit_callbacks, mailoutbox
):
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(11))
    _tick(django_capture_on_commit_callbacks)
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(11))
    mailoutbox.clear()
    _tick(django_capture_on_commit_callbacks)
    high.refresh_from_db()
    assert high.escalation_level == 2
    assert Notification.objects.filter(request=high, user=office_admin, level=2).exists()
    assert [m.to for m in mailoutbox] == [[office_admin.email]]
    assert "/support/requests/" not in mailoutbox[0].body  # the office can't read content


def test_acknowledged_request_does_not_escalate(high, backup, django_capture_on_commit_callbacks):
    handling.request_acknowledge(by=backup, request=high, note="Called them; they are safe.")
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(30))
    assert _tick(django_capture_on_commit_callbacks)["escalated"] == 0


def test_management_command_runs_the_tick(high, capsys):
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(11))
    call_command("supportline_tick")
    assert "Escalated 1" in capsys.readouterr().out


def test_escalation_is_claimed_once_even_from_a_stale_read(high):
    # two workers read the same overdue request; the second finds the step already taken
    SupportRequest.objects.filter(pk=high.pk).update(escalated_at=_ago(11))
    assert escalation._escalate_one(high.pk, timezone.now()) == 1
    assert escalation._escalate_one(high.pk, timezone.now()) == 0


# --- Re-offers ---------------------------------------------------------------------------------


@pytest.fixture
def second_mentor(line, program, backup):
    person = make_mentor(line, program, email="sam.second@ridgeview.example", stage="PGY-3")
    put_on_call(line, person, backup)
    return person


def test_unaccepted_request_is_offered_to_the_next_mentor_and_the_backup_is_told(
    submit_request, mentor, second_mentor, backup, django_capture_on_commit_callbacks
):
    request = submit_request(self_harm_answer=False, danger_answer=False).request
    first = request.mentor
    SupportRequest.objects.filter(pk=request.pk).update(offered_at=_ago(11))

    _tick(django_capture_on_commit_callbacks)
    _tick(django_capture_on_commit_callbacks)

    request.refresh_from_db()
    assert request.mentor not in (None, first)
    assert request.status == "offered"
    assert Notification.objects.filter(request=request, kind="unaccepted", user=backup).count() == 1
    assert Notification.objects.filter(request=request, kind="offered").count() == 2


def test_passed_on_request_goes_to_another_mentor_never_back(
    submit_request, mentor, second_mentor, django_capture_on_commit_callbacks
):
    request = submit_request(self_harm_answer=False, danger_answer=False).request
    first = request.mentor
    with django_capture_on_commit_callbacks(execute=True):
        handling.request_pass(by=first, request=request, reason="knows_requester")
    request.refresh_from_db()
    assert request.mentor not in (None, first)
    assert request.passed_by == [first.pk]


def test_when_everyone_passed_it_waits_on_the_board_and_the_backup_is_told(
    submit_request, mentor, backup, sign_in, django_capture_on_commit_callbacks
):
    request = submit_request(self_harm_answer=False, danger_answer=False).request
    with django_capture_on_commit_callbacks(execute=True):
        handling.request_pass(by=mentor, request=request)
    request.refresh_from_db()
    assert request.status == "waiting" and request.mentor is None
    assert Notification.objects.filter(request=request, kind="unaccepted", user=backup).exists()
    board = sign_in(backup).get(reverse("supportline:support_board")).content.decode()
    assert f"Request {request.pk}" in board


def test_mentor_accepts_through_the_page(submit_request, mentor, sign_in):
    request = submit_request(self_harm_answer=False, danger_answer=False).request
    sign_in(mentor).post(reverse("supportline:support_request_accept", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == "active" and request.accepted_at
