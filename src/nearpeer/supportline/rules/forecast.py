"""Support-line demand for the coming weeks, from weekly history and the academic calendar.

A transparent model (docs/forecast.md): a baseline (trimmed mean of recent ordinary weeks) times a
multiplier for each calendar event in the week, learned from history and pulled toward a default
when history is short, never below a floor. A simple interval and a staffing suggestion go with
each week, and `backtest` measures the error on held-out history next to a naive forecast.
No Django import.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from statistics import fmean, pstdev

EVENT_KINDS = ("exam", "board_exam", "holiday", "finals")
# Used when history has no week of that kind yet; history pulls the value toward what it saw.
DEFAULT_MULTIPLIERS: dict[str, float] = {
    "exam": 1.15,
    "board_exam": 1.3,
    "holiday": 0.7,
    "finals": 1.3,
}
SURGE_KINDS = frozenset({"finals", "board_exam"})  # one more mentor on call in these weeks
PRIOR_WEEKS = 2.0  # how many weeks of evidence the default multiplier is worth
MULTIPLIER_RANGE = (0.25, 4.0)
BASELINE_WEEKS = 12  # recent ordinary weeks averaged for the baseline
Z_95 = 1.96

Events = Mapping[date, str | Iterable[str]] | Iterable[tuple[date, str]]


@dataclass(frozen=True)
class Staffing:
    """How requests turn into mentors: see docs/forecast.md."""

    shift_windows_per_week: int = 14  # e.g. two 12-hour windows a day
    requests_per_mentor_window: float = 2.0  # what one mentor can take on in one window
    minimum_per_window: int = 1


@dataclass(frozen=True)
class WeekForecast:
    week_start: date
    events: tuple[str, ...]
    expected: float
    low: float
    high: float
    mentors_on_call: int  # per shift window


@dataclass(frozen=True)
class Forecast:
    weeks: tuple[WeekForecast, ...]
    baseline: float
    multipliers: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class BacktestWeek:
    week_start: date
    actual: int
    predicted: float
    naive: float


@dataclass(frozen=True)
class BacktestReport:
    holdout_weeks: int
    mae: float
    mape: float | None  # None when every held-out week had zero requests
    naive_mae: float
    naive_mape: float | None
    weeks: tuple[BacktestWeek, ...]


def week_of(day: date) -> date:
    """The Monday that starts day's week."""
    return day - timedelta(days=day.weekday())


def _history(history: Iterable[tuple[date, int]]) -> list[tuple[date, int]]:
    by_week: dict[date, int] = {}
    for day, count in history:
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"the count for {day} must be a whole number of 0 or more")
        week = week_of(day)
        if week in by_week:
            raise ValueError(f"two counts for the week starting {week}: give one per week")
        by_week[week] = count
    return sorted(by_week.items())


def _events(events: Events) -> dict[date, tuple[str, ...]]:
    pairs: list[tuple[date, str]] = []
    if isinstance(events, Mapping):
        for day, kinds in events.items():
            pairs.extend((day, k) for k in ([kinds] if isinstance(kinds, str) else kinds))
    else:
        pairs.extend(events)
    by_week: dict[date, set[str]] = {}
    for day, kind in pairs:
        if kind not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {kind!r}: use one of {', '.join(EVENT_KINDS)}")
        by_week.setdefault(week_of(day), set()).add(kind)
    return {week: tuple(sorted(kinds)) for week, kinds in by_week.items()}


def _trimmed_mean(values: list[float]) -> float:
    """Mean without the lowest and highest tenth (at least one each from five values on)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    cut = max(1, len(ordered) // 10) if len(ordered) >= 5 else 0
    return fmean(ordered[cut : len(ordered) - cut])


def _ordinary(weeks: list[tuple[date, int]], events: dict[date, tuple[str, ...]]) -> list[int]:
    return [count for week, count in weeks if week not in events]


def learn_multipliers(history: Iterable[tuple[date, int]], events: Events = ()) -> dict[str, float]:
    """Each event kind's ratio to ordinary weeks, pulled toward the default when data is short."""
    weeks, flagged = _history(history), _events(events)
    ordinary = _trimmed_mean([float(c) for c in _ordinary(weeks, flagged)])
    learned = {}
    for kind in EVENT_KINDS:
        seen = [count for week, count in weeks if kind in flagged.get(week, ())]
        default = DEFAULT_MULTIPLIERS[kind]
        if not seen or ordinary <= 0:
            learned[kind] = default
            continue
        ratio = fmean(seen) / ordinary
        shrunk = (len(seen) * ratio + PRIOR_WEEKS * default) / (len(seen) + PRIOR_WEEKS)
        learned[kind] = round(min(max(shrunk, MULTIPLIER_RANGE[0]), MULTIPLIER_RANGE[1]), 3)
    return learned


def _spread(ordinary: list[int]) -> float:
    """Relative week-to-week spread of ordinary weeks (coefficient of variation)."""
    recent = ordinary[-BASELINE_WEEKS:]
    mean = fmean(recent) if recent else 0.0
    return pstdev(recent) / mean if len(recent) > 1 and mean > 0 else 0.0


def _week(
    week: date,
    kinds: tuple[str, ...],
    *,
    baseline: float,
    spread: float,
    multipliers: Mapping[str, float],
    floor: float,
    staffing: Staffing,
) -> WeekForecast:
    multiplier = math.prod(multipliers.get(kind, DEFAULT_MULTIPLIERS[kind]) for kind in kinds)
    expected = max(floor, baseline * multiplier)
    # Poisson noise plus the spread of ordinary weeks, about a 95% interval.
    sd = math.sqrt(expected + (spread * expected) ** 2)
    low, high = max(0.0, expected - Z_95 * sd), expected + Z_95 * sd
    per_window = high / staffing.shift_windows_per_week / staffing.requests_per_mentor_window
    mentors = max(staffing.minimum_per_window, math.ceil(per_window - 1e-9))
    mentors += 1 if SURGE_KINDS.intersection(kinds) else 0
    return WeekForecast(
        week_start=week,
        events=kinds,
        expected=round(expected, 1),
        low=round(low, 1),
        high=round(high, 1),
        mentors_on_call=mentors,
    )


def forecast(
    history: Iterable[tuple[date, int]],
    events: Events = (),
    *,
    weeks: int = 8,
    start: date | None = None,
    multipliers: Mapping[str, float] | None = None,
    floor: float = 1.0,
    staffing: Staffing | None = None,
) -> Forecast:
    """Expected requests, an interval and mentors on call for each of the next `weeks` weeks."""
    if weeks < 1:
        raise ValueError("weeks must be 1 or more")
    if multipliers is not None and any(m < 0 for m in multipliers.values()):
        raise ValueError("multipliers must be 0 or more")
    past, flagged = _history(history), _events(events)
    if start is None and not past:
        raise ValueError("give the first week to forecast (start) when there is no history")
    start = start or past[-1][0] + timedelta(weeks=1)
    ordinary = _ordinary(past, flagged) or [count for _, count in past]
    baseline = _trimmed_mean([float(c) for c in ordinary[-BASELINE_WEEKS:]])
    learned = dict(multipliers) if multipliers is not None else learn_multipliers(past, flagged)
    first = week_of(start)
    upcoming = tuple(
        _week(
            first + timedelta(weeks=n),
            flagged.get(first + timedelta(weeks=n), ()),
            baseline=baseline,
            spread=_spread(ordinary),
            multipliers=learned,
            floor=floor,
            staffing=staffing or Staffing(),
        )
        for n in range(weeks)
    )
    return Forecast(weeks=upcoming, baseline=round(baseline, 2), multipliers=learned)


def _errors(pairs: list[tuple[int, float]]) -> tuple[float, float | None]:
    mae = fmean(abs(actual - guess) for actual, guess in pairs)
    relative = [abs(actual - guess) / actual for actual, guess in pairs if actual > 0]
    return round(mae, 2), round(100 * fmean(relative), 1) if relative else None


def backtest(
    history: Iterable[tuple[date, int]], events: Events = (), holdout_weeks: int = 8
) -> BacktestReport:
    """Fit on all but the last `holdout_weeks` weeks, forecast them, and compare with naive."""
    past, flagged = _history(history), _events(events)
    if holdout_weeks < 1:
        raise ValueError("holdout_weeks must be 1 or more")
    if len(past) <= holdout_weeks:
        raise ValueError(
            f"need more than {holdout_weeks} weeks of history to hold out {holdout_weeks}"
        )
    train, test = past[:-holdout_weeks], past[-holdout_weeks:]
    naive = float(train[-1][1])
    rows = []
    for week, actual in test:
        predicted = forecast(train, flagged, weeks=1, start=week).weeks[0].expected
        rows.append(BacktestWeek(week_start=week, actual=actual, predicted=predicted, naive=naive))
    mae, mape = _errors([(r.actual, r.predicted) for r in rows])
    naive_mae, naive_mape = _errors([(r.actual, r.naive) for r in rows])
    return BacktestReport(
        holdout_weeks=holdout_weeks,
        mae=mae,
        mape=mape,
        naive_mae=naive_mae,
        naive_mape=naive_mape,
        weeks=tuple(rows),
    )
