"""Which meetings a facilitator can make, from their weekly availability and date exceptions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nearpeer.scheduling.types import DateRange, Meeting


@dataclass(frozen=True)
class WeeklyWindow:
    """A recurring free slot: weekday (0 = Monday), minutes after local midnight [start, end)."""

    weekday: int
    start_minute: int
    end_minute: int


def available_meetings(
    meetings: Iterable[Meeting], windows: Iterable[WeeklyWindow], away: Iterable[DateRange] = ()
) -> frozenset:
    """Ids of the meetings that fit wholly inside a weekly window, on a day the person isn't away.

    Times are read in each meeting's own local time (its `starts_at` time zone).
    """
    by_day: dict[int, list[WeeklyWindow]] = {}
    for window in windows:
        by_day.setdefault(window.weekday, []).append(window)
    away = list(away)
    ids = []
    for meeting in meetings:
        start, end = meeting.starts_at, meeting.ends_at.astimezone(meeting.starts_at.tzinfo)
        if any(start.date() in gap for gap in away):
            continue
        first = start.hour * 60 + start.minute
        last = first + int((end - start).total_seconds() // 60)
        if any(
            w.start_minute <= first and last <= w.end_minute
            for w in by_day.get(start.weekday(), ())
        ):
            ids.append(meeting.id)
    return frozenset(ids)
