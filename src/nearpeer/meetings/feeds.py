"""Calendar links (iCalendar): a secret, revocable feed per person (sessions they lead or said
they'd come to, and their support-line shifts) or per program (all its sessions), and an .ics
download for one session. Times carry the program's time zone with its VTIMEZONE."""

import datetime
import secrets
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone

from nearpeer.accounts.tokens import hash_token
from nearpeer.meetings import access
from nearpeer.meetings.models import CalendarFeed, Meeting, Rsvp
from nearpeer.tenancy import policy
from nearpeer.weblinks import is_web_address

# What a feed covers: recent past (so a calendar keeps last month) and the year ahead.
FEED_PAST = datetime.timedelta(days=60)
FEED_AHEAD = datetime.timedelta(days=400)


def feed_url(raw: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("meetings:feed_ics", args=[raw])


# --- Building calendars -----------------------------------------------------------------------


def _host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "nearpeer"


def _with_sequence(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Sessions with what an event needs; `sequence` counts changes (moves, edits, cancelling),
    so calendar apps take the newest version."""
    return meetings.select_related("program", "series", "plan").annotate(
        sequence=Count("changes", distinct=True)
    )


def meeting_event(meeting: Meeting, stamp: datetime.datetime) -> icalendar.Event:
    zone = ZoneInfo(meeting.program.time_zone)
    plan = meeting.plan
    title = plan.title if plan else meeting.series.name
    description = f"{plan.title}\n\n{plan.summary}".strip() if plan else meeting.series.name
    page = settings.SITE_URL.rstrip("/") + reverse("meetings:meeting_detail", args=[meeting.pk])
    cancelled = meeting.status == Meeting.Status.CANCELLED
    return icalendar.Event.new(
        uid=f"nearpeer-meeting-{meeting.pk}@{_host()}",
        summary=("Cancelled: " if cancelled else "") + title,
        start=meeting.starts_at.astimezone(zone),
        end=meeting.ends_at.astimezone(zone),
        stamp=stamp,
        location=meeting.room or "Online",
        url=meeting.video_link if is_web_address(meeting.video_link) else page,
        description=f"{description}\n\n{meeting.program.name}\n{page}",
        status="CANCELLED" if cancelled else "CONFIRMED",
        sequence=getattr(meeting, "sequence", 0),
    )


def calendar_of(name: str, events: list, first: datetime.date, last: datetime.date) -> bytes:
    calendar = icalendar.Calendar.new(name=name, prodid="-//nearpeer//sessions//EN")
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


# Other parts of nearpeer add their own events to a person's feed (the support line adds shifts).
# nearpeer.home adds them at start-up (home/feeds.py), so meetings imports none of them.
PersonEvents = Callable[[object, datetime.datetime, datetime.datetime], Iterable]
PERSON_EVENTS: list[PersonEvents] = []


def person_events_add(events_for: PersonEvents) -> None:
    """Add a source of a person's own events (user, start, end) to every personal feed."""
    if events_for not in PERSON_EVENTS:
        PERSON_EVENTS.append(events_for)


def _other_events(user, start, end) -> list:
    return [event for events_for in PERSON_EVENTS for event in events_for(user, start, end)]


def _ical(name: str, meetings, now, extra=()) -> bytes:
    events = [meeting_event(m, now) for m in meetings] + list(extra)
    first = (now - FEED_PAST - datetime.timedelta(days=1)).date()
    last = (now + FEED_AHEAD + datetime.timedelta(days=1)).date()
    starts = [e.start.date() for e in events if e.start]
    if starts:
        first, last = min(first, *starts), max(last, *starts)
    return calendar_of(name, events, first, last)


def person_calendar(user) -> bytes:
    """Sessions the user leads or said they'd come to, and their support-line shifts."""
    now = timezone.now()
    start, end = now - FEED_PAST, now + FEED_AHEAD
    meetings = _with_sequence(
        access.meetings_for(user).filter(
            Q(pk__in=access.meetings_facilitated(user).values("pk"))
            | Q(pk__in=Rsvp.objects.filter(user_id=user.pk).values("meeting_id")),
            starts_at__gte=start,
            starts_at__lt=end,
        )
    ).order_by("starts_at", "pk")
    others = _other_events(user, start, end)
    return _ical(f"nearpeer: {user.display_name}", meetings, now, others)


def program_calendar(program) -> bytes:
    now = timezone.now()
    meetings = _with_sequence(
        Meeting.objects.filter(
            program=program, starts_at__gte=now - FEED_PAST, starts_at__lt=now + FEED_AHEAD
        )
    ).order_by("starts_at", "pk")
    return _ical(f"nearpeer: {program.name}", meetings, now)


def meeting_calendar(user, meeting_id: int) -> tuple[Meeting, bytes]:
    """One session the user may see, as an .ics file; others get a 404."""
    meeting = get_object_or_404(_with_sequence(access.meetings_for(user)), pk=meeting_id)
    return meeting, _ical(meeting.series.name, [meeting], timezone.now())


def feed_calendar(raw: str) -> bytes:
    """The calendar behind a secret link; a revoked or unknown link, or one whose owner may no
    longer see it, is a 404."""
    feed = (
        CalendarFeed.objects.select_related("user", "program", "created_by")
        .filter(token_hash=hash_token(raw or ""), revoked_at__isnull=True)
        .first()
    )
    if feed is None:
        raise Http404
    if feed.user_id is not None:
        if not feed.user.is_active:
            raise Http404
        return person_calendar(feed.user)
    if not feed.program.is_active or not policy.can_manage_program(feed.created_by, feed.program):
        raise Http404
    return program_calendar(feed.program)


# --- Calendar links -----------------------------------------------------------------------------


def feeds_visible(user) -> list[CalendarFeed]:
    """The user's own link and those of programs they run, live ones first."""
    return list(
        access.calendar_feeds_for(user)
        .select_related("program", "created_by")
        .order_by("revoked_at", "-created_at", "-pk")
    )


def feed_for_user(user, feed_id: int) -> CalendarFeed:
    return get_object_or_404(access.calendar_feeds_for(user), pk=feed_id)


def programs_for_feeds(user):
    return policy.programs_managed(user).order_by("name", "pk")


@transaction.atomic
def feed_create(*, by, program=None) -> tuple[CalendarFeed, str]:
    """A new secret link for the user (or for a program they run). It replaces the owner's
    current link, which stops working. Returns the feed and its token, shown only once."""
    if program is not None and not policy.can_manage_program(by, program):
        raise PermissionDenied("You don't run this program.")
    owner = {"program": program} if program is not None else {"user": by}
    now = timezone.now()
    CalendarFeed.objects.filter(revoked_at__isnull=True, **owner).update(revoked_at=now)
    raw = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(created_by=by, token_hash=hash_token(raw), **owner)
    return feed, raw


@transaction.atomic
def feed_revoke(*, by, feed: CalendarFeed) -> CalendarFeed:
    """Stop a link working at once (revoking twice changes nothing)."""
    if not access.calendar_feeds_for(by).filter(pk=feed.pk).exists():
        raise PermissionDenied("That isn't one of your calendar links.")
    if feed.revoked_at is None:
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
    return feed
