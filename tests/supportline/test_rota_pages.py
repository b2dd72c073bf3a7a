"""Rota pages through real HTTP: who sees what, the forms, the calendar download, query counts."""

import datetime

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nearpeer.supportline.models import MentorTraining, Shift, ShiftSwap, SupportLine
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


def _pages(line, shift, swap):
    gets = [
        reverse("supportline:support_rota_line", args=[line.pk]),
        reverse("supportline:support_rota_line_edit", args=[line.pk]),
        reverse("supportline:support_rota_training", args=[line.pk]),
        reverse("supportline:support_rota_shift_create", args=[line.pk]),
        reverse("supportline:support_rota_shift_weekly", args=[line.pk]),
        reverse("supportline:support_rota_shift", args=[shift.pk]),
        reverse("supportline:support_rota_shift_swap", args=[shift.pk]),
    ]
    posts = [
        reverse("supportline:support_rota_shift_publish", args=[shift.pk]),
        reverse("supportline:support_rota_shift_cancel", args=[shift.pk]),
        reverse("supportline:support_rota_shift_sign_up", args=[shift.pk]),
        reverse("supportline:support_rota_swap_decide", args=[swap.pk]),
    ]
    return gets, posts


def test_an_outsider_gets_404_on_every_rota_page(sign_in, outsider, line, shift, swap):
    client = sign_in(outsider)
    gets, posts = _pages(line, shift, swap)
    for url in gets + [
        reverse("supportline:support_rota_mine"),
        reverse("supportline:support_rota_mine_ics"),
    ]:
        assert client.get(url).status_code == 404, url
    for url in gets + posts:
        assert client.post(url, {"decision": "approve"}).status_code == 404, url
    shift.refresh_from_db()
    assert shift.status == Shift.Status.PUBLISHED
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.REQUESTED
    listing = client.get(reverse("supportline:support_rota_lines"))
    assert line.name not in listing.content.decode()


def test_a_trainee_cannot_see_the_rota(sign_in, trainee, line, shift, swap):
    client = sign_in(trainee)
    gets, posts = _pages(line, shift, swap)
    for url in gets + [
        reverse("supportline:support_rota_lines"),
        reverse("supportline:support_rota_mine"),
        reverse("supportline:support_rota_mine_ics"),
    ]:
        assert client.get(url).status_code == 404, url
    for url in posts:
        assert client.post(url, {"decision": "approve"}).status_code == 404, url


def test_staff_see_the_week_with_names_open_slots_and_gaps(
    sign_in, coordinator, line, day, prof, shift
):
    make_shift(line, coordinator, day, 8, 12, backup=prof)
    week = rs.monday_of(day).isoformat()
    page = sign_in(coordinator).get(
        reverse("supportline:support_rota_line", args=[line.pk]), {"week": week}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "18:00–22:00" in html  # local wall time, not UTC
    assert "Mia Mentor" in html and "Fay Faculty" in html
    assert "open slot" in html
    assert "08:00 to midnight" in html  # the service window is explained
    assert "08:00–18:00, 22:00–24:00" in html  # the open slot 08–12 doesn't cover


def test_the_rota_page_query_count_does_not_grow_with_shifts(
    sign_in, coordinator, line, day, prof, mentor_a, mentor_b
):
    client = sign_in(coordinator)
    url = reverse("supportline:support_rota_line", args=[line.pk])
    params = {"week": rs.monday_of(day).isoformat()}
    make_shift(line, coordinator, day, 8, 10, mentor=mentor_a, backup=prof)
    client.get(url, params)
    with CaptureQueriesContext(connection) as few:
        client.get(url, params)
    for offset in range(6):
        on = day + datetime.timedelta(days=offset)
        make_shift(line, coordinator, on, 12, 14, mentor=mentor_a, backup=prof)
        make_shift(line, coordinator, on, 14, 16, mentor=mentor_b, backup=prof)
        make_shift(line, coordinator, on, 16, 18, backup=prof, publish=False)
        shifts.shift_swap_request(
            by=mentor_a, shift=Shift.objects.filter(mentor=mentor_a).last(), to_user=mentor_b
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url, params)
    assert response.content.decode().count("Take this shift") == 0
    assert len(many) == len(few), "\n".join(q["sql"][:200] for q in many.captured_queries)


def test_office_opens_and_edits_a_line_through_the_pages(sign_in, office_admin, ridgeview, program):
    client = sign_in(office_admin)
    response = client.post(
        reverse("supportline:support_rota_line_create"),
        {
            "institution": ridgeview.pk,
            "name": "Evening line",
            "programs": [program.pk],
            "escalation_minutes": 10,
            "retention_days_after_year_end": 30,
        },
    )
    line = SupportLine.objects.get(name="Evening line")
    assert response.status_code == 302
    response = client.post(
        reverse("supportline:support_rota_line_edit", args=[line.pk]),
        {
            "name": "Late line",
            "programs": [program.pk],
            "escalation_minutes": 5,
            "retention_days_after_year_end": 30,
        },
    )
    line.refresh_from_db()
    assert (line.name, line.escalation_minutes) == ("Late line", 5)


def test_staff_add_a_shift_and_a_weekly_pattern_through_the_pages(
    sign_in, coordinator, line, day, prof, mentor_a
):
    client = sign_in(coordinator)
    response = client.post(
        reverse("supportline:support_rota_shift_create", args=[line.pk]),
        {
            "on": day.isoformat(),
            "start_time": "18:00",
            "end_time": "22:00",
            "mentor": mentor_a.pk,
            "backup": prof.pk,
            "publish": "on",
        },
    )
    assert response.status_code == 302
    shift = Shift.objects.get()
    assert shift.starts_at == at(line, day, 18) and shift.status == Shift.Status.PUBLISHED
    response = client.post(
        reverse("supportline:support_rota_shift_weekly", args=[line.pk]),
        {
            "weekdays": ["0", "2"],
            "start_time": "08:00",
            "end_time": "12:00",
            "first_date": day.isoformat(),
            "last_date": (day + datetime.timedelta(days=13)).isoformat(),
            "backup": prof.pk,
        },
    )
    assert response.status_code == 302
    assert Shift.objects.filter(status=Shift.Status.DRAFT).count() == 4


def test_an_untrained_mentor_is_not_offered_and_the_form_says_why(
    sign_in, coordinator, line, day, prof, rookie
):
    client = sign_in(coordinator)
    response = client.post(
        reverse("supportline:support_rota_shift_create", args=[line.pk]),
        {
            "on": day.isoformat(),
            "start_time": "18:00",
            "end_time": "22:00",
            "mentor": rookie.pk,
            "backup": prof.pk,
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Shift.objects.exists()


def test_publishing_without_a_backup_shows_a_clear_message(sign_in, coordinator, line, day):
    shift = make_shift(line, coordinator, day, 18, 22, publish=False)
    response = sign_in(coordinator).post(
        reverse("supportline:support_rota_shift_publish", args=[shift.pk]), follow=True
    )
    assert "Choose a professional backup before publishing" in response.content.decode()
    shift.refresh_from_db()
    assert shift.status == Shift.Status.DRAFT


def test_a_professional_records_training_on_the_training_page(sign_in, prof, line, rookie):
    client = sign_in(prof)
    page = client.get(reverse("supportline:support_rota_training", args=[line.pk]))
    assert "Rory Rookie" in page.content.decode() and "Not recorded yet" in page.content.decode()
    client.post(
        reverse("supportline:support_rota_training", args=[line.pk]),
        {"user": rookie.pk, "completed_on": rs.line_today(line).isoformat()},
    )
    assert MentorTraining.objects.filter(user=rookie, line=line).exists()


def test_program_staff_do_not_get_the_training_page(sign_in, coordinator, line):
    assert (
        sign_in(coordinator)
        .get(reverse("supportline:support_rota_training", args=[line.pk]))
        .status_code
        == 404
    )


def test_a_mentor_signs_up_asks_for_a_swap_and_a_professional_approves(
    sign_in, client, coordinator, line, day, prof, mentor_a, mentor_b
):
    from django.test import Client

    open_shift = make_shift(line, coordinator, day, 18, 22, backup=prof)
    mia = sign_in(mentor_a)
    mine = mia.get(reverse("supportline:support_rota_mine"))
    assert "Take this shift" in mine.content.decode()
    mia.post(reverse("supportline:support_rota_shift_sign_up", args=[open_shift.pk]))
    open_shift.refresh_from_db()
    assert open_shift.mentor == mentor_a
    mia.post(
        reverse("supportline:support_rota_shift_swap", args=[open_shift.pk]),
        {"to_user": mentor_b.pk},
    )
    swap = ShiftSwap.objects.get()
    fay = sign_in(prof, Client())
    fay.post(
        reverse("supportline:support_rota_swap_decide", args=[swap.pk]), {"decision": "approve"}
    )
    open_shift.refresh_from_db()
    assert open_shift.mentor == mentor_b


def test_an_untrained_mentor_is_told_about_the_training(
    sign_in, rookie, coordinator, line, day, prof
):
    make_shift(line, coordinator, day, 18, 22, backup=prof)
    page = sign_in(rookie).get(reverse("supportline:support_rota_mine")).content.decode()
    assert "complete its required training first" in page
    assert "Take this shift" not in page


def test_the_home_card_lists_the_mentors_next_shifts(sign_in, mentor_a, shift, line):
    page = sign_in(mentor_a).get(reverse("home")).content.decode()
    local = shift.starts_at.astimezone(rs.line_zone(line))
    assert f"{local:%H:%M}–22:00 · Ridgeview Peer Line" in page


def test_the_calendar_download_parses_with_correct_times(sign_in, mentor_a, prof, shift, line):
    response = sign_in(mentor_a).get(reverse("supportline:support_rota_mine_ics"))
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.events
    assert event.start == shift.starts_at and event.end == shift.ends_at
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event.start.hour == 18
    assert str(event["SUMMARY"]) == "On call: Ridgeview Peer Line"
    assert [tz.tz_name for tz in calendar.timezones] == ["America/New_York"]


def test_shift_events_include_backup_shifts_and_skip_drafts(coordinator, line, day, prof, shift):
    make_shift(line, coordinator, day, 8, 10, backup=prof, publish=False)
    start = at(line, day, 0)
    events = rs.shift_events_for(prof, start, start + datetime.timedelta(days=1))
    assert [str(e["SUMMARY"]) for e in events] == ["Backup: Ridgeview Peer Line"]
    assert "Mia Mentor" in str(events[0]["DESCRIPTION"])
