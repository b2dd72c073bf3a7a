"""Days off and the sessions already on them: adding a blackout over scheduled sessions warns and
lists them (page and API), and removing a blackout asks first."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from nearpeer.tenancy.models import Blackout
from tests.api.conftest import ApiClient
from tests.factories import BlackoutFactory, CalendarFactory
from tests.meetings.factories import MeetingFactory, SeriesFactory
from tests.support import api_token_for


@pytest.fixture
def calendar(ridgeview):
    return CalendarFactory(
        institution=ridgeview,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    )


@pytest.fixture
def session(program):
    return MeetingFactory(series=SeriesFactory(program=program, name="Noon sessions"), days=12)


def _day(meeting):
    return meeting.starts_at.astimezone(ZoneInfo(meeting.program.time_zone)).date()


def test_adding_days_off_over_a_scheduled_session_warns_and_lists_it(
    sign_in, coordinator, program, calendar, session
):
    # given a program calendar the coordinator runs
    calendar.program = program
    calendar.save(update_fields=["program"])
    day = _day(session)
    form = {"kind": "holiday", "name": "Flood closure", "starts_on": day, "ends_on": day}
    # when the coordinator marks that day off
    page = sign_in(coordinator).post(
        reverse("calendar_detail", args=[calendar.pk]), form, follow=True
    )
    # then the page warns, lists the session with a link to move or cancel it
    text = page.content.decode()
    assert "1 scheduled session(s) fall on those days" in text
    assert "Sessions still scheduled on these days" in text
    assert reverse("meetings:meeting_detail", args=[session.pk]) in text


def test_days_off_elsewhere_warn_of_nothing(sign_in, office_admin, calendar, session):
    later = _day(session) + datetime.timedelta(days=3)
    form = {"kind": "holiday", "name": "Quiet day", "starts_on": later, "ends_on": later}
    page = sign_in(office_admin).post(
        reverse("calendar_detail", args=[calendar.pk]), form, follow=True
    )
    assert "Sessions still scheduled" not in page.content.decode()


def test_the_api_answer_names_the_sessions_on_the_new_days_off(office_admin, calendar, session):
    api = ApiClient(api_token_for(office_admin, name="blackouts"))
    day = _day(session).isoformat()
    answer = api.post(
        "/blackouts",
        {"calendar_id": calendar.pk, "kind": "holiday", "name": "Closure", "starts_on": day,
         "ends_on": day},
    )  # fmt: skip
    assert answer.status_code == 201, answer.content
    clashing = answer.json()["sessions_on_these_days"]
    assert [s["id"] for s in clashing] == [session.pk]
    assert clashing[0]["title"] == "Noon sessions"


def test_removing_days_off_asks_first(sign_in, office_admin, calendar):
    blackout = BlackoutFactory(calendar=calendar, name="Winter finals")
    client = sign_in(office_admin)
    url = reverse("blackout_delete", args=[blackout.pk])
    # a plain send (the old one-click button) only shows the question
    asked = client.post(url)
    assert asked.status_code == 200 and "Remove Winter finals?" in asked.content.decode()
    assert Blackout.objects.filter(pk=blackout.pk).exists()
    # the confirmation removes it
    done = client.post(url, {"confirm": "yes"})
    assert done.status_code == 302
    assert not Blackout.objects.filter(pk=blackout.pk).exists()
