"""Support-line demand forecast: a baseline times event multipliers, an interval, and staffing."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearpeer.supportline.rules.forecast import (
    DEFAULT_MULTIPLIERS,
    Staffing,
    backtest,
    forecast,
    learn_multipliers,
    week_of,
)

MONDAY = date(2025, 1, 6)


def weeks(counts, start=MONDAY):
    return [(start + timedelta(weeks=n), count) for n, count in enumerate(counts)]


def test_constant_history_forecasts_the_same_number_every_ordinary_week():
    result = forecast(weeks([10] * 20))
    assert [w.expected for w in result.weeks] == [10.0] * 8
    assert result.weeks[0].week_start == MONDAY + timedelta(weeks=20)


def test_finals_week_is_forecast_higher_using_what_history_showed():
    # given: ordinary weeks of 10 and two finals weeks of 20
    history = weeks([10] * 12 + [20] + [10] * 12 + [20] + [10] * 4)
    finals = [MONDAY + timedelta(weeks=12), MONDAY + timedelta(weeks=25)]
    upcoming_finals = MONDAY + timedelta(weeks=32)
    events = [(d, "finals") for d in [*finals, upcoming_finals]]
    # when
    result = forecast(history, events)
    # then: the learned ratio 2.0 is pulled halfway toward the default 1.3 (two weeks each)
    assert result.multipliers["finals"] == pytest.approx((2 * 2.0 + 2 * 1.3) / 4)
    by_week = {w.week_start: w for w in result.weeks}
    assert by_week[upcoming_finals].expected == pytest.approx(16.5)
    assert by_week[upcoming_finals].events == ("finals",)


def test_a_kind_never_seen_in_history_uses_its_default_multiplier():
    assert learn_multipliers(weeks([10] * 10)) == DEFAULT_MULTIPLIERS


def test_finals_and_board_exam_weeks_get_one_more_mentor_on_call():
    history = weeks([10] * 10)
    upcoming = MONDAY + timedelta(weeks=10)
    plain = forecast(history, multipliers={"finals": 1.0}).weeks[0]
    finals = forecast(history, [(upcoming, "finals")], multipliers={"finals": 1.0}).weeks[0]
    assert finals.mentors_on_call == plain.mentors_on_call + 1


def test_mentors_follow_the_high_end_of_the_interval_with_at_least_one_per_window():
    quiet = forecast(weeks([1] * 10)).weeks[0]
    assert quiet.mentors_on_call == 1
    busy = forecast(weeks([100] * 10), staffing=Staffing(14, 2.0)).weeks[0]
    # high = 100 + 1.96 * 10 = 119.6 requests over 14 windows at 2 per mentor -> 5 mentors
    assert busy.high == pytest.approx(119.6)
    assert busy.mentors_on_call == 5


def test_empty_history_needs_a_start_week_and_forecasts_the_floor():
    with pytest.raises(ValueError, match="give the first week"):
        forecast([])
    result = forecast([], start=MONDAY)
    assert [w.expected for w in result.weeks] == [1.0] * 8


def test_dates_are_moved_to_the_monday_of_their_week():
    assert week_of(date(2025, 1, 9)) == MONDAY
    result = forecast([(date(2025, 1, 8), 5)])
    assert result.weeks[0].week_start == MONDAY + timedelta(weeks=1)


@pytest.mark.parametrize(
    ("history", "message"),
    [
        ([(MONDAY, -1)], "whole number of 0 or more"),
        ([(MONDAY, 2.5)], "whole number of 0 or more"),
        ([(MONDAY, 3), (MONDAY + timedelta(days=2), 4)], "two counts for the week"),
    ],
)
def test_bad_history_is_refused_with_a_clear_message(history, message):
    with pytest.raises(ValueError, match=message):
        forecast(history)


def test_unknown_event_kind_is_refused():
    with pytest.raises(ValueError, match="unknown event kind 'spring break'"):
        forecast(weeks([3] * 4), [(MONDAY, "spring break")])


def test_events_may_be_given_as_a_mapping_of_week_to_kinds():
    upcoming = MONDAY + timedelta(weeks=10)
    result = forecast(weeks([10] * 10), {upcoming: ["finals", "exam"]})
    assert result.weeks[0].events == ("exam", "finals")


def test_backtest_reports_errors_for_the_model_and_the_naive_forecast():
    # given: a seasonal line where the last week before the hold-out was a finals spike
    counts = [10] * 12 + [25] + [10] * 11 + [25] + [10] * 8
    events = [(MONDAY + timedelta(weeks=n), "finals") for n in (12, 24)]
    report = backtest(weeks(counts), events, holdout_weeks=8)
    # then: the naive forecast repeats the spike and does worse than the model
    assert report.holdout_weeks == 8
    assert len(report.weeks) == 8
    assert report.weeks[0].naive == 25.0
    assert report.mae < report.naive_mae
    assert report.mape is not None and report.mape < report.naive_mape


def test_backtest_needs_more_history_than_it_holds_out():
    with pytest.raises(ValueError, match="need more than 8 weeks"):
        backtest(weeks([5] * 8))


def test_backtest_mape_is_none_when_every_held_out_week_was_zero():
    report = backtest(weeks([3] * 6 + [0] * 4), holdout_weeks=4)
    assert report.mape is None


# --- properties ----------------------------------------------------------------------------------

COUNTS = st.lists(st.integers(min_value=0, max_value=300), min_size=1, max_size=60)
KIND = st.sampled_from(["exam", "board_exam", "holiday", "finals"])
FLAGS = st.lists(st.tuples(st.integers(min_value=0, max_value=70), KIND), max_size=12)


def _events(flags):
    return [(MONDAY + timedelta(weeks=n), kind) for n, kind in flags]


@given(COUNTS, FLAGS)
def test_every_number_is_non_negative_and_the_interval_holds_the_expected(counts, flags):
    for week in forecast(weeks(counts), _events(flags)).weeks:
        assert 0 <= week.low <= week.expected <= week.high
        assert week.mentors_on_call >= 1


@given(st.integers(min_value=1, max_value=500), st.integers(min_value=1, max_value=60))
def test_constant_history_is_forecast_as_itself(count, length):
    result = forecast(weeks([count] * length))
    assert all(w.expected == count for w in result.weeks)


@given(COUNTS, KIND, st.floats(0, 4), st.floats(0, 4))
def test_a_larger_multiplier_never_lowers_that_event_weeks_forecast(counts, kind, a, b):
    upcoming = MONDAY + timedelta(weeks=len(counts))
    low_m, high_m = sorted((a, b))
    lower = forecast(weeks(counts), [(upcoming, kind)], multipliers={kind: low_m}).weeks[0]
    higher = forecast(weeks(counts), [(upcoming, kind)], multipliers={kind: high_m}).weeks[0]
    assert higher.expected >= lower.expected
    assert higher.mentors_on_call >= lower.mentors_on_call


@given(COUNTS, st.integers(min_value=1, max_value=5))
def test_scaling_history_up_never_lowers_the_forecast(counts, factor):
    base = forecast(weeks(counts)).weeks
    scaled = forecast(weeks([c * factor for c in counts])).weeks
    assert all(s.expected >= b.expected for s, b in zip(scaled, base, strict=True))


@given(COUNTS, FLAGS)
def test_learned_multipliers_stay_in_range(counts, flags):
    learned = learn_multipliers(weeks(counts), _events(flags))
    assert all(0.25 <= m <= 4.0 for m in learned.values())


@given(st.lists(st.integers(min_value=0, max_value=300), min_size=3, max_size=40), FLAGS)
def test_backtest_errors_are_non_negative(counts, flags):
    report = backtest(weeks(counts), _events(flags), holdout_weeks=2)
    assert report.mae >= 0 and report.naive_mae >= 0
    assert report.mape is None or report.mape >= 0
