"""The outsider (another institution's office) finds nothing of Ridgeview's sessions: every page
and API endpoint answers 404, and their lists hold nothing of Ridgeview."""

import json

import pytest
from django.test import Client

from nearpeer.meetings.models import Meeting, Series
from tests.meetings.factories import FacilitationFactory, MeetingFactory, SeriesFactory
from tests.support import api_token_for


@pytest.fixture
def ridgeview_meeting(program, peers, year):
    meeting = MeetingFactory(series=SeriesFactory(program=program), days=15)
    FacilitationFactory(meeting=meeting, user=peers[0])
    return meeting


PAGES = [
    ("get", "/sessions/programs/{program}/"),
    ("get", "/sessions/programs/{program}/?view=calendar"),
    ("get", "/sessions/programs/{program}/series/new/"),
    ("post", "/sessions/programs/{program}/series/new/"),
    ("post", "/sessions/programs/{program}/staff/"),
    ("get", "/sessions/programs/{program}/staffing-status/"),
    ("post", "/sessions/series/{series}/staff/"),
    ("get", "/sessions/meetings/{meeting}/"),
    ("post", "/sessions/meetings/{meeting}/move/"),
    ("post", "/sessions/meetings/{meeting}/cancel/"),
    ("post", "/sessions/meetings/{meeting}/edit/"),
    ("post", "/sessions/meetings/{meeting}/rsvp/"),
    ("post", "/sessions/meetings/{meeting}/facilitators/pin/"),
    ("post", "/sessions/meetings/{meeting}/facilitators/swap/"),
    ("post", "/sessions/meetings/{meeting}/facilitators/{peer}/unpin/"),
    ("post", "/sessions/meetings/{meeting}/facilitators/{peer}/remove/"),
    ("get", "/sessions/availability/"),
    ("post", "/sessions/availability/windows/{window}/remove/"),
]


@pytest.mark.parametrize(("method", "path"), PAGES)
def test_the_outsider_gets_404_on_every_sessions_page(
    sign_in, outsider, program, ridgeview_meeting, peers, method, path
):
    url = path.format(
        program=program.pk,
        series=ridgeview_meeting.series_id,
        meeting=ridgeview_meeting.pk,
        peer=peers[0].pk,
        window=peers[0].availability.first().pk,
    )
    client = sign_in(outsider)
    response = getattr(client, method)(
        url, {"reason": "x", "going": "1"} if method == "post" else {}
    )
    assert response.status_code == 404
    assert Meeting.objects.get().status == Meeting.Status.SCHEDULED
    assert Series.objects.count() == 1


def test_the_outsiders_own_lists_show_nothing_of_ridgeview(sign_in, outsider, ridgeview_meeting):
    client = sign_in(outsider)
    for url in ("/sessions/mine/", "/sessions/upcoming/", "/sessions/staffing/", "/home/"):
        page = client.get(url)
        assert page.status_code == 200
        assert ridgeview_meeting.series.name not in page.content.decode()
        assert ridgeview_meeting.program.name not in page.content.decode()


API_CALLS = [
    ("get", "/series/{series}", None),
    ("post", "/series/{series}/schedule", None),
    ("get", "/meetings/{meeting}", None),
    ("post", "/meetings/{meeting}/move", {"starts_at": "2030-01-09T12:00:00-05:00"}),
    ("post", "/meetings/{meeting}/cancel", {"reason": "Because"}),
    ("post", "/meetings/{meeting}/facilitators", {"user_id": "{peer}"}),
    ("delete", "/meetings/{meeting}/facilitators/{peer}", None),
    ("post", "/series", "create"),
]


@pytest.mark.parametrize(("method", "path", "body"), API_CALLS)
def test_the_outsider_gets_404_on_every_sessions_api_endpoint(
    outsider, program, ridgeview_meeting, peers, year, method, path, body
):
    raw = api_token_for(outsider)
    ids = {
        "series": ridgeview_meeting.series_id,
        "meeting": ridgeview_meeting.pk,
        "peer": peers[0].pk,
    }
    if body == "create":
        body = {
            "program_id": program.pk, "name": "Sneaky", "weekday": 2, "start_time": "12:00",
            "room": "Room 1", "starts_on": str(year.starts_on), "ends_on": str(year.ends_on),
        }  # fmt: skip
    elif body and "user_id" in body:
        body = {"user_id": peers[0].pk}
    client = Client()
    kwargs = {"headers": {"Authorization": f"Bearer {raw}"}}
    if body is not None:
        kwargs |= {"data": json.dumps(body), "content_type": "application/json"}
    response = getattr(client, method)("/api/v1" + path.format(**ids), **kwargs)
    assert response.status_code == 404, response.content
    assert Meeting.objects.get().status == Meeting.Status.SCHEDULED
    assert Series.objects.count() == 1


@pytest.mark.parametrize("path", ["/series", "/meetings", "/me/meetings"])
def test_the_outsiders_api_lists_hold_nothing_of_ridgeview(outsider, ridgeview_meeting, path):
    raw = api_token_for(outsider)
    response = Client().get("/api/v1" + path, headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_director_of_another_program_cannot_change_our_sessions(
    sign_in, director, ridgeview_meeting
):
    client = sign_in(director)
    assert client.get(f"/sessions/meetings/{ridgeview_meeting.pk}/").status_code == 404
    response = client.post(f"/sessions/meetings/{ridgeview_meeting.pk}/cancel/", {"reason": "x"})
    assert response.status_code == 404
