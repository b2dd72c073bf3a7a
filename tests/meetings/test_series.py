"""Setting up a series: dates around blackouts, plans in order, and specific refusals."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from nearpeer import scheduling
from nearpeer.meetings import services
from nearpeer.meetings.models import Meeting, Series
from tests.factories import BlackoutFactory, CalendarFactory
from tests.meetings.conftest import series_kwargs
from tests.meetings.factories import ProgramPlanFactory


def planned(year, weekday=2):
    spec = scheduling.SeriesSpec(
        cadence=scheduling.Cadence.MONTHLY,
        weekday=weekday,
        start_time=datetime.time(12),
        duration_minutes=60,
        tz="America/New_York",
        year_first=year.starts_on,
        year_last=year.ends_on,
    )
    return scheduling.planned_dates(spec)


def label(day):
    return f"{day.day} {day:%b}"


def test_series_dates_in_a_blackout_move_and_the_move_is_reported(make_series, year, program):
    # given winter finals cover the sixth planned date (December)
    december = planned(year)[5]
    BlackoutFactory(calendar=year, name="Winter finals", starts_on=december, ends_on=december)
    # when
    series, messages = make_series()
    # then
    moved = series.meetings.get(moved_from=december)
    assert moved.starts_at.date() != december
    expected = f"Moved from {label(december)} (Winter finals) to {label(moved.starts_at.date())}"
    assert moved.schedule_note == expected
    assert messages == [expected]
    assert series.meetings.count() == len(planned(year))


def test_a_programs_own_calendar_blackouts_count_too(make_series, year, program, ridgeview):
    exam_day = planned(year)[2]
    own = CalendarFactory(
        institution=ridgeview, program=program, starts_on=year.starts_on, ends_on=year.ends_on
    )
    BlackoutFactory(calendar=own, name="In-training exam", starts_on=exam_day, ends_on=exam_day)
    series, messages = make_series()
    assert not series.meetings.filter(starts_at__date=exam_day).exists()
    assert "In-training exam" in messages[0]


def test_another_programs_blackouts_do_not_move_our_sessions(
    make_series, year, other_program, ridgeview
):
    day = planned(year)[2]
    theirs = CalendarFactory(
        institution=ridgeview, program=other_program, starts_on=year.starts_on, ends_on=year.ends_on
    )
    BlackoutFactory(calendar=theirs, name="Pediatrics boards", starts_on=day, ends_on=day)
    series, messages = make_series()
    assert messages == []
    assert series.meetings.filter(starts_at__date=day).exists()


def test_sessions_start_at_the_local_time_of_the_program(make_series, program):
    series, _ = make_series()
    for meeting in series.meetings.all():
        local = meeting.starts_at.astimezone(ZoneInfo(program.time_zone))
        assert (local.hour, local.minute, local.weekday()) == (12, 0, 2)
        assert meeting.ends_at - meeting.starts_at == datetime.timedelta(minutes=60)


def test_plans_cycle_through_the_sessions_in_order(make_series, plans):
    series, _ = make_series(plan_ids=[plans[2].pk, plans[0].pk])
    titles = [m.plan.title for m in series.meetings.order_by("starts_at")[:4]]
    assert titles == ["Plan C", "Plan A", "Plan C", "Plan A"]
    assert [s.plan_id for s in series.sequence.all()] == [plans[2].pk, plans[0].pk]


def test_each_session_gets_a_six_character_check_in_code_without_lookalikes(make_series):
    series, _ = make_series()
    codes = list(series.meetings.values_list("check_in_code", flat=True))
    assert all(len(c) == 6 and not set(c) & set("01ILO") for c in codes)
    assert len(set(codes)) > 1


def refused(make_series, **changes) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        make_series(**changes)
    assert not Series.objects.exists() and not Meeting.objects.exists()
    return caught.value


def test_in_person_series_without_a_room_is_refused_and_nothing_is_created(make_series):
    error = refused(make_series, room="")
    assert error.message_dict["room"] == ["In-person and hybrid sessions need a room."]


def test_virtual_series_needs_a_video_link(make_series):
    error = refused(make_series, modality="virtual", room="")
    assert error.message_dict["video_link"] == ["Virtual and hybrid sessions need a video link."]


def test_a_95_minute_session_is_refused_as_too_long(make_series):
    error = refused(make_series, minutes=95)
    assert error.message_dict["minutes"] == ["Sessions last 60 to 90 minutes; 95 is too long."]


def test_plans_of_another_program_are_refused(make_series, program, other_program, plans):
    theirs = ProgramPlanFactory(program=other_program, title="Their plan")
    error = refused(make_series, plan_ids=[plans[0].pk, theirs.pk])
    assert error.message_dict["plan_ids"] == [
        f"Plan(s) {theirs.pk} aren't plans of {program}: choose from this program's own plans."
    ]


def test_a_series_longer_than_the_academic_year_is_refused(make_series, year):
    error = refused(make_series, ends_on=year.ends_on + datetime.timedelta(days=30))
    assert "must fit inside one academic year" in error.message_dict["ends_on"][0]


def test_custom_series_uses_the_listed_dates(make_series, year):
    days = [year.starts_on + datetime.timedelta(days=n) for n in (20, 50)]
    series, _ = make_series(cadence="custom", custom_dates=days)
    assert [m.starts_at.date() for m in series.meetings.all()] == days


def test_only_program_staff_may_set_up_a_series(trainee, director, program, year):
    for person in (trainee, director):
        with pytest.raises(PermissionDenied):
            services.series_create(by=person, **series_kwargs(program, year))
    assert not Series.objects.exists()


def test_the_form_sets_up_a_series_and_shows_the_moves(sign_in, coordinator, program, year):
    december = planned(year)[5]
    BlackoutFactory(calendar=year, name="Winter finals", starts_on=december, ends_on=december)
    client = sign_in(coordinator)
    page = client.get(f"/sessions/programs/{program.pk}/series/new/")
    assert page.status_code == 200
    form = {
        "name": "Noon sessions",
        "cadence": "monthly",
        "weekday": "2",
        "start_time": "12:00",
        "minutes": "60",
        "modality": "in_person",
        "room": "Room 2.14",
        "starts_on": year.starts_on.isoformat(),
        "ends_on": year.ends_on.isoformat(),
    }
    done = client.post(f"/sessions/programs/{program.pk}/series/new/", form, follow=True)
    assert done.redirect_chain[-1][0] == f"/sessions/programs/{program.pk}/"
    assert f"Moved from {label(december)} (Winter finals)" in done.content.decode()


def test_the_form_shows_the_specific_error_and_creates_nothing(sign_in, coordinator, program, year):
    form = {
        "name": "Noon sessions",
        "cadence": "monthly",
        "weekday": "2",
        "start_time": "12:00",
        "minutes": "95",
        "modality": "hybrid",
        "room": "",
        "video_link": "",
        "starts_on": year.starts_on.isoformat(),
        "ends_on": year.ends_on.isoformat(),
    }
    page = sign_in(coordinator).post(f"/sessions/programs/{program.pk}/series/new/", form)
    text = page.content.decode()
    assert "95 is too long" in text
    assert "need a room" in text and "need a video link" in text
    assert not Series.objects.exists()
