"""Reminder emails about sessions, each sent once per person, session and kind.

Facilitators hear 7 days and 1 day before; people who said they'd come hear 1 day before; people
who came get a feedback link after it ends. Cancelled sessions send nothing.

Sending is claimed first: a run creates the Reminder row (unique per session, person and kind) in
its own transaction, and only the run that created it sends, then sets `sent_at`. Two runs at once
can't both send. If a worker dies after claiming and before `sent_at` is written, the claim goes
stale after 15 minutes and a later run may take it over and send. So a reminder is never lost to a
crash; the one case that can send twice is a crash in the instant between the mail server
accepting the message and `sent_at` being saved (docs/operators.md).
"""

import datetime
import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from nearpeer.meetings.feedback import feedback_invite_issue
from nearpeer.meetings.models import Attendance, Facilitation, Meeting, Reminder, Rsvp
from nearpeer.tenancy import policy, zones
from nearpeer.weblinks import is_web_address

log = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(minutes=15)
DAY = datetime.timedelta(days=1)
WEEK = datetime.timedelta(days=7)
# Feedback links go out in the three days after a session (not for old sessions at first run).
FEEDBACK_WITHIN = datetime.timedelta(days=3)
Kind = Reminder.Kind


@dataclass(frozen=True)
class Due:
    meeting_id: int
    user_id: int
    kind: str


def _pairs(model, kind, **meeting_filter) -> set[Due]:
    rows = model.objects.filter(
        meeting__status=Meeting.Status.SCHEDULED,
        user__is_active=True,
        **{f"meeting__{k}": v for k, v in meeting_filter.items()},
    ).exclude(user__email="")
    return {Due(m, u, kind) for m, u in rows.values_list("meeting_id", "user_id")}


def reminders_due(now: datetime.datetime) -> list[Due]:
    """What should be sent now and isn't sent or being sent (a claim under 15 minutes old)."""
    due = (
        _pairs(Facilitation, Kind.FACILITATOR_7_DAYS, starts_at__gt=now + DAY,
               starts_at__lte=now + WEEK)
        | _pairs(Facilitation, Kind.FACILITATOR_1_DAY, starts_at__gt=now, starts_at__lte=now + DAY)
        | _pairs(Rsvp, Kind.ATTENDEE_1_DAY, starts_at__gt=now, starts_at__lte=now + DAY)
        | _pairs(Attendance, Kind.FEEDBACK, ends_at__lte=now, ends_at__gt=now - FEEDBACK_WITHIN)
    )  # fmt: skip
    if not due:
        return []
    taken = {
        Due(m, u, k)
        for m, u, k, sent, claimed in Reminder.objects.filter(
            meeting_id__in={d.meeting_id for d in due}
        ).values_list("meeting_id", "user_id", "kind", "sent_at", "claimed_at")
        if sent is not None or claimed > now - STALE_AFTER
    }
    return sorted(due - taken, key=lambda d: (d.meeting_id, d.user_id, d.kind))


def reminder_claim(*, due: Due, now: datetime.datetime) -> Reminder | None:
    """Take one reminder for this run; None when another run has it (or already sent it)."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                meeting_id=due.meeting_id, user_id=due.user_id, kind=due.kind, claimed_at=now
            )
    except IntegrityError:
        pass
    stale = Reminder.objects.filter(
        meeting_id=due.meeting_id, user_id=due.user_id, kind=due.kind,
        sent_at__isnull=True, claimed_at__lt=now - STALE_AFTER,
    )  # fmt: skip
    if stale.update(claimed_at=now) != 1:  # a conditional UPDATE: one run wins the takeover
        return None
    return Reminder.objects.get(meeting_id=due.meeting_id, user_id=due.user_id, kind=due.kind)


def _when(meeting: Meeting, zone: ZoneInfo) -> str:
    local = meeting.starts_at.astimezone(zone)
    return f"{local:%A} {local.day} {local:%B} at {local:%H:%M} ({zone.key})"


def _soon(meeting: Meeting, zone: ZoneInfo, now: datetime.datetime) -> str:
    """How far off the session is, counted in the recipient's calendar days, not in hours."""
    local = meeting.starts_at.astimezone(zone)
    days = (local.date() - now.astimezone(zone).date()).days
    if days <= 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days < 7:
        return f"on {local:%A}"
    return f"on {local:%A} {local.day} {local:%B}"


def _where(meeting: Meeting) -> str:
    parts = [meeting.room] if meeting.room else []
    if is_web_address(meeting.video_link):
        parts.append(f"online: {meeting.video_link}")
    return " and ".join(parts) or "see the session page"


def _link(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def message_for(reminder: Reminder, now: datetime.datetime | None = None) -> tuple[str, str] | None:
    """Subject and body of one reminder in the recipient's time zone, or None when there is
    nothing to send."""
    meeting, kind = reminder.meeting, reminder.kind
    zone, now = zones.zone_for(reminder.user), now or timezone.now()
    soon = _soon(meeting, zone, now)
    title = meeting.plan.title if meeting.plan else meeting.series.name
    page = _link("meetings:meeting_detail", meeting.pk)
    if kind in (Kind.FACILITATOR_7_DAYS, Kind.FACILITATOR_1_DAY):
        return (
            f"You're leading “{title}” {soon}",
            f"Thank you for leading “{title}” on {_when(meeting, zone)}, {_where(meeting)}.\n\n"
            f"The plan and facilitator guide: {page}\n"
            f"Take attendance on your phone: {_link('meetings:attendance', meeting.pk)}\n",
        )
    if kind == Kind.ASSIGNED:
        others = [
            f.user.display_name for f in meeting.facilitations.select_related("user")
            if f.user_id != reminder.user_id
        ]  # fmt: skip
        return (
            f"You're paired to lead “{title}” on {_when(meeting, zone)}",
            f"You were paired to lead “{title}” on {_when(meeting, zone)}, {_where(meeting)}"
            + (f", with {', '.join(others)}" if others else "")
            + ".\n\n"
            f"The plan and facilitator guide: {page}\n"
            f"All your sessions: {_link('meetings:mine')}\n"
            "If you can't make it, tell your program's coordinator so they can pair someone else.\n",
        )
    if kind == Kind.ATTENDEE_1_DAY:
        return (
            f"{soon[0].upper()}{soon[1:]}: “{title}”",
            f"A reminder that “{title}” is on {_when(meeting, zone)}, {_where(meeting)}.\n\n"
            f"Details: {page}\nIf you can't come after all, that's fine: you can say so there.\n",
        )
    token = feedback_invite_issue(meeting=meeting, user=reminder.user)
    if token is None:
        return None
    return (
        f"How was “{title}”?",
        f"Thank you for coming to “{title}”. Would you tell us how it went? It takes a minute, "
        "and it is anonymous: your answer is saved without your name, and facilitators only see "
        "figures once at least five people have answered.\n\n"
        f"{_link('meetings:feedback', token)}\n\nThis link works once.\n",
    )


def reminder_send(*, reminder: Reminder, now: datetime.datetime | None = None) -> bool:
    """Send one claimed reminder and record it; True when an email went out."""
    reminder = Reminder.objects.select_related(
        "meeting", "meeting__program", "meeting__plan", "meeting__series", "user"
    ).get(pk=reminder.pk)
    if reminder.meeting.status != Meeting.Status.SCHEDULED:
        return False
    if not policy.programs_for(reminder.user).filter(pk=reminder.meeting.program_id).exists():
        # They left the program since they were paired or said they'd come: tell them nothing.
        Reminder.objects.filter(pk=reminder.pk).update(sent_at=timezone.now())
        return False
    message = message_for(reminder, now)
    if message is not None:
        send_mail(message[0], message[1], None, [reminder.user.email])
    Reminder.objects.filter(pk=reminder.pk, sent_at__isnull=True).update(sent_at=timezone.now())
    return message is not None


def assigned_notify(*, pairs: list, now: datetime.datetime | None = None) -> int:
    """Tell each newly paired facilitator once (claimed like any reminder); the number emailed."""
    now = now or timezone.now()
    sent = 0
    for meeting_id, user_id in pairs:
        reminder = reminder_claim(due=Due(meeting_id, user_id, Kind.ASSIGNED), now=now)
        if reminder is not None and reminder_send(reminder=reminder):
            sent += 1
    return sent


def reminders_send_due(*, now: datetime.datetime | None = None) -> dict:
    """The periodic run: claim and send everything due. Safe to run often and side by side."""
    now = now or timezone.now()
    counts = {"due": 0, "sent": 0, "skipped": 0, "failed": 0}
    for due in reminders_due(now):
        counts["due"] += 1
        reminder = reminder_claim(due=due, now=now)
        if reminder is None:
            counts["skipped"] += 1
            continue
        try:
            counts["sent" if reminder_send(reminder=reminder, now=now) else "skipped"] += 1
        except Exception:  # one bad address must not stop the others; retried when stale
            log.exception("Reminder %s could not be sent", reminder.pk)
            counts["failed"] += 1
    return counts
