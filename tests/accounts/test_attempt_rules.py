"""The pure rule behind the limits on wrong second-step codes."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from nearpeer.accounts.attempts import Limits, standing, wait_in_words

NOW = datetime(2026, 9, 1, 12, 0, tzinfo=UTC)
LIMITS = Limits()


def ago(minutes: float) -> datetime:
    return NOW - timedelta(minutes=minutes)


def test_four_wrong_codes_leave_one_try():
    assert standing([ago(4), ago(3), ago(2), ago(1)], NOW, LIMITS).tries_left == 1


def test_five_wrong_codes_within_15_minutes_pause_for_15_minutes():
    result = standing([ago(m) for m in (5, 4, 3, 2, 1)], NOW, LIMITS)
    assert result.paused_until == ago(1) + timedelta(minutes=15)
    assert result.tries_left == 0


def test_five_wrong_codes_spread_over_an_hour_do_not_pause():
    result = standing([ago(m) for m in (60, 45, 30, 15, 1)], NOW, LIMITS)
    assert result.paused_until is None
    assert result.tries_left == 4  # only the last one is within the window


def test_the_second_pause_is_twice_as_long():
    first = [ago(m) for m in (40, 39, 38, 37, 36)]  # paused until 21 minutes ago
    second = [ago(m) for m in (5, 4, 3, 2, 1)]
    assert standing(first + second, NOW, LIMITS).paused_until == ago(1) + timedelta(minutes=30)


def test_pauses_never_exceed_a_day():
    failures = [
        NOW - timedelta(days=2) + timedelta(hours=h, seconds=s) for h in range(40) for s in range(5)
    ]
    result = standing(failures, NOW, LIMITS)
    assert result.paused_until is None or result.paused_until - max(failures) <= timedelta(hours=24)


@given(st.lists(st.integers(min_value=0, max_value=2 * 24 * 60), max_size=40))
def test_tries_left_is_never_negative_nor_above_the_limit(minutes_ago):
    result = standing([ago(m) for m in minutes_ago], NOW, LIMITS)
    assert 0 <= result.tries_left <= LIMITS.per_account
    if result.paused_until is not None:
        assert result.paused_until > NOW and result.tries_left == 0


def test_waits_read_as_a_person_would_say_them():
    assert wait_in_words(timedelta(seconds=30)) == "1 minute"
    assert wait_in_words(timedelta(minutes=15)) == "15 minutes"
    assert wait_in_words(timedelta(hours=4)) == "4 hours"
