"""Coverage: which hours of each day's 08:00–24:00 window have no covering shift."""

import datetime

from nearpeer.supportline.models import Shift
from nearpeer.supportline.selectors import rota as rs
from tests.supportline.fixtures_rota import *  # noqa: F403
from tests.supportline.fixtures_rota import at, make_shift


def _hours(report_day) -> list[tuple[str, str]]:
    return [(f"{a:%H:%M}", f"{b:%H:%M}") for a, b in report_day.gaps]


def test_coverage_finds_the_exact_gaps(coordinator, line, day, prof, mentor_a, mentor_b, rookie):
    # given: covered 10–14 and 13–18 (overlapping), an open slot 18–20, a draft 20–21,
    # an untrained mentor 21–22, and an overnight covered shift 23:00 to 09:00
    make_shift(line, coordinator, day, 10, 14, mentor=mentor_a, backup=prof)
    make_shift(line, coordinator, day, 13, 18, mentor=mentor_b, backup=prof)
    make_shift(line, coordinator, day, 18, 20, backup=prof)
    make_shift(line, coordinator, day, 20, 21, mentor=mentor_b, backup=prof, publish=False)
    Shift.objects.create(
        line=line,
        starts_at=at(line, day, 21),
        ends_at=at(line, day, 22),
        mentor=rookie,
        backup=prof,
        status=Shift.Status.PUBLISHED,
    )
    make_shift(line, coordinator, day, 23, 33, mentor=mentor_a, backup=prof)
    # when
    first, second = rs.coverage(line, day, 2)
    # then
    assert _hours(first) == [("08:00", "10:00"), ("18:00", "23:00")]
    assert first.uncovered_minutes == 7 * 60
    assert _hours(second) == [("09:00", "00:00")]
    assert second.uncovered_hours == 15


def test_a_day_without_shifts_is_wholly_uncovered(line, day):
    (only,) = rs.coverage(line, day, 1)
    assert _hours(only) == [("08:00", "00:00")]
    assert only.uncovered_minutes == 16 * 60


def test_a_fully_covered_day_has_no_gaps(coordinator, line, day, prof, mentor_a, mentor_b):
    make_shift(line, coordinator, day, 8, 16, mentor=mentor_a, backup=prof)
    make_shift(line, coordinator, day, 16, 24, mentor=mentor_b, backup=prof)
    (only,) = rs.coverage(line, day, 1)
    assert only.gaps == []


def test_cancelled_shifts_leave_a_gap(coordinator, line, day, prof, mentor_a):
    from nearpeer.supportline.services import shifts

    shift = make_shift(line, coordinator, day, 8, 24, mentor=mentor_a, backup=prof)
    shifts.shift_cancel(by=coordinator, shift=shift)
    (only,) = rs.coverage(line, day, 1)
    assert only.uncovered_minutes == 16 * 60


def test_uncovered_is_pure_interval_arithmetic():
    t = lambda h: datetime.datetime(2030, 1, 1, h, tzinfo=datetime.UTC)  # noqa: E731
    assert rs.uncovered((t(8), t(20)), [(t(9), t(10)), (t(7), t(8)), (t(9), t(12))]) == [
        (t(8), t(9)),
        (t(12), t(20)),
    ]
    assert rs.uncovered((t(8), t(20)), [(t(6), t(21))]) == []
