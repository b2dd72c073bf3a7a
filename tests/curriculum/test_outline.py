"""Plan shape rules: the outline adds up to the plan's length, 60–90 minutes, goals, techniques."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, given
from hypothesis import strategies as st

from nearpeer.curriculum.rules.outline import outline_format, outline_parse, plan_diff
from nearpeer.curriculum.services import plan_validate_outline

GOALS = ["Notice what helps"]
TECHNIQUES = ["mindfulness"]


def segments(minutes: list[int]) -> list[dict]:
    return [{"title": f"Part {n}", "minutes": m, "detail": ""} for n, m in enumerate(minutes)]


@st.composite
def split(draw, total: int) -> list[int]:
    """Positive whole numbers that add up to ``total``."""
    cuts = draw(st.lists(st.integers(1, total - 1), unique=True, max_size=12))
    points = [0, *sorted(cuts), total]
    return [b - a for a, b in zip(points, points[1:], strict=False)]


@given(st.integers(60, 90).flatmap(lambda total: st.tuples(st.just(total), split(total))))
def test_any_segments_adding_up_to_the_plan_length_are_accepted(case):
    total, minutes = case
    plan_validate_outline(
        outline=segments(minutes), minutes=total, goals=GOALS, techniques=TECHNIQUES
    )


@given(st.integers(60, 90), st.lists(st.integers(1, 90), min_size=1, max_size=12))
def test_segments_adding_up_to_anything_else_are_refused_with_both_numbers(total, minutes):
    assume(sum(minutes) != total)
    with pytest.raises(ValidationError) as caught:
        plan_validate_outline(
            outline=segments(minutes), minutes=total, goals=GOALS, techniques=TECHNIQUES
        )
    [error] = caught.value.error_dict["outline"]
    assert error.code == "outline_sum"
    assert error.message == (
        f"The segments add up to {sum(minutes)} minutes, but the plan is {total} minutes long."
    )


@pytest.mark.parametrize("minutes", [0, 45, 59, 91, 120])
def test_a_session_must_last_60_to_90_minutes(minutes):
    with pytest.raises(ValidationError) as caught:
        plan_validate_outline(
            outline=segments([minutes or 1]), minutes=minutes, goals=GOALS, techniques=TECHNIQUES
        )
    assert [e.code for e in caught.value.error_dict["minutes"]] == ["minutes_range"]


def test_a_plan_needs_a_goal_and_known_techniques():
    with pytest.raises(ValidationError) as caught:
        plan_validate_outline(
            outline=segments([60]), minutes=60, goals=["  "], techniques=["hypnosis"]
        )
    assert caught.value.error_dict["goals"][0].code == "no_goals"
    assert "hypnosis" in caught.value.error_dict["techniques"][0].message


def test_outline_text_round_trips():
    parsed, errors = outline_parse("Welcome | 5 | The agreement\n\nPairs|25\n")
    assert errors == []
    assert parsed == [
        {"title": "Welcome", "minutes": 5, "detail": "The agreement"},
        {"title": "Pairs", "minutes": 25, "detail": ""},
    ]
    assert outline_parse(outline_format(parsed)) == (parsed, [])


def test_each_unreadable_outline_line_gets_its_own_error_with_its_number():
    _, errors = outline_parse("Welcome | 5\nJust a title\n | 10 | no title\nPairs | ten | x")
    assert len(errors) == 3
    assert errors[0].startswith("Line 2: write the segment as")
    assert errors[1].startswith("Line 3: the segment needs a title")
    assert errors[2] == "Line 4: the minutes must be a whole number from 1 to 90, not “ten”."


def test_the_diff_marks_changed_added_and_removed_lines_field_by_field():
    left = {"title": "A", "goals": ["one", "two"], "summary": "same", "outline": []}
    right = {"title": "B", "goals": ["one", "three", "four"], "summary": "same", "outline": []}
    diffs = {d.name: d for d in plan_diff(left, right)}
    assert diffs["title"].changed and not diffs["summary"].changed
    assert [(r.left, r.right, r.kind) for r in diffs["goals"].rows] == [
        ("one", "one", "same"),
        ("two", "three", "changed"),
        ("", "four", "added"),
    ]
