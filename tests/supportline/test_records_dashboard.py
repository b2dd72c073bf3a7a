"""The demand and staffing dashboard: counts by week and topic with small cells hidden, the
calendar beside each week, the forecast with mentors on call and its backtest error; a fixed
number of queries; nothing but counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nearpeer.supportline.models import WeeklyCount
from nearpeer.supportline.services.retention import ALL_REQUESTS, week_start
from tests.factories import BlackoutFactory, CalendarFactory
from tests.supportline.fixtures_records import *  # noqa: F403
from tests.supportline.fixtures_records import make_request

pytestmark = pytest.mark.django_db
THIS_WEEK = week_start(timezone.localdate())


def weeks_ago(n: int) -> datetime.date:
    return THIS_WEEK - datetime.timedelta(weeks=n)


def history(line, weeks: int, per_week: int = 8) -> None:
    WeeklyCount.objects.bulk_create(
        WeeklyCount(line=line, week_start=weeks_ago(n), topic=topic, risk="low", count=per_week)
        for n in range(1, weeks + 1)
        for topic in ("academic_stress", ALL_REQUESTS)
    )


def url(line):
    return reverse("supportline:support_records_dashboard", args=[line.pk])


@pytest.mark.parametrize("persona", ["office_admin", "coordinator", "advisor", "supervisor"])
def test_the_office_staff_and_professionals_see_the_dashboard(request, sign_in, line, persona):
    history(line, 30)
    response = sign_in(request.getfixturevalue(persona)).get(url(line))
    assert response.status_code == 200
    assert "Mentors on call per shift" in response.content.decode()


@pytest.mark.parametrize("persona", ["director", "trainee", "mentor", "outsider"])
def test_others_get_404(request, sign_in, line, persona):
    assert sign_in(request.getfixturevalue(persona)).get(url(line)).status_code == 404


def test_cells_under_five_are_hidden(api_as, office_admin, line):
    WeeklyCount.objects.create(
        line=line, week_start=weeks_ago(2), topic="loneliness", risk="low", count=3
    )
    WeeklyCount.objects.create(
        line=line, week_start=weeks_ago(2), topic="imposter", risk="low", count=9
    )
    WeeklyCount.objects.create(
        line=line, week_start=weeks_ago(2), topic=ALL_REQUESTS, risk="low", count=11
    )
    body = api_as(office_admin).get(f"/support/lines/{line.pk}/dashboard").json()
    week = next(w for w in body["weeks"] if w["week_start"] == weeks_ago(2).isoformat())
    # with the week's total shown, the 9 would give the hidden 3 away (12 - 9): hidden too
    assert week["topics"] == {"loneliness": None, "imposter": None}
    assert (week["topics_named"], week["requests"]) == (12, 11)
    assert 3 not in [v for w in body["weeks"] for v in w["topics"].values()]


def test_a_request_count_that_would_reveal_a_hidden_total_is_hidden(api_as, office_admin, line):
    # given two weeks of one topic, 3 then 6: the 6 and its week's total are hidden too, or
    # the topic's total (9) would give the 3 away
    for n, count in ((1, 3), (2, 6)):
        for t in ("academic_stress", ALL_REQUESTS):
            WeeklyCount.objects.create(
                line=line, week_start=weeks_ago(n), topic=t, risk="low", count=count
            )
    body = api_as(office_admin).get(f"/support/lines/{line.pk}/dashboard").json()
    week = next(w for w in body["weeks"] if w["week_start"] == weeks_ago(2).isoformat())
    # then the 6 requests are hidden as well: shown, they would reveal the hidden total
    assert week["topics_named"] is None
    assert week["requests"] is None


def test_the_page_shows_hidden_for_small_cells(sign_in, office_admin, line):
    make_request(line, topics=["partner_violence"], opening_message="He hits me.")
    body = sign_in(office_admin).get(url(line)).content.decode()
    assert "hidden" in body
    assert "He hits me" not in body


def test_live_requests_and_kept_counts_add_up(api_as, office_admin, line):
    history(line, 3, per_week=5)
    for _ in range(5):
        make_request(line, topics=["academic_stress"])
    body = api_as(office_admin).get(f"/support/lines/{line.pk}/dashboard").json()
    by_week = {w["week_start"]: w for w in body["weeks"]}
    assert by_week[THIS_WEEK.isoformat()]["requests"] == 5
    assert by_week[weeks_ago(1).isoformat()]["topics"]["academic_stress"] == 5
    assert len(body["weeks"]) == 26


def test_forecast_backtest_and_calendar_are_shown(sign_in, api_as, office_admin, line, ridgeview):
    history(line, 40)
    calendar = CalendarFactory(
        institution=ridgeview, starts_on=weeks_ago(50), ends_on=weeks_ago(-30)
    )
    BlackoutFactory(
        calendar=calendar, name="Spring finals", starts_on=weeks_ago(-2), ends_on=weeks_ago(-2)
    )
    BlackoutFactory(
        calendar=calendar,
        name="Thanksgiving",
        kind="holiday",
        starts_on=weeks_ago(3),
        ends_on=weeks_ago(3),
    )
    body = sign_in(office_admin).get(url(line)).content.decode()
    assert "Tested on the last 8 weeks" in body
    assert "Thanksgiving" in body and "Spring finals" in body and "docs/forecast.md" in body
    data = api_as(office_admin).get(f"/support/lines/{line.pk}/dashboard").json()
    assert len(data["forecast"]) == 8
    finals_week = next(f for f in data["forecast"] if f["week_start"] == weeks_ago(-2).isoformat())
    assert finals_week["events"] == ["finals"]
    ordinary = data["forecast"][0]
    assert finals_week["mentors_on_call"] > ordinary["mentors_on_call"]
    # a flat history: only the held-out Thanksgiving week (forecast lower) misses
    assert 0 < data["backtest"]["mae"] < 1 and data["backtest"]["naive_mae"] == 0
    assert f"off by {data['backtest']['mae']} requests a week" in body
    assert set(data["backtest"]) == {"holdout_weeks", "mae", "mape", "naive_mae", "naive_mape"}


def test_with_little_history_the_page_says_the_check_needs_more(sign_in, office_admin, line):
    history(line, 4)
    body = sign_in(office_admin).get(url(line)).content.decode()
    assert "the accuracy check needs at least 16" in body


def test_the_query_count_does_not_grow_with_weeks_of_data(sign_in, office_admin, line, program):
    client = sign_in(office_admin)
    history(line, 5)
    make_request(line)
    client.get(url(line))
    with CaptureQueriesContext(connection) as few:
        assert client.get(url(line)).status_code == 200
    WeeklyCount.objects.all().delete()
    history(line, 100)
    for n in range(20):
        make_request(line, created_at=timezone.now() - datetime.timedelta(days=7 * n))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url(line)).status_code == 200
    assert len(many) == len(few)


def test_the_dashboard_list_leads_to_the_users_line(sign_in, office_admin, line, foreign_line):
    response = sign_in(office_admin).get(reverse("supportline:support_records_dashboards"))
    assert response.status_code == 302 and response.url == url(line)


def test_api_outsider_gets_404(api_as, outsider, line):
    assert api_as(outsider).get(f"/support/lines/{line.pk}/dashboard").status_code == 404
