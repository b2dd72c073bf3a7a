"""Every page that shows a time shows local time, with the zone named.

Ridgeview and its residency are in Pacific/Kiritimati (UTC+14), so a local time and its UTC time
never match. A session at 12:35 there is at 22:35 UTC the day before. Pages about one program's
sessions show the program's zone; personal pages (home, my sessions, messages, the access log)
show the person's zone: their own choice if they made one, else their program's.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from nearpeer.audit.services import access_record
from nearpeer.meetings.models import Reminder
from nearpeer.meetings.selectors import academic_year_of
from nearpeer.meetings.services import reminders
from nearpeer.supportline.services import handling, intake
from nearpeer.tenancy import zones
from nearpeer.tenancy.models import Role
from tests.conftest import _member
from tests.meetings.factories import RsvpFactory
from tests.meetings.support_attendance import meeting_at
from tests.supportline.conftest import make_line, make_mentor, make_professional, put_on_call

pytestmark = pytest.mark.django_db

KIRITIMATI = ZoneInfo("Pacific/Kiritimati")  # UTC+14
PAGO_PAGO = ZoneInfo("Pacific/Pago_Pago")  # UTC-11
UTC = datetime.UTC


def _hhmm(moment, zone) -> str:
    return moment.astimezone(zone).strftime("%H:%M")


@pytest.fixture
def far(ridgeview, program):
    """Ridgeview and its residency keep Kiritimati time."""
    for place in (ridgeview, program):
        place.time_zone = "Pacific/Kiritimati"
        place.save(update_fields=["time_zone"])
    return program


@pytest.fixture
def facilitator(far):
    return _member(Role.PEER_FACILITATOR, far, email="fay.facilitator@ridgeview.example")


@pytest.fixture
def session(far, facilitator, trainee):
    """A session three local days ahead at 12:35 Kiritimati time, that is 22:35 UTC."""
    day = timezone.now().astimezone(KIRITIMATI).date() + datetime.timedelta(days=3)
    starts = datetime.datetime.combine(day, datetime.time(12, 35), tzinfo=KIRITIMATI)
    meeting = meeting_at(far, starts, facilitators=[facilitator])
    RsvpFactory(meeting=meeting, user=trainee)
    return meeting


def _season(m):
    local = m.starts_at.astimezone(KIRITIMATI).date()
    return reverse("meetings:season", args=[m.program_id]) + f"?year={academic_year_of(local)}"


def _calendar(m):
    return _season(m) + f"&month={m.starts_at.astimezone(KIRITIMATI):%Y-%m}"


# (page, who looks, its address): each shows the 12:35 session.
SESSION_PAGES = [
    ("session page", "coordinator", lambda m: reverse("meetings:meeting_detail", args=[m.pk])),
    ("session page", "trainee", lambda m: reverse("meetings:meeting_detail", args=[m.pk])),
    ("season list", "coordinator", _season),
    ("season calendar", "coordinator", _calendar),
    ("attendance page", "coordinator", lambda m: reverse("meetings:attendance", args=[m.pk])),
    ("all attendance", "coordinator", lambda m: reverse("meetings:attendance_overview")),
    ("my sessions", "facilitator", lambda m: reverse("meetings:mine")),
    ("upcoming sessions", "trainee", lambda m: reverse("meetings:upcoming")),
    ("home", "trainee", lambda m: reverse("home")),
    ("home", "facilitator", lambda m: reverse("home")),
]


@pytest.mark.parametrize(
    ("page", "who", "address"), SESSION_PAGES, ids=[f"{p} ({w})" for p, w, _ in SESSION_PAGES]
)
def test_each_page_with_a_session_shows_its_local_time_and_names_the_zone(
    page, who, address, session, sign_in, request
):
    client = sign_in(request.getfixturevalue(who))
    body = client.get(address(session)).content.decode()
    assert "12:35" in body
    assert "22:35" not in body
    assert "Pacific/Kiritimati" in body


def test_the_move_form_and_the_heading_of_a_session_agree(session, coordinator, sign_in):
    body = sign_in(coordinator).get(reverse("meetings:meeting_detail", args=[session.pk]))
    text = body.content.decode()
    assert "12:35–13:35" in text
    assert 'value="12:35' in text  # the Move form's time field


def test_a_personal_zone_moves_personal_pages_but_not_the_session_page(session, trainee, sign_in):
    # given a trainee who chose Pago Pago time (UTC-11): 22:35 UTC is 11:35 there
    trainee.time_zone = "Pacific/Pago_Pago"
    trainee.save(update_fields=["time_zone"])
    client = sign_in(trainee)
    # then personal pages show their time and say which zone it is
    for name in ("meetings:upcoming", "home"):
        body = client.get(reverse(name)).content.decode()
        assert "11:35" in body and "12:35" not in body
        assert "Times are in Pacific/Pago_Pago" in body
    # and the session's own page keeps the program's time, named
    body = client.get(reverse("meetings:meeting_detail", args=[session.pk])).content.decode()
    assert "12:35" in body and "Pacific/Kiritimati" in body


@pytest.mark.parametrize("name", ["supportline:support_rota_mine", "home"])
def test_a_mentors_shifts_show_in_local_time(name, far, ridgeview, session, sign_in):
    line = make_line(ridgeview, [far])
    mentor = make_mentor(line, far)
    starts = session.starts_at  # 12:35 Kiritimati, 22:35 UTC
    shift = put_on_call(line, mentor, make_professional(ridgeview))
    shift.starts_at, shift.ends_at = starts, starts + datetime.timedelta(hours=4)
    shift.save(update_fields=["starts_at", "ends_at"])
    body = sign_in(mentor).get(reverse(name)).content.decode()
    assert "12:35" in body and "16:35" in body and "22:35" not in body
    assert "Times are in Pacific/Kiritimati" in body


@pytest.fixture
def conversation(far, ridgeview, trainee):
    line = make_line(ridgeview, [far])
    mentor = make_mentor(line, far, email="mia.mentor@ridgeview.example")
    put_on_call(line, mentor, make_professional(ridgeview))
    submitted = intake.request_create(
        line=line, requester=trainee, anonymous=False, self_harm_answer=False,
        danger_answer=False, message="Exams are a lot",
    )  # fmt: skip
    handling.request_accept(by=mentor, request=submitted.request)
    handling.message_send(
        request=submitted.request, body="I'm here.", by=mentor, as_requester=False
    )
    return submitted.request, mentor


@pytest.mark.parametrize("who", ["mentor", "requester"])
def test_support_conversation_shows_messages_and_waiting_since_in_local_time(
    who, conversation, trainee, sign_in
):
    support_request, mentor = conversation
    client = sign_in(mentor if who == "mentor" else trainee)
    body = client.get(
        reverse("supportline:support_request", args=[support_request.pk])
    ).content.decode()
    for moment in [
        support_request.created_at,
        *(m.created_at for m in support_request.messages.all()),
    ]:
        assert _hhmm(moment, KIRITIMATI) in body
        assert _hhmm(moment, UTC) not in body
    assert "Times are in Pacific/Kiritimati" in body
    if who == "mentor":
        waiting = support_request.created_at.astimezone(KIRITIMATI)
        assert f"{waiting:%H:%M} +14" in body  # "Waiting since" carries the zone's abbreviation


def test_an_anonymous_requester_reads_times_in_the_lines_zone(far, ridgeview, client):
    line = make_line(ridgeview, [far])
    put_on_call(line, make_mentor(line, far), make_professional(ridgeview))
    submitted = intake.request_create(line=line, anonymous=True, message="Hard week")
    client.get(reverse("supportline:support_return", args=[submitted.return_token]))
    unlocked = client.post(
        reverse("supportline:support_return", args=[submitted.return_token]),
        {"code": submitted.return_code},
        follow=True,
    ).content.decode()
    assert _hhmm(submitted.request.created_at, KIRITIMATI) in unlocked
    assert "Times are in Pacific/Kiritimati" in unlocked


def test_the_access_log_shows_local_times_of_the_office(far, ridgeview, office_admin, sign_in):
    entry = access_record(
        actor=office_admin, institution=ridgeview, action="read", record_type="membership"
    )
    body = sign_in(office_admin).get(reverse("access_log")).content.decode()
    assert timezone.localtime(entry.at, KIRITIMATI).strftime("%-d %b %Y %H:%M") in body
    assert timezone.localtime(entry.at, UTC).strftime("%-d %b %Y %H:%M") not in body
    assert "Times are in Pacific/Kiritimati" in body


def test_the_zone_rule_own_choice_then_program_then_institution_then_settings(
    far, ridgeview, trainee, office_admin, settings, django_user_model
):
    nobody = django_user_model.objects.create_user("new@ridgeview.example", "x" * 12)
    assert zones.zone_name_for(nobody) == settings.TIME_ZONE
    ridgeview.time_zone = "Asia/Tokyo"
    ridgeview.save(update_fields=["time_zone"])
    assert zones.zone_name_for(office_admin) == "Asia/Tokyo"  # institution-wide role
    assert zones.zone_name_for(trainee) == "Pacific/Kiritimati"  # the program's, not Tokyo
    trainee.time_zone = "Europe/Lisbon"
    assert zones.zone_name_for(trainee) == "Europe/Lisbon"


def test_a_person_chooses_their_zone_from_a_list_and_may_go_back_to_following(
    far, trainee, sign_in
):
    client = sign_in(trainee)
    page = client.get(reverse("my_settings")).content.decode()
    assert "Your times are shown in <strong>Pacific/Kiritimati</strong>" in page
    assert '<option value="Europe/Lisbon">Europe/Lisbon</option>' in page
    assert '<optgroup label="Europe">' in page
    assert 'href="/me/settings/"' in page  # linked from the account area of the menu
    saved = client.post(reverse("my_settings"), {"time_zone": "Europe/Lisbon"}, follow=True)
    assert "Your times are now shown in Europe/Lisbon" in saved.content.decode()
    trainee.refresh_from_db()
    assert trainee.time_zone == "Europe/Lisbon"
    client.post(reverse("my_settings"), {"time_zone": ""})
    trainee.refresh_from_db()
    assert trainee.time_zone == ""


def test_a_made_up_zone_is_refused_and_nothing_changes(far, trainee, sign_in):
    response = sign_in(trainee).post(reverse("my_settings"), {"time_zone": "Mars/Olympus"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.time_zone == ""


def test_program_time_zone_is_chosen_from_a_list_not_typed(far, coordinator, sign_in):
    body = sign_in(coordinator).get(reverse("program_edit", args=[far.pk])).content.decode()
    assert '<select name="time_zone"' in body
    assert '<option value="Pacific/Kiritimati" selected>' in body


def _reminder(meeting, user, kind):
    return Reminder.objects.create(meeting=meeting, user=user, kind=kind, claimed_at=timezone.now())


@pytest.mark.parametrize(("days", "words"), [(0, "today"), (1, "tomorrow"), (2, "on "), (6, "on ")])
def test_reminder_counts_days_in_the_recipients_calendar(far, facilitator, days, words):
    # given "now" is 00:30 on a Kiritimati day, which is 10:30 UTC the day before
    now = datetime.datetime(2031, 3, 10, 0, 30, tzinfo=KIRITIMATI)
    starts = datetime.datetime(2031, 3, 10 + days, 23, 0, tzinfo=KIRITIMATI)
    meeting = meeting_at(far, starts, facilitators=[facilitator])
    subject, body = reminders.message_for(
        _reminder(meeting, facilitator, Reminder.Kind.FACILITATOR_7_DAYS), now
    )
    assert subject.endswith(words if words != "on " else f"on {starts:%A}")
    assert "next week" not in subject
    assert f"{starts:%A} {starts.day} {starts:%B} at 23:00 (Pacific/Kiritimati)" in body


def test_reminder_email_is_in_the_recipients_own_zone(session, trainee):
    trainee.time_zone = "Pacific/Pago_Pago"
    trainee.save(update_fields=["time_zone"])
    reminders.reminder_send(
        reminder=_reminder(session, trainee, Reminder.Kind.ATTENDEE_1_DAY),
        now=session.starts_at - datetime.timedelta(hours=20),
    )
    (email,) = mail.outbox
    local = session.starts_at.astimezone(PAGO_PAGO)
    assert f"at {local:%H:%M} (Pacific/Pago_Pago)" in email.body
    assert "11:35" in email.body


def test_calendar_file_names_the_programs_zone(session, trainee, sign_in):
    body = sign_in(trainee).get(reverse("meetings:meeting_ics", args=[session.pk])).content
    assert b"DTSTART;TZID=Pacific/Kiritimati:" in body and b"T123500" in body
    assert b"BEGIN:VTIMEZONE" in body


@pytest.mark.parametrize(
    ("zone", "starts_in", "ended_days_ago"),
    [("Pacific/Kiritimati", 1, None), ("Pacific/Pago_Pago", -30, 1)],
    ids=["role starting tomorrow, far east", "role ended yesterday, far west"],
)
def test_choosing_a_time_zone_never_moves_who_may_see_what(
    zone, starts_in, ended_days_ago, session, django_user_model, sign_in
):
    # given a person whose role is not in force today (counted in the server's zone) and who
    # chose a zone where, at some hour of the day, the date differs by one
    today = timezone.localdate(timezone=UTC)
    person = django_user_model.objects.create_user("late@ridgeview.example", "x" * 12)
    person.time_zone = zone
    person.save(update_fields=["time_zone"])
    ends_on = today - datetime.timedelta(days=ended_days_ago) if ended_days_ago else None
    person.memberships.create(
        program=session.program, institution=session.program.institution, role=Role.TRAINEE,
        starts_on=today + datetime.timedelta(days=starts_in), ends_on=ends_on,
    )  # fmt: skip
    # then the session of that program is not theirs to see, whatever the hour
    response = sign_in(person).get(reverse("meetings:meeting_detail", args=[session.pk]))
    assert response.status_code == 404
