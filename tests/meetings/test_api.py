"""The sessions API: the same rules as the pages, with specific errors."""

import json

import pytest
from django.test import Client

from nearpeer.meetings.models import Facilitation, Meeting, Series
from tests.meetings.factories import FacilitationFactory, MeetingFactory, SeriesFactory
from tests.support import api_token_for


class Api:
    def __init__(self, user):
        raw = api_token_for(user)
        self.client, self.headers = Client(), {"Authorization": f"Bearer {raw}"}

    def get(self, path, **params):
        return self.client.get("/api/v1" + path, params, headers=self.headers)

    def post(self, path, body=None):
        data = "" if body is None else json.dumps(body)
        return self.client.post(
            "/api/v1" + path, data, content_type="application/json", headers=self.headers
        )

    def delete(self, path):
        return self.client.delete("/api/v1" + path, headers=self.headers)


def series_body(program, year, **changes):
    body = {
        "program_id": program.pk,
        "name": "Noon sessions",
        "cadence": "monthly",
        "weekday": 2,
        "start_time": "12:00",
        "minutes": 60,
        "modality": "in_person",
        "room": "Room 2.14",
        "starts_on": str(year.starts_on),
        "ends_on": str(year.ends_on),
    }
    return body | changes


def test_coordinator_sets_up_and_staffs_a_series(coordinator, program, year, peers, plans):
    api = Api(coordinator)
    created = api.post("/series", series_body(program, year, plan_ids=[plans[0].pk]))
    assert created.status_code == 201, created.content
    series = created.json()["series"]
    assert series["plan_ids"] == [plans[0].pk] and len(series["meetings"]) == 12
    staffed = api.post(f"/series/{series['id']}/schedule")
    assert staffed.status_code == 200
    assert staffed.json()["staffed"] == 12
    detail = api.get(f"/series/{series['id']}").json()
    assert all(len(m["facilitators"]) == 2 for m in detail["meetings"])


def test_series_errors_are_specific_and_create_nothing(coordinator, program, year):
    response = Api(coordinator).post("/series", series_body(program, year, minutes=95, room=""))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["minutes"] == ["Sessions last 60 to 90 minutes; 95 is too long."]
    assert errors["room"] == ["In-person and hybrid sessions need a room."]
    assert not Series.objects.exists()


def test_fields_no_one_may_set_are_refused(coordinator, program, year):
    body = series_body(program, year, created_by=1, check_in_code="AAAAAA")
    assert Api(coordinator).post("/series", body).status_code == 422


def test_a_trainee_may_read_but_not_set_up_a_series(trainee, program, year):
    api = Api(trainee)
    assert api.post("/series", series_body(program, year)).status_code == 403
    assert api.get("/series").status_code == 200


def test_meetings_filter_by_program_and_dates(coordinator, program, other_program):
    ours = MeetingFactory(series=SeriesFactory(program=program), days=5)
    MeetingFactory(series=SeriesFactory(program=program), days=50)
    api = Api(coordinator)
    day = ours.starts_at.date()
    found = api.get("/meetings", program_id=program.pk, **{"from": day, "to": day}).json()
    assert [m["id"] for m in found["items"]] == [ours.pk]


@pytest.fixture
def meeting(program, peers):
    meeting = MeetingFactory(series=SeriesFactory(program=program), days=12)
    FacilitationFactory(meeting=meeting, user=peers[0])
    return meeting


def test_move_needs_a_time_zone_and_cancel_needs_a_reason(coordinator, meeting):
    api = Api(coordinator)
    naive = api.post(f"/meetings/{meeting.pk}/move", {"starts_at": "2030-01-09T12:00:00"})
    assert naive.status_code == 422
    assert "UTC offset" in naive.json()["errors"]["starts_at"][0]
    assert api.post(f"/meetings/{meeting.pk}/cancel", {"reason": ""}).status_code == 422
    done = api.post(f"/meetings/{meeting.pk}/cancel", {"reason": "Snow day"})
    assert done.status_code == 200 and done.json()["status"] == "cancelled"


def test_pin_and_remove_a_facilitator(coordinator, meeting, peers, trainee):
    api = Api(coordinator)
    pinned = api.post(f"/meetings/{meeting.pk}/facilitators", {"user_id": peers[1].pk})
    assert pinned.status_code == 200
    assert {f["id"]: f["pinned"] for f in pinned.json()["facilitators"]} == {
        peers[0].pk: False,
        peers[1].pk: True,
    }
    refused = api.post(f"/meetings/{meeting.pk}/facilitators", {"user_id": trainee.pk})
    assert refused.status_code == 400
    assert "doesn't lead sessions in this program" in refused.json()["detail"]
    assert api.delete(f"/meetings/{meeting.pk}/facilitators/{peers[0].pk}").status_code == 200
    assert list(Facilitation.objects.values_list("user_id", flat=True)) == [peers[1].pk]
    assert api.delete(f"/meetings/{meeting.pk}/facilitators/{trainee.pk}").status_code == 404


def test_my_meetings_lists_the_sessions_i_lead(meeting, peers):
    items = Api(peers[0]).get("/me/meetings").json()["items"]
    assert [m["id"] for m in items] == [meeting.pk]
    assert Api(peers[1]).get("/me/meetings").json()["items"] == []
    assert Meeting.objects.count() == 1
