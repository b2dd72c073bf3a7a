"""Who came to a session: facilitators and program staff mark people present with one tap, and
trainees check themselves in with the session's short code while it runs. Reads start from the
policy module; a session the user may not see is a 404."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.meetings import access
from nearpeer.meetings.models import Attendance, Meeting, Rsvp

# Check-in (and marking people present) opens this long before the session starts.
OPENS_BEFORE = datetime.timedelta(minutes=15)
CODE_LENGTH = 6


# --- Reads --------------------------------------------------------------------------------------


def meeting_for_attendance(user, meeting_id: int) -> Meeting:
    """A session the user leads or runs, with its program; anyone else gets a 404."""
    meetings = access.meetings_led_or_managed(user).select_related("program", "series", "plan")
    return get_object_or_404(meetings, pk=meeting_id)


@dataclass
class Person:
    """One line of the attendance list."""

    id: int
    name: str
    email: str
    rsvp: bool
    present: bool
    via: str


def _lines(people, meeting: Meeting) -> list[Person]:
    here = Attendance.objects.filter(meeting_id=meeting.pk, user_id=OuterRef("pk"))
    people = people.annotate(
        rsvp=Exists(Rsvp.objects.filter(meeting_id=meeting.pk, user_id=OuterRef("pk"))),
        present=Exists(here),
        via=here.values("via")[:1],
    ).order_by("-rsvp", "full_name", "email", "pk")
    return [Person(p.pk, p.display_name, p.email, p.rsvp, p.present, p.via or "") for p in people]


def roster(user, meeting: Meeting, search: str = "") -> list[Person]:
    """The people who may be marked, RSVP'd first and then by name, in one query."""
    people = access.attendance_roster(user, meeting)
    search = search.strip()[:100]
    if search:
        people = people.filter(
            Q(full_name__icontains=search)
            | Q(preferred_name__icontains=search)
            | Q(email__icontains=search)
        )
    return _lines(people, meeting)


def person_on_roster(user, meeting: Meeting, person_id: int) -> Person:
    """One line of the list; someone who may not be marked here is a 404."""
    found = _lines(access.attendance_roster(user, meeting).filter(pk=person_id), meeting)
    if not found:
        raise Http404
    return found[0]


def with_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.annotate(
        present_count=Count("attendance", distinct=True),
        rsvp_count=Count("rsvps", distinct=True),
    )


def attendance_overview(user, *, days_back: int = 120) -> list[Meeting]:
    """Sessions the user leads or runs, from `days_back` days ago to a week ahead, newest first,
    each with how many came and how many said they would."""
    now = timezone.now()
    meetings = with_counts(
        access.meetings_led_or_managed(user)
        .filter(
            starts_at__gte=now - datetime.timedelta(days=days_back),
            starts_at__lte=now + datetime.timedelta(days=7),
        )
        .select_related("program", "series", "plan")
    )
    return list(meetings.order_by("-starts_at", "-pk"))


def present_count(meeting: Meeting) -> int:
    return Attendance.objects.filter(meeting_id=meeting.pk).count()


def local_start(meeting: Meeting) -> datetime.datetime:
    return meeting.starts_at.astimezone(ZoneInfo(meeting.program.time_zone))


def is_open(meeting: Meeting, now: datetime.datetime | None = None) -> bool:
    """True while people may check in: from 15 minutes before the start to the end."""
    now = now or timezone.now()
    return meeting.starts_at - OPENS_BEFORE <= now <= meeting.ends_at


# --- Writes -------------------------------------------------------------------------------------


def _opens_label(meeting: Meeting) -> str:
    opens = (meeting.starts_at - OPENS_BEFORE).astimezone(ZoneInfo(meeting.program.time_zone))
    return f"{opens:%a} {opens.day} {opens:%b} at {opens:%H:%M}"


@transaction.atomic
def attendance_set(*, by: User, meeting: Meeting, person_id: int, present: bool) -> bool:
    """A facilitator or the program's staff marks one person present or not; returns `present`."""
    if not access.meetings_led_or_managed(by).filter(pk=meeting.pk).exists():
        raise PermissionDenied("You don't lead or run this session.")
    if meeting.status == Meeting.Status.CANCELLED:
        raise ValidationError(
            "This session was cancelled, so there is no attendance to take.", code="cancelled"
        )
    if timezone.now() < meeting.starts_at - OPENS_BEFORE:
        raise ValidationError(
            f"Attendance opens 15 minutes before the session starts ({_opens_label(meeting)}).",
            code="too_early",
        )
    if not access.attendance_roster(by, meeting).filter(pk=person_id).exists():
        raise ValidationError(
            {"user_id": "That person isn't a trainee of this program: choose someone on the list."},
            code="not_in_program",
        )
    if present:
        Attendance.objects.get_or_create(
            meeting=meeting, user_id=person_id, defaults={"via": Attendance.Via.FACILITATOR}
        )
    else:
        Attendance.objects.filter(meeting=meeting, user_id=person_id).delete()
    return present


def normalize_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def attendance_check_in(*, user, code: str) -> tuple[Attendance, bool]:
    """A trainee checks in with the code their facilitator shows. Returns the attendance and
    whether it is new. Only sessions of the user's own programs can match."""
    code = normalize_code(code)
    if len(code) != CODE_LENGTH:
        raise ValidationError(
            {"code": f"The code has {CODE_LENGTH} letters and numbers, such as K7M2QP."},
            code="code_format",
        )
    candidates = list(
        access.meetings_for(user)
        .filter(check_in_code=code, status=Meeting.Status.SCHEDULED)
        .select_related("program")
        .order_by("-starts_at")[:5]
    )
    if not candidates:
        raise ValidationError(
            {"code": "That code doesn't match a session in your programs. Check it with your "
             "facilitator and try again."},
            code="wrong_code",
        )  # fmt: skip
    now = timezone.now()
    meeting = next((m for m in candidates if is_open(m, now)), None)
    if meeting is None:
        _not_open(candidates[0], now)
    if not access.programs_attended(user).filter(pk=meeting.program_id).exists():
        raise ValidationError(
            {"code": f"Check-in is for trainees of {meeting.program.name}. Your facilitator "
             "can mark you present instead."},
            code="not_trainee",
        )  # fmt: skip
    return _check_in(meeting, user)


def _not_open(meeting: Meeting, now) -> None:
    if now < meeting.starts_at - OPENS_BEFORE:
        raise ValidationError(
            {"code": f"Check-in opens 15 minutes before the session starts "
             f"({_opens_label(meeting)})."},
            code="too_early",
        )  # fmt: skip
    raise ValidationError(
        {"code": "This session has ended, so check-in is closed. Your facilitator can still "
         "mark you present."},
        code="closed",
    )  # fmt: skip


def _check_in(meeting: Meeting, user) -> tuple[Attendance, bool]:
    try:
        with transaction.atomic():
            return Attendance.objects.get_or_create(
                meeting=meeting, user=user, defaults={"via": Attendance.Via.SELF}
            )
    except IntegrityError:  # checked in twice at the same moment: the first one counts
        return Attendance.objects.get(meeting=meeting, user=user), False
