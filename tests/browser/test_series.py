"""A coordinator sets up a series of sessions, sees it staffed, and moves one session."""

import datetime

import pytest

from nearpeer.meetings.models import Meeting
from tests.browser.support import check_axe, sign_in_cookie
from tests.factories import BlackoutFactory
from tests.meetings.conftest import peers, year  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _first_wednesday(first_day: datetime.date) -> datetime.date:
    return first_day + datetime.timedelta(days=(2 - first_day.weekday()) % 7)


def test_coordinator_creates_a_series_sees_it_staffed_and_moves_a_session(
    page,
    live_server,
    coordinator,
    program,
    peers,  # noqa: F811
    year,  # noqa: F811
):
    # given next academic year's calendar with exams on the first Wednesday of September
    first = year.starts_on.year
    exam_day = _first_wednesday(datetime.date(first, 9, 1))
    BlackoutFactory(
        calendar=year, kind="exam", name="September exams", starts_on=exam_day, ends_on=exam_day
    )
    sign_in_cookie(page.context, coordinator, live_server.url)

    # when the coordinator sets up a monthly series for the autumn
    page.goto(f"/sessions/programs/{program.pk}/series/new/")
    check_axe(page)
    page.get_by_label("Name").fill("Noon well-being sessions")
    page.get_by_label("How often").select_option("monthly")
    page.get_by_label("Preferred weekday").select_option("2")
    page.get_by_label("Start time").fill("12:00")
    page.get_by_label("Minutes").fill("60")
    page.get_by_label("Format").select_option("in_person")
    page.get_by_label("Room").fill("Library room 2")
    page.get_by_label("First day").fill(f"{first}-09-01")
    page.get_by_label("Last day").fill(f"{first}-11-30")
    with page.expect_navigation():
        page.get_by_role("button", name="Set up the series").click()

    # then the season page says the exam date moved
    assert "Moved from" in page.content()
    check_axe(page)

    # when they staff the series from next year's season page
    page.goto(f"/sessions/programs/{program.pk}/?year={first}")
    with page.expect_navigation():
        page.get_by_role("button", name="Staff Noon well-being sessions").click()
    page.goto(f"/sessions/programs/{program.pk}/?year={first}")
    check_axe(page)

    # then every session shows as staffed, with two facilitators each
    meetings = list(Meeting.objects.filter(program=program).order_by("starts_at"))
    assert len(meetings) == 3
    assert page.locator(".badge", has_text="Staffed").count() == 3
    assert all(m.facilitations.count() == 2 for m in meetings)
    assert meetings[0].starts_at.date() != exam_day

    # when they move the last session a week later
    target = meetings[-1]
    new_day = target.starts_at.date() + datetime.timedelta(days=7)
    page.goto(f"/sessions/meetings/{target.pk}/")
    check_axe(page)
    page.get_by_label("New date").fill(new_day.isoformat())
    page.get_by_label("New start time").fill("12:30")
    page.get_by_label("Why (sent to attendees)").fill("Room booked for an event")
    with page.expect_navigation():
        page.get_by_role("button", name="Move the session").click()

    # then the session has its new date and its history says so
    target.refresh_from_db()
    assert target.starts_at.date() == new_day
    assert "Room booked for an event" in page.content()
    check_axe(page)
