"""Staffing recommendation: enough facilitators for every group, a reserve, and never fewer than 4."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nearpeer.scheduling import recommend_facilitators, staffing_gap


@given(st.integers(0, 2000), st.integers(0, 1000), st.integers(1, 40), st.integers(1, 4))
def test_more_trainees_never_need_fewer_facilitators(headcount, extra, sessions, cap):
    smaller = recommend_facilitators(headcount, sessions, cap)
    larger = recommend_facilitators(headcount + extra, sessions, cap)
    assert larger.facilitators >= smaller.facilitators >= 4


def test_a_small_monthly_program_gets_the_minimum_of_four():
    assert recommend_facilitators(12, 10).facilitators == 4


def test_a_class_of_150_meeting_monthly_needs_two_per_group_plus_a_reserve():
    # 150 / 18 -> 9 groups -> 18 facilitators at once; 1 session a month within a cap of 2; +25 %
    rec = recommend_facilitators(150, 10)
    assert rec.groups_per_session == 9
    assert rec.facilitators == 23
    assert "reserve" in rec.explanation


def test_biweekly_sessions_with_a_cap_of_one_double_the_need():
    assert (
        recommend_facilitators(36, 20, cap_per_month=1).facilitators == 10
    )  # 2 groups x 2 x 2 = 8 +25 %


def test_the_gap_is_how_many_more_to_recruit_and_never_negative():
    rec = recommend_facilitators(150, 10)
    assert staffing_gap(rec, 20) == 3
    assert staffing_gap(rec, 30) == 0
    assert staffing_gap(7, 2) == 5


def test_impossible_inputs_are_refused():
    with pytest.raises(ValueError, match="negative"):
        recommend_facilitators(-1, 10)
    with pytest.raises(ValueError, match="at least 1"):
        recommend_facilitators(10, 10, cap_per_month=0)
