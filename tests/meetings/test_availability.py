"""Facilitators say when they are free and how many sessions a month they can lead."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nearpeer.meetings import services
from nearpeer.meetings.models import Availability, AvailabilityException, FacilitatorProfile


@pytest.fixture
def peer(peers):
    return peers[0]


def test_a_facilitator_adds_and_removes_a_weekly_time(sign_in, peer):
    client = sign_in(peer)
    Availability.objects.filter(user=peer).delete()
    client.post(
        "/sessions/availability/",
        {"form": "window", "weekday": "1", "start_time": "12:00", "end_time": "13:30"},
    )
    window = Availability.objects.get(user=peer)
    assert (window.weekday, window.start_time, window.end_time) == (
        1, datetime.time(12), datetime.time(13, 30)
    )  # fmt: skip
    assert "Tuesday 12:00–13:30" in client.get("/sessions/availability/").content.decode()
    client.post(f"/sessions/availability/windows/{window.pk}/remove/")
    assert not Availability.objects.filter(user=peer).exists()


def test_overlapping_weekly_times_are_refused(peer):
    with pytest.raises(ValidationError) as caught:
        services.availability_window_add(
            user=peer, weekday=2, start_time=datetime.time(10), end_time=datetime.time(21)
        )
    assert caught.value.message_dict["start_time"] == [
        "Wednesday 10:00–21:00 overlaps Wednesday 08:00–20:00."
    ]


def test_a_time_that_ends_before_it_starts_is_refused(sign_in, peer):
    page = sign_in(peer).post(
        "/sessions/availability/",
        {"form": "window", "weekday": "1", "start_time": "14:00", "end_time": "13:00"},
    )
    assert page.status_code == 400
    assert "ends before it starts" in page.content.decode()


def test_a_facilitator_marks_a_day_away(sign_in, peer):
    day = datetime.date.today() + datetime.timedelta(days=9)
    sign_in(peer).post(
        "/sessions/availability/", {"form": "exception", "on": day, "available": "0"}
    )
    assert AvailabilityException.objects.get(user=peer, on=day).available is False


def test_the_monthly_cap_is_between_one_and_four(sign_in, peer):
    client = sign_in(peer)
    client.post("/sessions/availability/", {"form": "cap", "monthly_cap": "3"})
    assert FacilitatorProfile.objects.get(user=peer).monthly_cap == 3
    page = client.post("/sessions/availability/", {"form": "cap", "monthly_cap": "5"})
    assert page.status_code == 400
    assert FacilitatorProfile.objects.get(user=peer).monthly_cap == 3
    with pytest.raises(ValidationError):
        services.facilitator_cap_set(user=peer, monthly_cap=0)


def test_people_who_do_not_facilitate_have_no_availability_page(sign_in, trainee):
    assert sign_in(trainee).get("/sessions/availability/").status_code == 404
    with pytest.raises(PermissionDenied):
        services.availability_set(user=trainee, windows=[])


def test_no_one_removes_another_persons_times(sign_in, peers):
    theirs = Availability.objects.filter(user=peers[1]).first()
    page = sign_in(peers[0]).post(f"/sessions/availability/windows/{theirs.pk}/remove/")
    assert page.status_code == 404
    assert Availability.objects.filter(pk=theirs.pk).exists()


def test_staffing_needs_page_shows_the_rule_and_the_gap(sign_in, coordinator, program, peers):
    page = sign_in(coordinator).get("/sessions/staffing/").content.decode()
    assert "scheduler&#x27;s own rules" in page or "scheduler's own rules" in page
    assert program.name in page
    # nothing scheduled: the minimum of 4; three peers now
    assert "1 more" in page
