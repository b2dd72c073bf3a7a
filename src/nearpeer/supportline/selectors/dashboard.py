"""Reads for the demand and staffing dashboard of one support line: requests by week and topic for
the last 26 weeks (live requests plus the de-identified WeeklyCount), the academic calendar beside
each week, small cells hidden (nearpeer.privacy), and the forecast of the next 8 weeks with its
backtest error (nearpeer.supportline.rules.forecast). A fixed number of queries, whatever the history.

Nothing here reads content: only dates, topics and counts.
"""

import datetime
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet, Sum
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer import privacy
from nearpeer.supportline import access
from nearpeer.supportline.models import SupportLine, SupportRequest, Topic, WeeklyCount
from nearpeer.supportline.rules import forecast as demand
from nearpeer.supportline.services.retention import ALL_REQUESTS, UNSPECIFIED, week_start
from nearpeer.tenancy.models import Blackout

WEEKS_SHOWN = 26
FORECAST_WEEKS = 8
HISTORY_WEEKS = 104  # what the forecast learns from
HOLDOUT_WEEKS = 8
MIN_BACKTEST_WEEKS = 16  # fewer weeks than this: no backtest is shown
THRESHOLD = 5
TOPIC_LABELS = {**dict(Topic.choices), UNSPECIFIED: "No topic given"}
CHART_HEIGHT = 120
BAR_WIDTH, BAR_GAP = 14, 4


def lines_with_dashboard(user) -> QuerySet[SupportLine]:
    """Lines whose counts the user may see: the office and program staff running them, and the
    line's professionals."""
    return (
        SupportLine.objects.filter(
            Q(pk__in=access.support_lines_managed(user).values("pk"))
            | Q(pk__in=access.support_lines_backed(user).values("pk"))
        )
        .select_related("institution")
        .order_by("institution__name", "name")
    )


def line_for_dashboard(user, line_id: int) -> SupportLine:
    return get_object_or_404(lines_with_dashboard(user), pk=line_id)


@dataclass
class WeekRow:
    week_start: datetime.date
    events: list[tuple[str, str]]  # (kind, name)
    cells: list[int | None]  # per topic, None when hidden
    topic_total: int | None
    requests: int | None  # requests (not topics) in the week, None when hidden
    is_current: bool = False


@dataclass
class Bar:
    x: int
    y: int
    height: int
    label: str
    css: str


@dataclass
class Dashboard:
    line: SupportLine
    topics: list[tuple[str, str]]
    weeks: list[WeekRow]
    topic_totals: list[int | None]
    total: int | None
    forecast: demand.Forecast
    backtest: demand.BacktestReport | None
    history_weeks: int
    upcoming: list[tuple[demand.WeekForecast, list[tuple[str, str]]]] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    chart_width: int = 0
    chart_height: int = CHART_HEIGHT
    threshold: int = THRESHOLD


def _counts(line: SupportLine, first: datetime.date) -> tuple[Counter, Counter]:
    """(requests per week, topic mentions per (week, topic)): two queries."""
    requests: Counter = Counter()
    topics: Counter = Counter()
    kept = (
        WeeklyCount.objects.filter(line=line, week_start__gte=first)
        .values_list("week_start", "topic")
        .annotate(n=Sum("count"))
    )
    for week, topic, n in kept:
        if topic == ALL_REQUESTS:
            requests[week] += n
        else:
            topics[week, topic] += n
    tz = zoneinfo.ZoneInfo(line.institution.time_zone)
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=tz)
    live = SupportRequest.objects.filter(
        line=line, purged_at__isnull=True, created_at__gte=start
    ).values_list("created_at", "topics")
    for created_at, named in live:
        week = week_start(timezone.localtime(created_at, tz).date())
        requests[week] += 1
        for topic in named or [UNSPECIFIED]:
            topics[week, topic] += 1
    return requests, topics


def _events(line: SupportLine, first: datetime.date, last: datetime.date):
    """Calendar events (kind, name) by week, from the line's institution and programs: one query."""
    blackouts = Blackout.objects.filter(
        Q(calendar__program__isnull=True) | Q(calendar__program__in=line.programs.values("pk")),
        calendar__institution_id=line.institution_id,
        ends_on__gte=first,
        starts_on__lte=last,
    ).values_list("kind", "name", "starts_on", "ends_on")
    by_week: dict[datetime.date, list[tuple[str, str]]] = defaultdict(list)
    for kind, name, starts_on, ends_on in blackouts.order_by("starts_on", "name"):
        week = week_start(max(starts_on, first))
        while week <= min(ends_on, last):
            if (kind, name) not in by_week[week]:
                by_week[week].append((kind, name))
            week += datetime.timedelta(weeks=1)
    return by_week


def _history(requests: Counter, this_week: datetime.date) -> list[tuple[datetime.date, int]]:
    """Complete weeks from the first with data to last week, zeros included."""
    past = [w for w in requests if w < this_week]
    if not past:
        return []
    week, found = min(past), []
    while week < this_week:
        found.append((week, requests.get(week, 0)))
        week += datetime.timedelta(weeks=1)
    return found


def line_dashboard(line: SupportLine, today: datetime.date | None = None) -> Dashboard:
    """Everything the dashboard shows, with small cells already hidden."""
    today = today or timezone.localdate()
    this_week = week_start(today)
    first = this_week - datetime.timedelta(weeks=HISTORY_WEEKS)
    horizon = this_week + datetime.timedelta(weeks=FORECAST_WEEKS + 1)
    requests, mentions = _counts(line, first)
    events = _events(line, first, horizon)
    shown_weeks = [this_week - datetime.timedelta(weeks=n) for n in range(WEEKS_SHOWN - 1, -1, -1)]
    used = {t for (w, t), n in mentions.items() if n and w >= shown_weeks[0]}
    topics = [(k, label) for k, label in TOPIC_LABELS.items() if k in used]
    table = privacy.suppress_table(
        {w: {k: mentions.get((w, k), 0) for k, _ in topics} for w in shown_weeks},
        threshold=THRESHOLD,
    )
    weeks = [
        WeekRow(
            week_start=w,
            events=events.get(w, []),
            cells=[table.cells[w][k] for k, _ in topics] if topics else [],
            topic_total=table.row_totals[w],
            requests=_requests_shown(requests.get(w, 0), table.row_totals[w]),
            is_current=w == this_week,
        )
        for w in shown_weeks
    ]
    history = _history(requests, this_week)
    flagged = [(w, kind) for w, found in events.items() for kind, _ in found]
    planned = demand.forecast(
        history, flagged, weeks=FORECAST_WEEKS, start=this_week + datetime.timedelta(weeks=1)
    )
    tested = (
        demand.backtest(history, flagged, holdout_weeks=HOLDOUT_WEEKS)
        if len(history) >= MIN_BACKTEST_WEEKS
        else None
    )
    board = Dashboard(
        line=line,
        topics=topics,
        weeks=weeks,
        topic_totals=[table.column_totals[k] for k, _ in topics],
        total=table.total,
        forecast=planned,
        backtest=tested,
        history_weeks=len(history),
        upcoming=[(f, events.get(f.week_start, [])) for f in planned.weeks],
    )
    _chart(board)
    return board


def _requests_shown(count: int, topic_total: int | None) -> int | None:
    """A week's request count, hidden when small or when its topic total is hidden (it could
    then be worked out from the two)."""
    if privacy.is_small(count, THRESHOLD) or (count and topic_total is None):
        return None
    return count


def _chart(board: Dashboard) -> None:
    """Bars for past weeks' requests and the forecast, as SVG geometry (no inline styles)."""
    peak = max(
        [w.requests or 0 for w in board.weeks] + [f.expected for f in board.forecast.weeks] + [1]
    )
    step = BAR_WIDTH + BAR_GAP
    for n, week in enumerate(board.weeks):
        if week.requests is None:
            board.bars.append(
                Bar(
                    n * step,
                    CHART_HEIGHT - 4,
                    4,
                    f"Week of {week.week_start:%d %b}: fewer than {THRESHOLD} or hidden",
                    "bar-hidden",
                )
            )
            continue
        height = round(CHART_HEIGHT * week.requests / peak)
        label = f"Week of {week.week_start:%d %b}: {week.requests} requests"
        board.bars.append(Bar(n * step, CHART_HEIGHT - height, height, label, "bar-past"))
    offset = len(board.weeks)
    for n, week in enumerate(board.forecast.weeks):
        height = round(CHART_HEIGHT * week.expected / peak)
        label = f"Week of {week.week_start:%d %b}: about {week.expected:g} requests expected"
        x = (offset + n) * step
        board.bars.append(Bar(x, CHART_HEIGHT - height, height, label, "bar-forecast"))
    board.chart_width = (offset + len(board.forecast.weeks)) * step
