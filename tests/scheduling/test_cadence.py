"""Cadence expansion: dates land outside blackouts, keep their wall time and say when they moved."""

from datetime import UTC, date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nearpeer.scheduling import Cadence, DateRange, SeriesSpec, expand, planned_dates
from nearpeer.scheduling.cadence import anchor

ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "America/Phoenix", "UTC"]
REPEATING = [Cadence.MONTHLY, Cadence.BIMONTHLY, Cadence.QUARTERLY, Cadence.BIWEEKLY]


def spec(**overrides) -> SeriesSpec:
    values = {
        "cadence": Cadence.MONTHLY,
        "weekday": 0,
        "start_time": time(12, 0),
        "duration_minutes": 60,
        "tz": "America/New_York",
        "year_first": date(2025, 8, 1),
        "year_last": date(2026, 7, 31),
    }
    return SeriesSpec(**(values | overrides))


@st.composite
def series_and_blackouts(draw):
    first = draw(st.dates(date(2024, 1, 1), date(2027, 12, 31)))
    series = SeriesSpec(
        cadence=draw(st.sampled_from(REPEATING)),
        weekday=draw(st.integers(0, 4)),
        start_time=time(draw(st.integers(7, 20)), draw(st.sampled_from([0, 15, 30, 45]))),
        duration_minutes=draw(st.integers(60, 90)),
        tz=draw(st.sampled_from(ZONES)),
        year_first=first,
        year_last=first + timedelta(days=draw(st.integers(200, 370))),
    )
    blackouts = []
    for _ in range(draw(st.integers(0, 4))):
        start = first + timedelta(days=draw(st.integers(0, 370)))
        blackouts.append(
            DateRange(start, start + timedelta(days=draw(st.integers(0, 20))), "Exams")
        )
    return series, blackouts


def brute_force_dates(series: SeriesSpec) -> list[date]:
    """The cadence's dates found by walking every day of the year (independent of planned_dates)."""
    start, days = anchor(series), []
    week = min((start.day - 1) // 7, 4)  # 4 = an anchor in the 5th week means "the last one"
    step = {"monthly": 1, "bimonthly": 2, "quarterly": 3, "biweekly": None}[series.cadence]
    day = series.year_first
    while day <= series.year_last:
        if day.weekday() == series.weekday and day >= start:
            months = (day.year - start.year) * 12 + day.month - start.month
            last = (day + timedelta(days=7)).month != day.month
            same_week = (day.day - 1) // 7 == week or (week == 4 and last)
            if (
                step is None
                and (day - start).days % 14 == 0
                or step
                and months % step == 0
                and same_week
            ):
                days.append(day)
        day += timedelta(days=1)
    return days


@settings(max_examples=60)
@given(series_and_blackouts())
def test_no_meeting_lands_in_a_blackout_or_outside_the_year(case):
    series, blackouts = case
    result = expand(series, blackouts)
    for occ in result.occurrences:
        day = occ.starts_at.date()
        assert not any(day in b for b in blackouts)
        assert series.year_first <= day <= series.year_last


@settings(max_examples=60)
@given(series_and_blackouts())
def test_every_meeting_keeps_its_wall_time_and_length_across_dst(case):
    series, blackouts = case
    for occ in expand(series, blackouts).occurrences:
        assert occ.starts_at.time() == series.start_time
        assert occ.starts_at.tzinfo is not None
        length = occ.ends_at.astimezone(UTC) - occ.starts_at.astimezone(UTC)
        assert length == timedelta(minutes=series.duration_minutes)
        assert 60 <= series.duration_minutes <= 90


@settings(max_examples=60)
@given(series_and_blackouts())
def test_moved_meetings_name_their_original_date_and_nothing_is_lost(case):
    series, blackouts = case
    result = expand(series, blackouts)
    for occ in result.occurrences:
        if occ.moved_from is not None:
            assert any(occ.moved_from in b for b in blackouts)
            assert f"Moved from {occ.moved_from.day} {occ.moved_from:%b}" in occ.note
    dates = [o.starts_at.date() for o in result.occurrences]
    assert len(dates) == len(set(dates))
    assert len(result.occurrences) + len(result.unplaced) == len(planned_dates(series))


@settings(max_examples=60)
@given(series_and_blackouts())
def test_without_blackouts_the_count_matches_the_cadence(case):
    series, _ = case
    result = expand(series, [])
    assert [o.starts_at.date() for o in result.occurrences] == brute_force_dates(series)
    assert result.unplaced == []


@pytest.mark.parametrize(
    ("cadence", "count"),
    [(Cadence.MONTHLY, 12), (Cadence.BIMONTHLY, 6), (Cadence.QUARTERLY, 4), (Cadence.BIWEEKLY, 26)],
)
def test_a_full_academic_year_has_the_expected_number_of_meetings(cadence, count):
    assert len(expand(spec(cadence=cadence), []).occurrences) == count


def test_monthly_meetings_fall_on_the_same_nth_weekday_as_the_first():
    # given the first meeting on the 3rd Wednesday of September
    series = spec(weekday=2, first_date=date(2025, 9, 17))
    # then every meeting is a 3rd Wednesday
    days = [o.starts_at.date() for o in expand(series, []).occurrences]
    assert all(d.weekday() == 2 and 15 <= d.day <= 21 for d in days)
    assert days[0] == date(2025, 9, 17) and len(days) == 11


def test_a_blacked_out_meeting_moves_to_the_same_weekday_a_week_earlier_with_a_note():
    # given monthly Mondays anchored on the 3rd Monday (15 Dec 2025) and winter finals that week
    series = spec(first_date=date(2025, 8, 18))
    finals = DateRange(date(2025, 12, 15), date(2025, 12, 19), "Winter finals")
    moved = [o for o in expand(series, [finals]).occurrences if o.moved_from]
    assert len(moved) == 1
    assert moved[0].starts_at.date() == date(2025, 12, 8)
    assert moved[0].note == "Moved from 15 Dec (Winter finals) to 8 Dec"


def test_a_meeting_goes_to_another_weekday_when_every_nearby_same_weekday_is_blacked_out():
    series = spec(first_date=date(2025, 8, 18))
    mondays = [
        DateRange(date(2025, 11, 24) + timedelta(weeks=k), date(2025, 11, 24) + timedelta(weeks=k))
        for k in range(7)
    ]
    moved = next(
        o for o in expand(series, mondays).occurrences if o.moved_from == date(2025, 12, 15)
    )
    assert moved.starts_at.date() in (date(2025, 12, 12), date(2025, 12, 16))


def test_a_date_with_no_free_day_nearby_is_reported_unplaced_with_the_reason():
    series = spec(first_date=date(2025, 8, 18))
    closure = DateRange(date(2025, 11, 20), date(2026, 1, 10), "Closure")
    result = expand(series, [closure])
    assert [u.original for u in result.unplaced] == [date(2025, 12, 15)]
    assert "15 Dec (Closure)" in result.unplaced[0].reason


def test_a_moved_meeting_never_lands_on_another_meeting_of_the_series():
    # biweekly: the only free same-weekday date a week away is taken? it moves to a weekday instead
    series = spec(cadence=Cadence.BIWEEKLY, first_date=date(2025, 8, 4))
    blackout = DateRange(date(2025, 9, 1), date(2025, 9, 1), "Labor Day")
    days = [o.starts_at.date() for o in expand(series, [blackout]).occurrences]
    assert len(days) == len(set(days)) and date(2025, 9, 1) not in days


def test_wall_time_holds_across_the_november_dst_change_in_new_york():
    series = spec(start_time=time(18, 0), duration_minutes=90)
    occurrences = expand(series, []).occurrences
    offsets = {o.starts_at.utcoffset() for o in occurrences}
    assert offsets == {timedelta(hours=-4), timedelta(hours=-5)}
    assert all(
        o.starts_at.hour == 18 and o.ends_at.hour == 19 and o.ends_at.minute == 30
        for o in occurrences
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"duration_minutes": 45}, "60 to 90 minutes"),
        ({"duration_minutes": 120}, "60 to 90 minutes"),
        ({"tz": "Mars/Olympus"}, "Unknown time zone"),
        ({"first_date": date(2025, 8, 5)}, "preferred weekday"),
        ({"cadence": Cadence.CUSTOM}, "at least one date"),
    ],
)
def test_bad_series_are_refused_with_a_plain_reason(overrides, message):
    with pytest.raises(ValueError, match=message):
        expand(spec(**overrides), [])


def test_custom_dates_outside_the_year_are_unplaced():
    series = spec(cadence=Cadence.CUSTOM, custom_dates=(date(2025, 9, 3), date(2026, 9, 3)))
    result = expand(series, [])
    assert [o.starts_at.date() for o in result.occurrences] == [date(2025, 9, 3)]
    assert "outside the academic year" in result.unplaced[0].reason
