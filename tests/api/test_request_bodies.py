"""A request the API can't read, or a time it can't place, is a clear 4xx that says what to send:
never a server error, and nothing changes (issue #7, defect 5)."""

import pytest
from django.conf import settings

from nearpeer.meetings.models import Series
from nearpeer.tenancy.models import Membership
from tests.api.conftest import API

pytestmark = pytest.mark.django_db


def _series(program, **fields):
    return {
        "program_id": program.pk,
        "name": "Evening sessions",
        "weekday": 2,
        "start_time": "17:00",
        "room": "Room 2.14",
        "starts_on": "2026-09-01",
        "ends_on": "2027-05-31",
    } | fields


def test_a_roster_upload_without_a_multipart_boundary_says_how_to_send_the_file(
    api_as, trainee, program
):
    client = api_as(trainee)  # even before anyone checks who may import
    response = client.client.post(
        f"{API}/programs/{program.pk}/roster",
        b"name,email\n",
        content_type="multipart/form-data",
        headers=client.headers,
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "multipart/form-data" in detail and "boundary" in detail and "-F file=@" in detail


def test_a_body_that_is_not_json_says_to_send_json(api_as, coordinator, program):
    client = api_as(coordinator)
    response = client.client.post(
        f"{API}/series", b"{not json", content_type="application/json", headers=client.headers
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]
    assert not Series.objects.exists()


def test_too_many_form_fields_is_a_json_answer(api_as, coordinator, program):
    client = api_as(coordinator)
    fields = "&".join(f"f{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.client.post(
        f"{API}/programs/{program.pk}/roster",
        fields,
        content_type="application/x-www-form-urlencoded",
        headers=client.headers,
    )
    assert response.status_code == 400
    assert "too many form fields" in response.json()["detail"]
    assert Membership.objects.filter(program=program).count() == 1


@pytest.mark.parametrize("start_time", ["17:00:00+00:00", "17:00Z", "17:00:00-05:00"])
def test_a_series_start_time_with_an_offset_asks_for_the_local_time(
    api_as, coordinator, program, start_time
):
    response = api_as(coordinator).post("/series", _series(program, start_time=start_time))
    assert response.status_code == 422
    assert response.json()["errors"]["start_time"] == [
        "Give the local time in the program's time zone, without an offset, such as 17:00."
    ]
    assert not Series.objects.exists()


@pytest.mark.parametrize("start_time", ["25:00", "5pm", 61200, "17"])
def test_a_series_start_time_that_is_not_a_clock_time_says_how_to_write_it(
    api_as, coordinator, program, start_time
):
    response = api_as(coordinator).post("/series", _series(program, start_time=start_time))
    assert response.status_code == 422
    assert response.json()["errors"]["start_time"] == [
        "Give the time as HH:MM on a 24-hour clock, such as 17:00."
    ]


def test_a_series_at_a_local_time_is_created_and_answered_without_an_offset(
    api_as, coordinator, program
):
    response = api_as(coordinator).post("/series", _series(program, start_time="17:30"))
    assert response.status_code == 201, response.content
    assert response.json()["series"]["start_time"] == "17:30:00"
