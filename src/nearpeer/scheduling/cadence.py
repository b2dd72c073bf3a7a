"""Turn a series' cadence into dated meetings for one academic year, moving them around blackouts.

Rules (so coordinators can predict the result):

- The pattern is anchored on `first_date`, or by default on the first preferred weekday on or after the
  first day of the academic year.
- Monthly, bimonthly (every 2 months) and quarterly (every 3 months) series meet on the Nth preferred
  weekday of the month, where N is the anchor's position in its month (1st..4th). An anchor in the
  5th week means "the last such weekday of the month".
- Biweekly series meet every 14 days from the anchor. Custom series meet on the listed dates.
- A date inside a blackout (inclusive) moves to the nearest allowed date: first the same weekday one,
  two or three weeks before or after (one week for biweekly series); failing that, the nearest Monday to
  Friday within that same reach. Allowed means: outside every blackout, inside the academic year, and
  not on the same day as another meeting of the series. On a tie, the date in the original month wins,
  then the earlier one. Dates with no allowed date are returned as unplaced, with the reason.
- Local wall time stays the same across daylight-saving changes; a meeting's end is computed in real
  elapsed minutes. A start time that does not exist on a spring-forward day moves forward an hour.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from nearpeer.scheduling.types import (
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    Cadence,
    DateRange,
    Expansion,
    Occurrence,
    SeriesSpec,
    Unplaced,
)

MONTH_STEP = {Cadence.MONTHLY: 1, Cadence.BIMONTHLY: 2, Cadence.QUARTERLY: 3}


def validate(series: SeriesSpec) -> ZoneInfo:
    """Raise ValueError with a plain message if the series can't be expanded; return its time zone."""
    if not MIN_DURATION_MINUTES <= series.duration_minutes <= MAX_DURATION_MINUTES:
        raise ValueError(
            f"Sessions last {MIN_DURATION_MINUTES} to {MAX_DURATION_MINUTES} minutes, "
            f"not {series.duration_minutes}."
        )
    if not 0 <= series.weekday <= 6:
        raise ValueError("The preferred weekday must be 0 (Monday) to 6 (Sunday).")
    if series.year_first > series.year_last:
        raise ValueError("The academic year must end after it starts.")
    if series.cadence == Cadence.CUSTOM and not series.custom_dates:
        raise ValueError("A custom series needs at least one date.")
    custom = series.cadence == Cadence.CUSTOM
    if series.first_date and not custom and series.first_date.weekday() != series.weekday:
        raise ValueError("The first meeting must fall on the preferred weekday.")
    try:
        return ZoneInfo(series.tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"Unknown time zone: {series.tz!r}.") from exc


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The nth (1-based) given weekday of a month; n >= 5 means the last one."""
    first = date(year, month, 1)
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    day += timedelta(weeks=min(n, 5) - 1)
    while day.month != month:
        day -= timedelta(weeks=1)
    return day


def anchor(series: SeriesSpec) -> date:
    """The first meeting date the pattern counts from."""
    if series.first_date:
        return series.first_date
    start = series.year_first
    return start + timedelta(days=(series.weekday - start.weekday()) % 7)


def planned_dates(series: SeriesSpec) -> list[date]:
    """The cadence's dates within the academic year, before blackouts are applied."""
    first, last = series.year_first, series.year_last
    if series.cadence == Cadence.CUSTOM:
        return sorted(set(series.custom_dates))
    start = anchor(series)
    if series.cadence == Cadence.BIWEEKLY:
        count = (last - start).days // 14 + 1 if start <= last else 0
        return [d for d in (start + timedelta(days=14 * k) for k in range(count)) if d >= first]
    ordinal = (start.day - 1) // 7 + 1
    step = MONTH_STEP[series.cadence]
    dates = []
    year, month = start.year, start.month
    while date(year, month, 1) <= last:
        day = nth_weekday(year, month, series.weekday, ordinal)
        if first <= day <= last and day >= start:
            dates.append(day)
        month += step
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dates


def expand(series: SeriesSpec, blackouts: list[DateRange]) -> Expansion:
    """Dated meetings for the academic year; blacked-out dates move (with a note) or are unplaced."""
    zone = validate(series)
    dates = planned_dates(series)
    taken = {d for d in dates if _blackout(d, blackouts) is None and _in_year(d, series)}
    placed: dict[date, tuple[date | None, str]] = dict.fromkeys(taken, (None, ""))
    unplaced: list[Unplaced] = []
    for day in dates:
        if day in taken:
            continue
        if not _in_year(day, series):
            unplaced.append(Unplaced(day, f"{_label(day)} is outside the academic year."))
            continue
        blackout = _blackout(day, blackouts)
        why = f"{_label(day)} ({blackout.label or 'blackout'})"
        target = _nearest_allowed(day, series, blackouts, taken)
        if target is None:
            reach = _reach_weeks(series)
            unplaced.append(Unplaced(day, f"No free weekday within {reach} week(s) of {why}."))
            continue
        taken.add(target)
        placed[target] = (day, f"Moved from {why} to {_label(target)}")
    occurrences = [_occurrence(d, series, zone, *placed[d]) for d in sorted(placed)]
    return Expansion(occurrences=occurrences, unplaced=unplaced)


def _occurrence(day: date, series: SeriesSpec, zone: ZoneInfo, moved_from, note) -> Occurrence:
    # Round-trip through UTC so a non-existent local time is normalised and the end is real minutes.
    local = datetime.combine(day, series.start_time, tzinfo=zone)
    starts_at = local.astimezone(UTC).astimezone(zone)
    ends_at = (starts_at.astimezone(UTC) + timedelta(minutes=series.duration_minutes)).astimezone(
        zone
    )
    return Occurrence(starts_at=starts_at, ends_at=ends_at, moved_from=moved_from, note=note)


def _nearest_allowed(day: date, series: SeriesSpec, blackouts, taken: set[date]) -> date | None:
    weeks = _reach_weeks(series)
    same_weekday = [day + timedelta(weeks=k) for k in _offsets(weeks)]
    weekdays = [day + timedelta(days=k) for k in _offsets(7 * weeks)]
    for candidates in (same_weekday, [d for d in weekdays if d.weekday() < 5]):
        ok = [d for d in candidates if _allowed(d, series, blackouts, taken)]
        if ok:
            return min(ok, key=lambda d: (abs((d - day).days), d.month != day.month, d))
    return None


def _offsets(reach: int) -> list[int]:
    return [k for n in range(1, reach + 1) for k in (-n, n)]


def _reach_weeks(series: SeriesSpec) -> int:
    return 1 if series.cadence == Cadence.BIWEEKLY else 3


def _allowed(day: date, series: SeriesSpec, blackouts, taken: set[date]) -> bool:
    return _in_year(day, series) and day not in taken and _blackout(day, blackouts) is None


def _in_year(day: date, series: SeriesSpec) -> bool:
    return series.year_first <= day <= series.year_last


def _blackout(day: date, blackouts: list[DateRange]) -> DateRange | None:
    return next((b for b in blackouts if day in b), None)


def _label(day: date) -> str:
    return f"{day.day} {day:%b}"
