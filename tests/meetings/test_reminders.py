"""Reminders: facilitators 7 days and 1 day before, people coming 1 day before, a feedback link
after; each claimed once, so a second run (or a crash and a retry) never sends twice."""

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from nearpeer.meetings.models import Attendance, Feedback, Reminder
from nearpeer.meetings.services import reminders
from nearpeer.meetings.tasks.reminders import send_due_reminders
from tests.meetings.factories import RsvpFactory
from tests.meetings.support_attendance import meeting_at

Kind = Reminder.Kind
HOUR = datetime.timedelta(hours=1)


@pytest.fixture
def week_ahead(program, peers):
    return meeting_at(program, timezone.now() + 6 * 24 * HOUR, facilitators=peers[:2])


@pytest.fixture
def tomorrow(program, peers, trainee):
    meeting = meeting_at(program, timezone.now() + 20 * HOUR, facilitators=peers[1:3])
    RsvpFactory(meeting=meeting, user=trainee)
    return meeting


@pytest.fixture
def ended(program, peers, trainee):
    meeting = meeting_at(program, timezone.now() - 3 * HOUR, facilitators=peers[:2])
    Attendance.objects.create(meeting=meeting, user=trainee, via="self")
    return meeting


def sent() -> list[tuple[str, str]]:
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_each_reminder_goes_out_once_however_often_the_run_repeats(
    peers, trainee, week_ahead, tomorrow, ended
):
    first = reminders.reminders_send_due()
    assert first["sent"] == 2 + 2 + 1 + 1  # 7 days, 1 day, coming tomorrow, feedback
    # the week-ahead reminder names the day ("on Tuesday"), counted in the recipient's calendar
    assert {to for to, subject in sent() if re.search(r"” on \w+day", subject)} == {
        p.email for p in peers[:2]
    }
    assert len(mail.outbox) == 6
    assert all(len(m.to) == 1 for m in mail.outbox)  # nobody sees the others
    reminders.reminders_send_due()
    send_due_reminders.enqueue()  # the task (immediate backend in tests)
    call_command("meetings_tick", stdout=StringIO())
    assert len(mail.outbox) == 6
    assert Reminder.objects.filter(sent_at__isnull=False).count() == 6


def test_who_gets_which_reminder(peers, trainee, week_ahead, tomorrow, ended):
    reminders.reminders_send_due()
    kinds = set(Reminder.objects.values_list("meeting_id", "user_id", "kind"))
    assert kinds == {
        (week_ahead.pk, peers[0].pk, Kind.FACILITATOR_7_DAYS),
        (week_ahead.pk, peers[1].pk, Kind.FACILITATOR_7_DAYS),
        (tomorrow.pk, peers[1].pk, Kind.FACILITATOR_1_DAY),
        (tomorrow.pk, peers[2].pk, Kind.FACILITATOR_1_DAY),
        (tomorrow.pk, trainee.pk, Kind.ATTENDEE_1_DAY),
        (ended.pk, trainee.pk, Kind.FEEDBACK),
    }


def test_a_crash_after_claiming_is_retried_once_after_15_minutes(peers, tomorrow):
    # given a worker that claimed a reminder 20 minutes ago and died before sending
    crashed = Reminder.objects.create(
        meeting=tomorrow, user=peers[1], kind=Kind.FACILITATOR_1_DAY,
        claimed_at=timezone.now() - datetime.timedelta(minutes=20),
    )  # fmt: skip
    # when later runs happen
    reminders.reminders_send_due()
    reminders.reminders_send_due()
    # then that reminder went out exactly once
    to_peer = [m for m in mail.outbox if m.to == [peers[1].email] and "You're leading" in m.subject]
    assert len(to_peer) == 1
    crashed.refresh_from_db()
    assert crashed.sent_at is not None


def test_a_fresh_claim_by_another_worker_is_left_alone(peers, tomorrow):
    Reminder.objects.create(
        meeting=tomorrow, user=peers[1], kind=Kind.FACILITATOR_1_DAY,
        claimed_at=timezone.now() - datetime.timedelta(minutes=2),
    )  # fmt: skip
    reminders.reminders_send_due()
    assert not [m for m in mail.outbox if m.to == [peers[1].email]]


def test_two_runs_racing_for_one_reminder_only_one_claims_it(peers, tomorrow):
    now = timezone.now()
    due = reminders.Due(tomorrow.pk, peers[1].pk, Kind.FACILITATOR_1_DAY)
    # both runs computed the same due list before either claimed
    assert due in reminders.reminders_due(now) and due in reminders.reminders_due(now)
    assert reminders.reminder_claim(due=due, now=now) is not None
    assert reminders.reminder_claim(due=due, now=now) is None
    stale_later = now + datetime.timedelta(minutes=16)
    reclaimed = reminders.reminder_claim(due=due, now=stale_later)
    assert reclaimed is not None  # the first never sent: a later run takes it over, once
    assert reminders.reminder_claim(due=due, now=stale_later) is None


def test_cancelled_sessions_send_no_reminders(coordinator, week_ahead, tomorrow, ended):
    from nearpeer.meetings import services

    for meeting in (week_ahead, tomorrow):
        services.meeting_cancel(by=coordinator, meeting=meeting, reason="Exam week")
    mail.outbox.clear()
    ended.status = "cancelled"
    ended.save(update_fields=["status"])
    counts = reminders.reminders_send_due()
    assert counts["sent"] == 0 and mail.outbox == []


def test_sessions_more_than_a_week_away_send_nothing_yet(program, peers):
    meeting_at(program, timezone.now() + 8 * 24 * HOUR, facilitators=peers[:2])
    assert reminders.reminders_due(timezone.now()) == []


def test_the_feedback_email_carries_a_link_that_works_once(trainee, ended):
    reminders.reminders_send_due()
    [message] = mail.outbox
    assert message.to == [trainee.email]
    path = re.search(r"http://127\.0\.0\.1:8000(/sessions/feedback/[^/\s]+/)", message.body)[1]
    client = Client()
    assert client.post(path, {"helpfulness": "5"}).status_code == 200
    assert Feedback.objects.count() == 1
    assert client.post(path, {"helpfulness": "5"}).status_code == 410


def test_the_tick_command_says_what_it_did(trainee, ended):
    out = StringIO()
    call_command("meetings_tick", "--now", stdout=out)
    assert "1 reminders sent" in out.getvalue()


def test_someone_who_left_the_program_gets_no_reminder(trainee, tomorrow):
    from nearpeer.tenancy.models import Membership

    Membership.objects.filter(user=trainee).update(
        starts_on=datetime.date(2020, 1, 1), ends_on=datetime.date(2020, 6, 30)
    )
    reminders.reminders_send_due()
    assert trainee.email not in {to for to, _ in sent()}
    assert Reminder.objects.get(user=trainee, kind=Kind.ATTENDEE_1_DAY).sent_at is not None
