"""Which sessions, series, attendance and calendar links a person may see or change, built only
from the facts about their roles that `tenancy.policy` holds. Every read of meetings data starts
here. (Plans a series may use are curriculum's answer: `curriculum.access.program_plans_schedulable`.)
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from nearpeer.meetings.models import Attendance, CalendarFeed, Meeting, Series
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Membership, Program, Role

# Roles whose holders may lead sessions: peers of one program, and wellness advisors (across the
# institution or in one program).
FACILITATOR_ROLES = frozenset({Role.PEER_FACILITATOR, Role.WELLNESS_ADVISOR})


def meetings_for(user) -> QuerySet[Meeting]:
    """Sessions of the programs the user belongs to (or serves institution-wide)."""
    return Meeting.objects.filter(program_id__in=policy.programs_for(user).values("pk"))


def meetings_managed(user) -> QuerySet[Meeting]:
    """Sessions the user may move, cancel, edit and staff: those of programs they run."""
    return Meeting.objects.filter(program_id__in=policy.programs_managed(user).values("pk"))


def series_for(user) -> QuerySet[Series]:
    return Series.objects.filter(program_id__in=policy.programs_for(user).values("pk"))


def series_managed(user) -> QuerySet[Series]:
    return Series.objects.filter(program_id__in=policy.programs_managed(user).values("pk"))


def facilitator_memberships(program: Program, on=None) -> QuerySet[Membership]:
    """Roles in force that let someone lead this program's sessions: its peer facilitators, and
    wellness advisors of its institution (institution-wide or of this program)."""
    return Membership.objects.active(on).filter(
        Q(role=Role.PEER_FACILITATOR, program=program)
        | Q(
            Q(program__isnull=True) | Q(program=program),
            role=Role.WELLNESS_ADVISOR,
            institution_id=program.institution_id,
        )
    )


def can_facilitate(user) -> bool:
    """True when the user leads sessions somewhere (so gives availability and a monthly cap)."""
    return policy.own_memberships(user).filter(role__in=list(FACILITATOR_ROLES)).exists()


def sessions_on_blackouts(user, blackouts) -> dict[int, list]:
    """Blackout id -> the scheduled upcoming sessions the user runs that fall on its days (in
    each session's program's local time). Blackouts keep future series off those days, but
    sessions already scheduled stay put until someone moves or cancels them."""
    blackouts = list(blackouts)
    found: dict[int, list] = {b.pk: [] for b in blackouts}
    if not blackouts:
        return found
    first = min(b.starts_on for b in blackouts) - datetime.timedelta(days=1)
    last = max(b.ends_on for b in blackouts) + datetime.timedelta(days=2)
    calendars = {b.calendar_id: b.calendar for b in blackouts}
    meetings = (
        meetings_managed(user)
        .filter(
            status="scheduled",
            starts_at__gt=timezone.now(),
            starts_at__date__gte=first,
            starts_at__date__lte=last,
            program__institution_id__in={c.institution_id for c in calendars.values()},
        )
        .select_related("program", "series", "plan")
        .order_by("starts_at", "pk")
    )
    for m in meetings:
        day = m.starts_at.astimezone(ZoneInfo(m.program.time_zone)).date()
        for b in blackouts:
            calendar = calendars[b.calendar_id]
            covers = calendar.institution_id == m.program.institution_id and (
                calendar.program_id is None or calendar.program_id == m.program_id
            )
            if covers and b.starts_on <= day <= b.ends_on:
                found[b.pk].append(m)
    return found


# --- Attendance, anonymous feedback, calendar feeds -------------------------------------------


def meetings_facilitated(user) -> QuerySet[Meeting]:
    """Sessions the user leads, in programs they still belong to (or serve institution-wide)."""
    if not policy.signed_in(user):
        return Meeting.objects.none()
    return Meeting.objects.filter(
        program_id__in=policy.programs_for(user).values("pk"), facilitations__user_id=user.pk
    )


def meetings_led_or_managed(user) -> QuerySet[Meeting]:
    """Sessions whose attendance and feedback summary the user may see: those they lead, and
    every session of programs they run."""
    return Meeting.objects.filter(
        Q(pk__in=meetings_facilitated(user).values("pk"))
        | Q(program_id__in=policy.programs_managed(user).values("pk"))
    )


def programs_attended(user) -> QuerySet[Program]:
    """Programs whose sessions the user may check in to: those where they are a trainee."""
    mine = policy.own_memberships(user).filter(role=Role.TRAINEE, program__isnull=False)
    return Program.objects.filter(pk__in=mine.values("program_id"))


def attendance_roster(user, meeting):
    """People who may be marked at a session: the program's active trainees, plus anyone
    already marked there. Empty unless the user leads or runs that session."""
    people = get_user_model().objects
    if not meetings_led_or_managed(user).filter(pk=meeting.pk).exists():
        return people.none()
    trainees = Membership.objects.active().filter(program_id=meeting.program_id, role=Role.TRAINEE)
    marked = Attendance.objects.filter(meeting_id=meeting.pk)
    return people.filter(
        Q(pk__in=trainees.values("user_id")) | Q(pk__in=marked.values("user_id")), is_active=True
    )


def calendar_feeds_for(user) -> QuerySet[CalendarFeed]:
    """Calendar links the user may see and revoke: their own, and those of programs they run."""
    if not policy.signed_in(user):
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(
        Q(user_id=user.pk) | Q(program_id__in=policy.programs_managed(user).values("pk"))
    )
