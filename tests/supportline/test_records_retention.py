"""Retention: closed requests lose their content after the academic year ends plus the line's
retention days; de-identified weekly counts stay; open requests are never touched."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from nearpeer.audit.models import AccessLog
from nearpeer.supportline.models import Contact, Message, SupportRequest, WeeklyCount
from nearpeer.supportline.services import retention
from nearpeer.supportline.tasks import supportline_purge_task
from tests.factories import CalendarFactory
from tests.supportline.fixtures_records import *  # noqa: F403
from tests.supportline.fixtures_records import add_message, make_request, raw

pytestmark = pytest.mark.django_db
LONG_AGO = datetime.datetime(2024, 1, 17, 15, 0, tzinfo=datetime.UTC)  # a Wednesday
MONDAY = datetime.date(2024, 1, 15)


@pytest.fixture
def old_closed(line, mentor, trainee):
    request = make_request(
        line,
        mentor=mentor,
        status="closed",
        requester=trainee,
        topics=["loneliness", "homesickness"],
        risk="elevated",
        callback_phone="555-0123",
        channel="call_back",
        acknowledgement="Called them back; safe.",
        acknowledged_at=LONG_AGO,
        return_code_hash="abc",
        preferences={"gender": "woman"},
        created_at=LONG_AGO,
        closed_at=LONG_AGO,
    )
    add_message(request, "I miss home so much it hurts.")
    Contact.objects.create(request=request, mentor=mentor, outcome="supported", notes="Private")
    return request


@pytest.fixture
def old_open_high_risk(line):
    return make_request(
        line,
        status="waiting",
        risk="high",
        topics=["suicidal_thoughts"],
        opening_message="I want to end my life.",
        created_at=LONG_AGO,
    )


def counts():
    return {(w.week_start, w.topic, w.risk): w.count for w in WeeklyCount.objects.all()}


def test_the_academic_year_end_comes_from_the_calendar_else_june_30():
    calendar = [(datetime.date(2023, 8, 1), datetime.date(2024, 5, 31))]
    assert retention.academic_year_end(datetime.date(2024, 1, 17), calendar) == datetime.date(
        2024, 5, 31
    )
    assert retention.academic_year_end(datetime.date(2024, 7, 2), calendar) == datetime.date(
        2025, 6, 30
    )
    assert retention.academic_year_end(datetime.date(2024, 6, 30), []) == datetime.date(2024, 6, 30)
    assert retention.purge_due_on(datetime.date(2024, 1, 17), calendar, 30) == datetime.date(
        2024, 7, 1
    )


def test_purge_keeps_counts_and_removes_all_content(old_closed):
    retention.supportline_purge()
    assert counts() == {
        (MONDAY, "loneliness", "elevated"): 1,
        (MONDAY, "homesickness", "elevated"): 1,
        (MONDAY, retention.ALL_REQUESTS, "elevated"): 1,
    }
    pk = old_closed.pk
    for column in ("opening_message", "callback_phone", "acknowledgement", "return_code_hash"):
        assert raw("supportline_supportrequest", column, pk) == ""
    assert raw("supportline_contact", "notes", old_closed.contact.pk) == ""
    assert not Message.objects.filter(request_id=pk).exists()
    purged = SupportRequest.objects.get(pk=pk)
    assert purged.requester is None and purged.return_token_hash is None
    assert purged.preferences == {} and purged.purged_at is not None


def test_purge_is_logged_once_per_institution_with_counts(old_closed):
    retention.supportline_purge()
    entry = AccessLog.objects.get(record_type="support_purge")
    assert entry.action == "change" and entry.institution == old_closed.line.institution
    assert "Removed the content of 1 closed" in entry.summary


def test_purging_twice_counts_each_request_once(old_closed):
    retention.supportline_purge()
    first = counts()
    reports = retention.supportline_purge()
    assert counts() == first
    assert all(r.purged == 0 for r in reports)
    assert AccessLog.objects.filter(record_type="support_purge").count() == 1


def test_a_request_with_no_topic_is_counted_as_unspecified(line):
    make_request(line, status="closed", topics=[], created_at=LONG_AGO)
    retention.supportline_purge()
    assert counts()[MONDAY, retention.UNSPECIFIED, "low"] == 1


def test_purge_adds_to_existing_weekly_counts(line, old_closed):
    WeeklyCount.objects.create(
        line=line, week_start=MONDAY, topic="loneliness", risk="elevated", count=4
    )
    retention.supportline_purge()
    assert counts()[MONDAY, "loneliness", "elevated"] == 5


def test_an_open_high_risk_request_is_never_purged(old_open_high_risk):
    retention.supportline_purge()
    kept = SupportRequest.objects.get(pk=old_open_high_risk.pk)
    assert kept.purged_at is None and kept.opening_message == "I want to end my life."
    assert not WeeklyCount.objects.exists()
    entry = AccessLog.objects.get(record_type="support_purge")
    assert "kept 1 still-open requests past it (1 high risk)" in entry.summary


def test_a_closed_request_within_retention_is_kept(line, ridgeview):
    today = timezone.localdate()
    CalendarFactory(
        institution=ridgeview,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today - datetime.timedelta(days=10),
    )
    made = timezone.now() - datetime.timedelta(days=50)
    recent = make_request(line, status="closed", created_at=made, closed_at=made)
    retention.supportline_purge()
    assert SupportRequest.objects.get(pk=recent.pk).purged_at is None  # due 21 days from now


def test_the_line_retention_days_count(line, ridgeview):
    today = timezone.localdate()
    CalendarFactory(
        institution=ridgeview,
        starts_on=today - datetime.timedelta(days=100),
        ends_on=today - datetime.timedelta(days=10),
    )
    line.retention_days_after_year_end = 5
    line.save()
    made = timezone.now() - datetime.timedelta(days=50)
    request = make_request(line, status="closed", created_at=made, closed_at=made)
    retention.supportline_purge()
    assert SupportRequest.objects.get(pk=request.pk).purged_at is not None


def test_the_command_and_the_task_purge(old_closed, line):
    out = StringIO()
    call_command("supportline_purge", stdout=out)
    assert "Removed the content of 1 closed" in out.getvalue()
    second = make_request(line, status="closed", created_at=LONG_AGO)
    supportline_purge_task.enqueue()
    assert SupportRequest.objects.get(pk=second.pk).purged_at is not None
