"""The rota's JSON API: same policy as the pages, own input schemas, foreign ids are 404."""

import datetime

import pytest

from nearpeer.supportline.models import Shift, ShiftSwap
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import shifts
from tests.supportline.fixtures_rota import *  # noqa: F403
from tests.supportline.fixtures_rota import at, make_shift


@pytest.fixture
def shift(coordinator, line, day, prof, mentor_a):
    return make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)


@pytest.fixture
def swap(shift, mentor_a, mentor_b):
    return shifts.shift_swap_request(by=mentor_a, shift=shift, to_user=mentor_b)


def test_an_outsider_gets_404_on_every_rota_endpoint(api_as, outsider, line, shift, swap, day):
    api = api_as(outsider)
    assert api.get("/support/lines").json()["items"] == []
    assert api.get(f"/support/lines/{line.pk}/shifts").status_code == 404
    assert api.get(f"/support/lines/{line.pk}/coverage").status_code == 404
    body = {"starts_at": at(line, day, 8).isoformat(), "ends_at": at(line, day, 9).isoformat()}
    assert api.post(f"/support/lines/{line.pk}/shifts", body).status_code == 404
    for action in ("publish", "cancel", "sign-up"):
        assert api.post(f"/support/shifts/{shift.pk}/{action}").status_code == 404
    assert api.post(f"/support/shifts/{shift.pk}/swaps", {"to_user_id": 1}).status_code == 404
    assert api.post(f"/support/swaps/{swap.pk}/decide", {"approve": True}).status_code == 404
    shift.refresh_from_db()
    assert shift.status == Shift.Status.PUBLISHED and Shift.objects.count() == 1


def test_a_trainee_cannot_see_the_rota_through_the_api(api_as, trainee, line, shift):
    api = api_as(trainee)
    assert api.get("/support/lines").json()["items"] == []
    assert api.get(f"/support/lines/{line.pk}/shifts").status_code == 404


def test_staff_list_lines_and_shifts(api_as, coordinator, line, shift, day):
    api = api_as(coordinator)
    (listed,) = api.get("/support/lines").json()["items"]
    assert (listed["id"], listed["time_zone"]) == (line.pk, "America/New_York")
    answer = api.get(f"/support/lines/{line.pk}/shifts", **{"from": day.isoformat()}).json()
    assert [(s["id"], s["mentor"]["name"], s["backup"]["name"]) for s in answer] == [
        (shift.pk, "Mia Mentor", "Fay Faculty")
    ]
    assert datetime.datetime.fromisoformat(answer[0]["starts_at"]) == shift.starts_at


def test_staff_create_and_publish_a_shift(api_as, coordinator, line, day, prof, mentor_a):
    api = api_as(coordinator)
    body = {
        "starts_at": at(line, day, 8).isoformat(),
        "ends_at": at(line, day, 12).isoformat(),
        "mentor_id": mentor_a.pk,
    }
    created = api.post(f"/support/lines/{line.pk}/shifts", body)
    assert created.status_code == 201, created.content
    shift_id = created.json()["id"]
    refused = api.post(f"/support/shifts/{shift_id}/publish")
    assert refused.status_code == 400
    assert "backup" in refused.json()["detail"]
    shifts.shift_assign(
        by=coordinator, shift=Shift.objects.get(pk=shift_id), mentor=mentor_a, backup=prof
    )
    assert api.post(f"/support/shifts/{shift_id}/publish").json()["status"] == "published"
    assert api.post(f"/support/shifts/{shift_id}/cancel").json()["status"] == "cancelled"


def test_the_api_refuses_unknown_fields_naive_times_and_untrained_mentors(
    api_as, coordinator, line, day, rookie, prof
):
    api = api_as(coordinator)
    url = f"/support/lines/{line.pk}/shifts"
    good = {"starts_at": at(line, day, 8).isoformat(), "ends_at": at(line, day, 9).isoformat()}
    assert api.post(url, good | {"status": "published"}).status_code == 422
    naive = {"starts_at": "2030-01-01T08:00:00", "ends_at": "2030-01-01T09:00:00"}
    assert api.post(url, naive).status_code == 422
    untrained = api.post(url, good | {"mentor_id": rookie.pk, "backup_id": prof.pk})
    assert untrained.status_code == 400
    assert "training" in untrained.json()["detail"]
    assert not Shift.objects.exists()


def test_a_mentor_signs_up_and_swaps_and_a_professional_decides(
    api_as, coordinator, line, day, prof, mentor_a, mentor_b, rookie
):
    open_shift = make_shift(line, coordinator, day, 18, 22, backup=prof)
    mia = api_as(mentor_a)
    taken = mia.post(f"/support/shifts/{open_shift.pk}/sign-up")
    assert taken.json()["mentor"]["name"] == "Mia Mentor"
    assert (
        mia.post(f"/support/shifts/{open_shift.pk}/swaps", {"to_user_id": rookie.pk}).status_code
        == 400
    )
    asked = mia.post(f"/support/shifts/{open_shift.pk}/swaps", {"to_user_id": mentor_b.pk})
    assert asked.status_code == 201
    swap_id = asked.json()["id"]
    assert mia.post(f"/support/swaps/{swap_id}/decide", {"approve": True}).status_code == 404
    decided = api_as(prof).post(f"/support/swaps/{swap_id}/decide", {"approve": True})
    assert decided.json()["status"] == ShiftSwap.Status.APPROVED
    open_shift.refresh_from_db()
    assert open_shift.mentor == mentor_b


def test_coverage_answers_the_gaps(api_as, coordinator, line, prof, mentor_a):
    today = rs.line_today(line)
    tomorrow = today + datetime.timedelta(days=1)
    make_shift(line, coordinator, tomorrow, 8, 20, mentor=mentor_a, backup=prof)
    answer = api_as(coordinator).get(f"/support/lines/{line.pk}/coverage", weeks=1).json()
    assert len(answer["days"]) == 7 and answer["window"] == "08:00-24:00"
    (gap,) = answer["days"][1]["gaps"]
    assert datetime.datetime.fromisoformat(gap["starts_at"]) == at(line, tomorrow, 20)
    assert answer["days"][1]["uncovered_minutes"] == 240
    assert (
        api_as(coordinator).get(f"/support/lines/{line.pk}/coverage", weeks=99).status_code == 422
    )
