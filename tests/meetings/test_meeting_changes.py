"""Moving, cancelling and editing one session: refusals, history, and who is told."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from nearpeer.meetings import services
from nearpeer.meetings.models import Meeting, Rsvp
from tests.factories import BlackoutFactory
from tests.meetings.factories import (
    FacilitationFactory,
    MeetingFactory,
    ProgramPlanFactory,
    RsvpFactory,
    SeriesFactory,
)


@pytest.fixture
def meeting(program, peers, trainee):
    meeting = MeetingFactory(series=SeriesFactory(program=program), days=20)
    FacilitationFactory(meeting=meeting, user=peers[0])
    FacilitationFactory(meeting=meeting, user=peers[1])
    RsvpFactory(meeting=meeting, user=trainee)
    return meeting


def local_noon(days: int, program) -> datetime.datetime:
    zone = ZoneInfo(program.time_zone)
    day = datetime.datetime.now(zone).date() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=zone)


def test_moving_into_a_blackout_is_refused_with_its_name(coordinator, meeting, program, ridgeview):
    target = local_noon(25, program)
    from tests.factories import CalendarFactory

    calendar = CalendarFactory(
        institution=ridgeview,
        starts_on=target.date() - datetime.timedelta(days=100),
        ends_on=target.date() + datetime.timedelta(days=100),
    )
    BlackoutFactory(calendar=calendar, name="Spring board exams", starts_on=target.date(),
                    ends_on=target.date())  # fmt: skip
    before = meeting.starts_at
    with pytest.raises(ValidationError) as caught:
        services.meeting_move(by=coordinator, meeting=meeting, starts_at=target, reason="")
    assert caught.value.message_dict["starts_at"] == [
        f"{target.day} {target:%b} falls in Spring board exams: choose another day."
    ]
    meeting.refresh_from_db()
    assert meeting.starts_at == before and not meeting.changes.exists()


def test_moving_keeps_the_length_records_history_and_tells_people(
    coordinator, meeting, program, trainee, peers, django_capture_on_commit_callbacks
):
    target = local_noon(30, program)
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_move(
            by=coordinator, meeting=meeting, starts_at=target, reason="Room works"
        )
    meeting.refresh_from_db()
    assert meeting.starts_at == target
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=60)
    change = meeting.changes.get()
    assert change.what.startswith("Moved from ") and change.reason == "Room works"
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [trainee.email, peers[0].email, peers[1].email]
    )
    assert all(len(m.to) == 1 for m in mail.outbox), "nobody sees the others' addresses"
    assert "Why: Room works" in mail.outbox[0].body


def test_moving_refuses_when_a_facilitator_is_busy_then(coordinator, meeting, program, peers):
    target = local_noon(40, program)
    elsewhere = MeetingFactory(series=SeriesFactory(program=program), starts_at=target,
                               ends_at=target + datetime.timedelta(hours=1))  # fmt: skip
    FacilitationFactory(meeting=elsewhere, user=peers[0])
    with pytest.raises(ValidationError) as caught:
        services.meeting_move(by=coordinator, meeting=meeting, starts_at=target)
    assert caught.value.code == "double_booked"


def test_cancelling_needs_a_reason(coordinator, meeting):
    with pytest.raises(ValidationError) as caught:
        services.meeting_cancel(by=coordinator, meeting=meeting, reason="   ")
    assert caught.value.message_dict["reason"] == [
        "Say why the session is cancelled: it is sent to the people coming."
    ]
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED


def test_cancelling_emails_everyone_who_rsvpd_and_the_facilitators(
    sign_in, coordinator, meeting, trainee, peers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = sign_in(coordinator).post(
            f"/sessions/meetings/{meeting.pk}/cancel/", {"reason": "Snow day: campus closed"}
        )
    assert page.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED
    assert meeting.cancel_reason == "Snow day: campus closed"
    assert {m.to[0] for m in mail.outbox} == {trainee.email, peers[0].email, peers[1].email}
    assert "Snow day: campus closed" in mail.outbox[0].body
    assert meeting.changes.get().what == "Cancelled"


def test_the_cancel_form_without_a_reason_says_so_and_changes_nothing(
    sign_in, coordinator, meeting
):
    page = sign_in(coordinator).post(f"/sessions/meetings/{meeting.pk}/cancel/", {"reason": ""})
    assert page.status_code == 400
    assert "This field is required" in page.content.decode()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.SCHEDULED and not mail.outbox


def test_editing_place_and_plan_is_kept_in_the_history(coordinator, meeting, program):
    plan = ProgramPlanFactory(program=program, title="Sleep and rest")
    services.meeting_update(
        by=coordinator, meeting=meeting, room="", video_link="https://meet.example/ridge",
        modality="virtual", plan=plan,
    )  # fmt: skip
    what = meeting.changes.get().what
    assert "Format: In person → Virtual" in what and "Plan: none → Sleep and rest" in what


def test_editing_refuses_a_plan_of_another_program(coordinator, meeting, other_program):
    theirs = ProgramPlanFactory(program=other_program)
    with pytest.raises(ValidationError) as caught:
        services.meeting_update(by=coordinator, meeting=meeting, room="Room 1", video_link="",
                                modality="in_person", plan=theirs)  # fmt: skip
    assert "plan" in caught.value.message_dict


def test_the_meeting_page_shows_history_to_staff_and_not_to_trainees(
    sign_in, client, coordinator, trainee, meeting
):
    services.meeting_cancel(by=coordinator, meeting=meeting, reason="Snow day")
    staff_page = sign_in(coordinator).get(f"/sessions/meetings/{meeting.pk}/").content.decode()
    assert "History" in staff_page and "Snow day" in staff_page
    client.logout()
    trainee_page = sign_in(trainee).get(f"/sessions/meetings/{meeting.pk}/")
    assert trainee_page.status_code == 200
    assert "History" not in trainee_page.content.decode()
    assert meeting.check_in_code not in trainee_page.content.decode()


def test_a_trainee_says_they_will_come_and_changes_their_mind(sign_in, trainee, program):
    meeting = MeetingFactory(series=SeriesFactory(program=program), days=5)
    client = sign_in(trainee)
    page = client.get("/sessions/upcoming/").content.decode()
    assert "I'll come" in page
    client.post(f"/sessions/meetings/{meeting.pk}/rsvp/", {"going": "1"})
    assert Rsvp.objects.filter(meeting=meeting, user=trainee).exists()
    assert "You're coming" in client.get("/sessions/upcoming/").content.decode()
    client.post(f"/sessions/meetings/{meeting.pk}/rsvp/", {"going": "0"})
    assert not Rsvp.objects.filter(meeting=meeting, user=trainee).exists()


def test_a_trainee_cannot_rsvp_to_a_cancelled_session(trainee, coordinator, program):
    meeting = MeetingFactory(series=SeriesFactory(program=program), days=5)
    services.meeting_cancel(by=coordinator, meeting=meeting, reason="Snow")
    with pytest.raises(ValidationError):
        services.rsvp_create(user=trainee, meeting=meeting)
