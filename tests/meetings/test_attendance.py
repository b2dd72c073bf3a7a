"""Taking attendance: one tap per person (with htmx or a plain form), trainees checking in with
the session's code while it runs, counts for facilitators and staff; the outsider sees nothing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nearpeer.meetings.models import Attendance
from nearpeer.tenancy.models import Role
from tests.conftest import _member
from tests.meetings.factories import RsvpFactory
from tests.meetings.support_attendance import Api, meeting_at, running_now, trainees

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def session(program, peers):
    return running_now(program, facilitators=peers[:2], check_in_code="K7M2QP")


def toggle_url(meeting, person):
    return f"/sessions/meetings/{meeting.pk}/attendance/{person.pk}/"


# --- One tap per person -------------------------------------------------------------------------


def test_one_htmx_tap_marks_a_trainee_present_and_returns_the_updated_row(
    sign_in, peers, session, trainee
):
    client = sign_in(peers[0])
    response = client.post(toggle_url(session, trainee), {"present": "1"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<li id="person-{trainee.pk}"')
    assert 'aria-pressed="true"' in html and "Present" in html
    assert 'id="present-count" hx-swap-oob="true">1<' in html
    mark = Attendance.objects.get(meeting=session, user=trainee)
    assert mark.via == Attendance.Via.FACILITATOR


def test_a_second_tap_marks_the_trainee_absent_again(sign_in, peers, session, trainee):
    client = sign_in(peers[0])
    client.post(toggle_url(session, trainee), {"present": "1"}, **HTMX)
    response = client.post(toggle_url(session, trainee), {"present": "0"}, **HTMX)
    assert 'aria-pressed="false"' in response.content.decode()
    assert not Attendance.objects.filter(meeting=session).exists()


def test_without_javascript_a_plain_post_marks_present_and_returns_to_the_list(
    sign_in, peers, session, trainee
):
    client = sign_in(peers[0])
    response = client.post(toggle_url(session, trainee), {"present": "1", "q": "Tara"})
    assert response.status_code == 302
    assert response["Location"] == (
        f"/sessions/meetings/{session.pk}/attendance/?q=Tara#person-{trainee.pk}"
    )
    assert Attendance.objects.filter(meeting=session, user=trainee).exists()
    page = client.get(f"/sessions/meetings/{session.pk}/attendance/").content.decode()
    assert f'action="/sessions/meetings/{session.pk}/attendance/{trainee.pk}/"' in page
    assert 'name="present" value="0"' in page  # the next tap undoes it


def test_program_staff_may_take_attendance_too(sign_in, coordinator, session, trainee):
    client = sign_in(coordinator)
    client.post(toggle_url(session, trainee), {"present": "1"}, **HTMX)
    assert Attendance.objects.filter(meeting=session, user=trainee).exists()


def test_a_trainee_cannot_open_or_change_attendance(sign_in, session, trainee):
    client = sign_in(trainee)
    assert client.get(f"/sessions/meetings/{session.pk}/attendance/").status_code == 404
    assert client.post(toggle_url(session, trainee), {"present": "1"}).status_code == 404
    assert not Attendance.objects.exists()


def test_someone_who_is_not_a_trainee_of_the_program_cannot_be_marked(
    sign_in, peers, session, director
):
    client = sign_in(peers[0])
    response = client.post(toggle_url(session, director), {"present": "1"}, **HTMX)
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_attendance_does_not_open_until_15_minutes_before_the_start(
    sign_in, peers, program, trainee
):
    later = meeting_at(
        program, timezone.now() + datetime.timedelta(hours=2), facilitators=peers[:1]
    )
    client = sign_in(peers[0])
    response = client.post(toggle_url(later, trainee), {"present": "1"}, **HTMX)
    assert "Attendance opens 15 minutes before the session starts" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_bad_toggle_value_is_explained_and_changes_nothing(sign_in, peers, session, trainee):
    client = sign_in(peers[0])
    response = client.post(toggle_url(session, trainee), {"present": "maybe"}, **HTMX)
    assert "Say whether the person is present." in response.content.decode()
    assert not Attendance.objects.exists()


# --- The list -----------------------------------------------------------------------------------


def test_people_who_said_they_would_come_are_listed_first_then_by_name(
    sign_in, peers, program, session
):
    zoe, adam, mia = trainees(program, ["Zoe Zimmer", "Adam Abbott", "Mia Moreno"])
    RsvpFactory(meeting=session, user=zoe)
    page = sign_in(peers[0]).get(f"/sessions/meetings/{session.pk}/attendance/")
    html = page.content.decode()
    order = [html.index(name) for name in ("Zoe Zimmer", "Adam Abbott", "Mia Moreno")]
    assert order == sorted(order)
    assert "said they'd come" in html
    assert 'hx-trigger="keyup changed delay:300ms, search"' in html


def test_the_search_box_filters_on_the_server_for_htmx(sign_in, peers, program, session):
    trainees(program, ["Zoe Zimmer", "Adam Abbott"])
    client = sign_in(peers[0])
    response = client.get(
        f"/sessions/meetings/{session.pk}/attendance/?q=zim",
        HTTP_HX_REQUEST="true",
        HTTP_HX_TARGET="attendance-list",
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<ul id="attendance-list"')
    assert "Zoe Zimmer" in html and "Adam Abbott" not in html
    assert "<html" not in html


def test_the_attendance_page_runs_the_same_queries_for_3_or_30_trainees(
    sign_in, peers, program, session
):
    client = sign_in(peers[0])
    url = f"/sessions/meetings/{session.pk}/attendance/"
    people = trainees(program, [f"Few {n}" for n in range(3)])
    RsvpFactory(meeting=session, user=people[0])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    people = trainees(program, [f"Many {n}" for n in range(27)])
    Attendance.objects.create(meeting=session, user=people[3], via="self")
    with CaptureQueriesContext(connection) as many:
        html = client.get(url).content.decode()
    assert "Many 26" in html
    assert len(many) == len(few)


def test_the_overview_shows_how_many_came_to_each_session(sign_in, peers, session, program):
    people = trainees(program, ["Ana Ames", "Ben Burr"])
    for person in people:
        Attendance.objects.create(meeting=session, user=person, via="facilitator")
    RsvpFactory(meeting=session, user=people[0])
    html = sign_in(peers[0]).get("/sessions/attendance/").content.decode()
    assert f"/sessions/meetings/{session.pk}/attendance/" in html
    assert "<td>2</td>" in html and "<td>1</td>" in html


# --- Self check-in ------------------------------------------------------------------------------


def check_in(client, code):
    return client.post("/sessions/check-in/", {"code": code})


def test_a_trainee_checks_in_with_the_code_while_the_session_runs(sign_in, session, trainee):
    client = sign_in(trainee)
    response = check_in(client, " k7m-2qp ")
    assert response.status_code == 302
    assert "re checked in to" in client.get(response["Location"]).content.decode()
    assert Attendance.objects.get(meeting=session, user=trainee).via == Attendance.Via.SELF


def test_checking_in_twice_counts_once(sign_in, session, trainee):
    client = sign_in(trainee)
    check_in(client, "K7M2QP")
    check_in(client, "K7M2QP")
    assert Attendance.objects.filter(meeting=session, user=trainee).count() == 1


@pytest.mark.parametrize(
    ("minutes_from_now", "allowed"),
    [(20, False), (14, True), (-59, True), (-61, False)],
)
def test_check_in_opens_15_minutes_before_and_closes_at_the_end(
    sign_in, program, trainee, minutes_from_now, allowed
):
    start = timezone.now() + datetime.timedelta(minutes=minutes_from_now)
    meeting_at(program, start, check_in_code="K7M2QP")
    response = check_in(sign_in(trainee), "K7M2QP")
    assert Attendance.objects.exists() is allowed
    if not allowed:
        text = response.content.decode()
        assert response.status_code == 400
        assert "opens 15 minutes before" in text or "check-in is closed" in text


def test_a_wrong_code_is_explained(sign_in, session, trainee):
    response = check_in(sign_in(trainee), "ZZZZZZ")
    assert response.status_code == 400
    assert "doesn&#x27;t match a session in your programs" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_code_of_the_wrong_length_is_explained(sign_in, session, trainee):
    response = check_in(sign_in(trainee), "K7M")
    assert "six letters" in response.content.decode() or "6 letters" in response.content.decode()


def test_only_trainees_of_the_program_check_in(sign_in, program, session, peers):
    response = check_in(sign_in(peers[2]), "K7M2QP")
    assert "Check-in is for trainees of" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_trainee_of_another_program_gets_the_wrong_code_message(sign_in, other_program, session):
    other = _member(Role.TRAINEE, other_program, full_name="Omar Other")
    response = check_in(sign_in(other), "K7M2QP")
    assert "doesn&#x27;t match" in response.content.decode()
    assert not Attendance.objects.exists()


# --- API ----------------------------------------------------------------------------------------


def test_the_api_lists_and_marks_attendance_for_a_facilitator(peers, session, trainee):
    api = Api(peers[0])
    marked = api.post(
        f"/meetings/{session.pk}/attendance", {"user_id": trainee.pk, "present": True}
    )
    assert marked.status_code == 200, marked.content
    assert marked.json()["present_count"] == 1
    listed = api.get(f"/meetings/{session.pk}/attendance").json()
    assert listed["people"] == [
        {"user_id": trainee.pk, "name": "Tara Trainee", "rsvp": False, "present": True,
         "via": "facilitator"}
    ]  # fmt: skip


def test_the_api_refuses_fields_it_does_not_take(peers, session, trainee):
    response = Api(peers[0]).post(
        f"/meetings/{session.pk}/attendance",
        {"user_id": trainee.pk, "present": True, "via": "self"},
    )
    assert response.status_code == 422
    assert not Attendance.objects.exists()


def test_a_trainee_checks_in_through_the_api(session, trainee):
    response = Api(trainee).post("/check-in", {"code": "k7m2qp"})
    assert response.status_code == 200 and response.json() == {
        "meeting_id": session.pk,
        "new": True,
    }
    wrong = Api(trainee).post("/check-in", {"code": "ZZZZZZ"})
    assert wrong.status_code == 400 and "doesn't match" in wrong.json()["detail"]


# --- The outsider -------------------------------------------------------------------------------


def test_the_outsider_gets_404_for_every_attendance_page_and_endpoint(
    sign_in, outsider, session, trainee
):
    client = sign_in(outsider)
    assert client.get(f"/sessions/meetings/{session.pk}/attendance/").status_code == 404
    assert client.post(toggle_url(session, trainee), {"present": "1"}).status_code == 404
    assert client.post(toggle_url(session, trainee), {"present": "1"}, **HTMX).status_code == 404
    api = Api(outsider)
    assert api.get(f"/meetings/{session.pk}/attendance").status_code == 404
    marked = api.post(
        f"/meetings/{session.pk}/attendance", {"user_id": trainee.pk, "present": True}
    )
    assert marked.status_code == 404
    assert not Attendance.objects.exists()


def test_the_outsiders_lists_and_check_in_hold_nothing_of_ridgeview(
    sign_in, outsider, session, program
):
    client = sign_in(outsider)
    overview = client.get("/sessions/attendance/").content.decode()
    assert f"/sessions/meetings/{session.pk}/" not in overview
    assert program.name not in overview
    response = check_in(client, "K7M2QP")
    assert "doesn&#x27;t match" in response.content.decode()
    assert not Attendance.objects.exists()
