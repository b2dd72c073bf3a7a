"""Lists that grow with the data show a page at a time: sessions (trainee and facilitator) and
the season. Stale or strange page numbers show a page, never an error."""

import re

import pytest

from nearpeer.meetings.selectors.season import SEASON_PAGE
from nearpeer.paging import PER_PAGE
from tests.meetings.factories import FacilitationFactory, MeetingFactory, SeriesFactory


def sessions(program, n, lead=None):
    series = SeriesFactory(program=program)
    for k in range(n):
        meeting = MeetingFactory(series=series, days=3 + k)
        if lead is not None:
            FacilitationFactory(meeting=meeting, user=lead)


def rows(html: str) -> int:
    return len(re.findall(r'href="/sessions/meetings/\d+/"', html))


@pytest.mark.parametrize("who", ["trainee", "peer"])
def test_the_sessions_list_shows_a_page_at_a_time(sign_in, request, program, peers, who):
    user = peers[0] if who == "peer" else request.getfixturevalue("trainee")
    url = "/sessions/mine/" if who == "peer" else "/sessions/upcoming/"
    sessions(program, PER_PAGE + 5, lead=peers[0])
    client = sign_in(user)

    first = client.get(url).content.decode()
    assert rows(first) == PER_PAGE
    assert f"Showing 1–{PER_PAGE} of {PER_PAGE + 5}." in first
    assert f'href="{url}?page=2" rel="next"' in first

    second = client.get(url + "?page=2").content.decode()
    assert rows(second) == 5
    assert f'href="{url}" rel="prev"' in second  # page 1's link drops the parameter
    assert "Page 2 of 2" in second

    assert rows(client.get(url + "?page=99").content.decode()) == 5  # past the end: the last page
    assert rows(client.get(url + "?page=abc").content.decode()) == PER_PAGE


def test_a_short_list_has_no_pager(sign_in, program, trainee):
    sessions(program, 3)
    html = sign_in(trainee).get("/sessions/upcoming/").content.decode()
    assert rows(html) == 3 and 'class="pager"' not in html


def test_the_season_list_pages_and_keeps_the_year(sign_in, coordinator, program):
    sessions(program, SEASON_PAGE + 2)
    client = sign_in(coordinator)
    url = f"/sessions/programs/{program.pk}/"

    first = client.get(url).content.decode()
    assert rows(first) == SEASON_PAGE
    second = client.get(url + "?page=2").content.decode()
    assert rows(second) == 2

    year = re.search(r"Sessions, (\d{4})", first).group(1)
    kept = client.get(f"{url}?year={year}").content.decode()
    assert f'href="{url}?year={year}&amp;page=2" rel="next"' in kept


def test_the_season_calendar_shows_the_whole_month_whatever_the_page(sign_in, coordinator, program):
    sessions(program, SEASON_PAGE + 2)
    client = sign_in(coordinator)
    html = client.get(f"/sessions/programs/{program.pk}/?view=calendar&page=2").content.decode()
    assert rows(html) > 2  # the month's sessions, not the list's second page
