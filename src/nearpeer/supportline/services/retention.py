"""Retention: the content of closed support requests is removed after the retention period, and
only de-identified weekly counts stay.

A request's content is due for removal `line.retention_days_after_year_end` days after the end of
the academic year it was made in (the institution-wide AcademicCalendar containing its day; 30 June
when there is none). Content means messages, the mentor's notes, the opening message, the call-back
number, preferences, the screening answers and reasons, the reasons for each risk change and the
professional's acknowledgement; the link to the requester and the anonymous return codes are cut
too. Open requests are never touched, whatever their age: a high-risk request stays until a
professional acknowledges and closes it.

Before the content goes, the request is added to WeeklyCount (line, Monday of its week, each topic
or "unspecified", risk) and once more under the topic ALL_REQUESTS, so the number of requests per
week (a request may name several topics) survives too. Counting happens in the same transaction
that sets `purged_at`, only for rows whose `purged_at` was still empty: a request is counted once.
"""

import datetime
import zoneinfo
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.supportline.models import (
    Contact,
    Message,
    Risk,
    RiskChange,
    SupportRequest,
    WeeklyCount,
)
from nearpeer.tenancy.models import AcademicCalendar, Institution

UNSPECIFIED = "unspecified"
ALL_REQUESTS = "all_requests"  # one row per request (not per topic): requests per week
BATCH = 500


@dataclass
class PurgeReport:
    institution_id: int
    purged: int = 0
    open_past_retention: int = 0
    open_high_risk_past_retention: int = 0

    def summary(self) -> str:
        text = f"Removed the content of {self.purged} closed support requests after the retention period"
        if self.open_past_retention:
            text += (
                f"; kept {self.open_past_retention} still-open requests past it "
                f"({self.open_high_risk_past_retention} high risk)"
            )
        return text + "."


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def academic_year_end(day: datetime.date, calendars: list[tuple[datetime.date, datetime.date]]):
    """The last day of the academic year containing day: from a calendar, else 30 June."""
    for starts_on, ends_on in calendars:
        if starts_on <= day <= ends_on:
            return ends_on
    return datetime.date(day.year + (day.month >= 7), 6, 30)


def purge_due_on(local_day, calendars, retention_days: int) -> datetime.date:
    """The first day on which a request made on local_day may have its content removed."""
    return academic_year_end(local_day, calendars) + datetime.timedelta(days=retention_days + 1)


def _calendars(institution_ids) -> dict[int, list[tuple[datetime.date, datetime.date]]]:
    found = defaultdict(list)
    rows = AcademicCalendar.objects.filter(
        institution_id__in=institution_ids, program__isnull=True
    ).values_list("institution_id", "starts_on", "ends_on")
    for institution_id, starts_on, ends_on in rows:
        found[institution_id].append((starts_on, ends_on))
    return found


def _local_day(moment: datetime.datetime, tz_name: str) -> datetime.date:
    return timezone.localtime(moment, zoneinfo.ZoneInfo(tz_name)).date()


def _due(today: datetime.date, institution_ids=None):
    """Ids of requests past their retention date, by institution: (closed, open) with risk."""
    requests = SupportRequest.objects.filter(purged_at__isnull=True)
    if institution_ids is not None:
        requests = requests.filter(line__institution_id__in=institution_ids)
    rows = list(
        requests.values_list(
            "pk",
            "status",
            "risk",
            "created_at",
            "line__retention_days_after_year_end",
            "line__institution_id",
            "line__institution__time_zone",
        )
    )
    calendars = _calendars({row[5] for row in rows})
    closed, still_open = defaultdict(list), defaultdict(list)
    for pk, status, risk, created_at, days, institution_id, tz_name in rows:
        day = _local_day(created_at, tz_name)
        if purge_due_on(day, calendars[institution_id], days) > today:
            continue
        if status == SupportRequest.Status.CLOSED:
            closed[institution_id].append(pk)
        else:
            still_open[institution_id].append((pk, risk))
    return closed, still_open


def _count(rows, tz_name: str) -> Counter:
    counts: Counter = Counter()
    for line_id, created_at, topics, risk in rows:
        week = week_start(_local_day(created_at, tz_name))
        for topic in [*(topics or [UNSPECIFIED]), ALL_REQUESTS]:
            counts[line_id, week, topic, risk] += 1
    return counts


def weekly_counts_add(counts: Counter) -> None:
    """Add to the de-identified weekly counts (creating rows as needed)."""
    for (line_id, week, topic, risk), n in counts.items():
        updated = WeeklyCount.objects.filter(
            line_id=line_id, week_start=week, topic=topic, risk=risk
        ).update(count=F("count") + n)
        if not updated:
            WeeklyCount.objects.create(
                line_id=line_id, week_start=week, topic=topic, risk=risk, count=n
            )


@transaction.atomic
def _purge_batch(ids: list[int], tz_name: str, now: datetime.datetime) -> int:
    """Count and empty these closed requests; rows already purged (by a parallel run) are skipped."""
    locked = list(
        SupportRequest.objects.select_for_update()
        .filter(pk__in=ids, purged_at__isnull=True, status=SupportRequest.Status.CLOSED)
        .values_list("pk", "line_id", "created_at", "topics", "risk")
    )
    if not locked:
        return 0
    pks = [row[0] for row in locked]
    weekly_counts_add(_count([row[1:] for row in locked], tz_name))
    Message.objects.filter(request_id__in=pks).delete()
    Contact.objects.filter(request_id__in=pks).update(notes="")
    RiskChange.objects.filter(request_id__in=pks).update(reason="")
    SupportRequest.objects.filter(pk__in=pks).update(
        purged_at=now,
        requester=None,
        return_token_hash=None,
        return_code_hash="",
        callback_phone="",
        opening_message="",
        acknowledgement="",
        preferences={},
        risk_reasons=[],
        self_harm_answer=None,
        danger_answer=None,
    )
    return len(pks)


def supportline_purge(*, now: datetime.datetime | None = None, institution_ids=None):
    """Remove the content of closed requests past retention, institution by institution; one
    access-log entry per institution with something to report. Returns the reports."""
    now = now or timezone.now()
    closed, still_open = _due(timezone.localdate(now), institution_ids)
    involved = set(closed) | set(still_open)
    institutions = Institution.objects.in_bulk(involved)
    reports = []
    for institution_id in sorted(involved):
        institution = institutions[institution_id]
        report = PurgeReport(institution_id=institution_id)
        ids = closed.get(institution_id, [])
        for start in range(0, len(ids), BATCH):
            report.purged += _purge_batch(ids[start : start + BATCH], institution.time_zone, now)
        kept = still_open.get(institution_id, [])
        report.open_past_retention = len(kept)
        report.open_high_risk_past_retention = sum(risk == Risk.HIGH for _, risk in kept)
        if report.purged or report.open_past_retention:
            access_record(
                actor=None,
                institution=institution,
                action=AccessLog.Action.CHANGE,
                record_type="support_purge",
                summary=report.summary(),
            )
        reports.append(report)
    return reports
