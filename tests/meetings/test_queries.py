"""Season, "my sessions" and home pages run a fixed number of queries, however many sessions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.meetings.factories import FacilitationFactory, MeetingFactory, SeriesFactory


def grow(program, peers, n, first_day=3):
    series = SeriesFactory(program=program)
    for k in range(n):
        meeting = MeetingFactory(series=series, days=first_day + 7 * k)
        FacilitationFactory(meeting=meeting, user=peers[0])
        FacilitationFactory(meeting=meeting, user=peers[1], pinned=True)


def count(client, url) -> int:
    client.get(url)  # the first request of a session fills caches; measure a warm one
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["coordinator", "peer", "trainee"])
def test_query_count_does_not_grow_with_sessions(sign_in, request, program, peers, trainee, who):
    user = peers[0] if who == "peer" else request.getfixturevalue(who)
    url = {
        "coordinator": f"/sessions/programs/{program.pk}/",
        "peer": "/sessions/mine/",
        "trainee": "/sessions/upcoming/",
    }[who]
    client = sign_in(user)
    grow(program, peers, 2)
    few = count(client, url)
    grow(program, peers, 8, first_day=100)
    assert count(client, url) == few


def test_calendar_view_query_count_does_not_grow(sign_in, coordinator, program, peers):
    client = sign_in(coordinator)
    url = f"/sessions/programs/{program.pk}/?view=calendar"
    grow(program, peers, 1)
    few = count(client, url)
    grow(program, peers, 4, first_day=1)
    assert count(client, url) == few


def test_home_page_lists_the_next_three_sessions_in_bounded_queries(
    sign_in, trainee, program, peers
):
    client = sign_in(trainee)
    grow(program, peers, 1)
    few = count(client, "/home/")
    grow(program, peers, 6, first_day=2)
    assert count(client, "/home/") == few
    page = client.get("/home/").content.decode()
    assert page.count("/sessions/meetings/") == 3


def test_the_season_page_copes_with_a_strange_year_or_month(sign_in, coordinator, program):
    client = sign_in(coordinator)
    for query in ("?year=99999", "?year=abc", "?month=2026-13", "?view=calendar&year=-1"):
        assert client.get(f"/sessions/programs/{program.pk}/{query}").status_code == 200


def test_coordinator_home_counts_what_sessions_need_in_bounded_queries(
    sign_in, coordinator, program, peers
):
    client = sign_in(coordinator)
    grow(program, peers, 1)
    MeetingFactory(series=SeriesFactory(program=program), days=40)  # nobody to lead it
    few = count(client, "/home/")
    grow(program, peers, 8, first_day=50)
    for k in range(5):
        MeetingFactory(series=SeriesFactory(program=program), days=60 + k)
    assert count(client, "/home/") == few
    page = client.get("/home/").content.decode()
    assert "6 upcoming sessions with no facilitators" in page
