"""Calendar feeds: .ics that calendar apps read back in the program's own time zone (across
daylight saving), secret links hashed at rest that stop working when revoked; the outsider sees
nothing of Ridgeview's."""

import datetime
import re
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.test import Client
from django.utils import timezone

from nearpeer.meetings import services
from nearpeer.meetings.models import CalendarFeed
from tests.meetings.factories import ProgramPlanFactory, RsvpFactory
from tests.meetings.support_attendance import Api, meeting_at

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def chicago(program):
    program.time_zone = "America/Chicago"
    program.save(update_fields=["time_zone"])
    return program


def next_date(month: int, day: int = 14) -> datetime.date:
    today = timezone.localdate()
    year = today.year if (month, day) > (today.month, today.day) else today.year + 1
    return datetime.date(year, month, day)


def at_1730(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(17, 30), tzinfo=CHICAGO)


def events(body: bytes) -> list:
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


def download(client, meeting):
    response = client.get(f"/sessions/meetings/{meeting.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content


# --- What an event carries ----------------------------------------------------------------------


@pytest.mark.parametrize(("month", "offset_hours"), [(1, -6), (7, -5)])
def test_a_1730_chicago_session_reads_back_as_1730_in_chicago_winter_and_summer(
    sign_in, trainee, chicago, month, offset_hours
):
    meeting = meeting_at(chicago, at_1730(next_date(month)), minutes=75)
    body = download(sign_in(trainee), meeting)
    calendar = icalendar.Calendar.from_ical(body)
    [event] = calendar.walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "America/Chicago"
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (17, 30)
    assert start.utcoffset() == datetime.timedelta(hours=offset_hours)
    end = event.decoded("DTEND")
    assert (end.hour, end.minute) == (18, 45)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Chicago"]
    assert b"DTSTART;TZID=America/Chicago:" in body and b"T173000" in body


def test_an_event_has_a_stable_uid_place_link_and_plan(sign_in, trainee, program):
    plan = ProgramPlanFactory(program=program, title="Gratitude practice", summary="Noticing.")
    meeting = meeting_at(
        program, timezone.now() + datetime.timedelta(days=3), plan=plan, room="",
        modality="virtual", video_link="https://video.example/room-7",
    )  # fmt: skip
    client = sign_in(trainee)
    [first], [second] = events(download(client, meeting)), events(download(client, meeting))
    assert str(first["UID"]) == str(second["UID"]) == f"nearpeer-meeting-{meeting.pk}@127.0.0.1"
    assert str(first["LOCATION"]) == "Online"
    assert str(first["URL"]) == "https://video.example/room-7"
    assert "Gratitude practice" in str(first["DESCRIPTION"])
    assert "Noticing." in str(first["DESCRIPTION"])
    assert str(first["SUMMARY"]) == "Gratitude practice"
    assert first["SEQUENCE"] == 0


def test_moving_a_session_bumps_its_sequence_and_cancelling_marks_it_cancelled(
    sign_in, coordinator, trainee, program
):
    meeting = meeting_at(program, timezone.now() + datetime.timedelta(days=20))
    client = sign_in(trainee)
    services.meeting_move(
        by=coordinator, meeting=meeting, starts_at=meeting.starts_at + datetime.timedelta(days=1)
    )
    [moved] = events(download(client, meeting))
    assert moved["SEQUENCE"] == 1 and str(moved["STATUS"]) == "CONFIRMED"
    services.meeting_cancel(by=coordinator, meeting=meeting, reason="Room flooded")
    [cancelled] = events(download(client, meeting))
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled["SEQUENCE"] == 2


# --- Secret links -------------------------------------------------------------------------------


def new_link(client, **data) -> str:
    response = client.post("/sessions/feeds/", data)
    assert response.status_code == 200, response.content
    return re.search(r'value="(http[^"]+\.ics)"', response.content.decode()).group(1)


def path_of(url: str) -> str:
    return url.split("127.0.0.1:8000", 1)[1]


def test_a_personal_feed_lists_sessions_i_lead_or_said_i_would_come_to(
    sign_in, peers, trainee, program
):
    soon = timezone.now() + datetime.timedelta(days=5)
    led = meeting_at(program, soon, facilitators=[peers[0]])
    going = meeting_at(program, soon + datetime.timedelta(days=7))
    other = meeting_at(program, soon + datetime.timedelta(days=14))
    RsvpFactory(meeting=going, user=peers[0])
    RsvpFactory(meeting=other, user=trainee)
    url = new_link(sign_in(peers[0]))
    response = Client().get(path_of(url))  # a calendar app: no session
    assert response.status_code == 200
    uids = {str(e["UID"]).split("@")[0] for e in events(response.content)}
    assert uids == {f"nearpeer-meeting-{led.pk}", f"nearpeer-meeting-{going.pk}"}


def test_the_token_is_kept_only_as_a_hash(sign_in, trainee):
    url = new_link(sign_in(trainee))
    raw = path_of(url).removeprefix("/sessions/feeds/").removesuffix(".ics")
    feed = CalendarFeed.objects.get()
    assert raw not in feed.token_hash and len(feed.token_hash) == 64
    assert raw not in sign_in(trainee).get("/sessions/feeds/").content.decode()


def test_a_revoked_link_is_404(sign_in, trainee):
    client = sign_in(trainee)
    url = new_link(client)
    feed = CalendarFeed.objects.get()
    client.post(f"/sessions/feeds/{feed.pk}/revoke/")
    assert Client().get(path_of(url)).status_code == 404


def test_a_new_link_replaces_the_old_one(sign_in, trainee):
    client = sign_in(trainee)
    old, new = new_link(client), new_link(client)
    assert Client().get(path_of(old)).status_code == 404
    assert Client().get(path_of(new)).status_code == 200
    assert CalendarFeed.objects.filter(revoked_at__isnull=True).count() == 1


def test_a_coordinator_makes_a_program_feed_of_every_session(sign_in, coordinator, program):
    soon = timezone.now() + datetime.timedelta(days=5)
    meetings = [meeting_at(program, soon + datetime.timedelta(days=7 * k)) for k in range(3)]
    url = new_link(sign_in(coordinator), program=program.pk)
    body = Client().get(path_of(url)).content
    assert len(events(body)) == len(meetings)
    assert CalendarFeed.objects.get().program == program


def test_a_program_feed_stops_when_its_maker_no_longer_runs_the_program(
    sign_in, coordinator, program
):
    url = new_link(sign_in(coordinator), program=program.pk)
    coordinator.memberships.update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    assert Client().get(path_of(url)).status_code == 404


def test_a_trainee_cannot_make_a_program_feed(sign_in, trainee, program):
    response = sign_in(trainee).post("/sessions/feeds/", {"program": program.pk})
    assert response.status_code == 400
    assert not CalendarFeed.objects.exists()


def test_an_unknown_link_is_404(db):
    assert Client().get("/sessions/feeds/nothing-here.ics").status_code == 404


def test_the_api_makes_lists_and_revokes_links(coordinator, program):
    api = Api(coordinator)
    made = api.post("/feeds", {"program_id": program.pk})
    assert made.status_code == 201, made.content
    assert Client().get(path_of(made.json()["url"])).status_code == 200
    assert [f["program_id"] for f in api.get("/feeds").json()] == [program.pk]
    assert api.delete(f"/feeds/{made.json()['id']}").status_code == 204
    assert Client().get(path_of(made.json()["url"])).status_code == 404


# --- The outsider -------------------------------------------------------------------------------


def test_the_outsider_gets_404_for_ridgeview_sessions_and_links(
    sign_in, outsider, coordinator, program
):
    meeting = meeting_at(program, timezone.now() + datetime.timedelta(days=4))
    new_link(sign_in(coordinator, Client()), program=program.pk)
    feed = CalendarFeed.objects.get()
    client = sign_in(outsider)
    assert client.get(f"/sessions/meetings/{meeting.pk}.ics").status_code == 404
    assert client.post(f"/sessions/feeds/{feed.pk}/revoke/").status_code == 404
    page = client.get("/sessions/feeds/").content.decode()
    assert program.name not in page
    assert client.post("/sessions/feeds/", {"program": program.pk}).status_code == 400
    api = Api(outsider)
    assert api.get("/feeds").json() == []
    assert api.delete(f"/feeds/{feed.pk}").status_code == 404
    assert api.post("/feeds", {"program_id": program.pk}).status_code == 404
    assert CalendarFeed.objects.filter(program=program, revoked_at__isnull=True).count() == 1


def test_the_outsiders_own_feed_holds_nothing_of_ridgeview(sign_in, outsider, program, peers):
    meeting_at(program, timezone.now() + datetime.timedelta(days=4), facilitators=[peers[0]])
    url = new_link(sign_in(outsider))
    assert events(Client().get(path_of(url)).content) == []
