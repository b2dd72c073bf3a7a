"""Who may see or change what: the one place that answers it.

Every read of people's data starts from a queryset returned here, built only from the requesting
user's *active* memberships. Views, the API, exports and tasks all call these functions; nothing
else decides tenancy. Superusers get nothing extra here: they are platform operators and use /admin/.
"""

import datetime
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from nearpeer.tenancy.models import (
    INSTITUTION_WIDE_ROLES,
    PROGRAM_STAFF_ROLES,
    SENSITIVE_ROLES,
    AcademicCalendar,
    Blackout,
    Cohort,
    Institution,
    Invitation,
    Membership,
    Program,
    Role,
    RosterImport,
)

# Roles that program staff may give; the well-being office may give any role.
STAFF_GRANTABLE_ROLES = frozenset(
    {Role.TRAINEE, Role.PEER_FACILITATOR, Role.PEER_MENTOR, Role.GROUP_FACILITATOR}
)


def signed_in(user) -> bool:
    """True for a signed-in, active person."""
    return bool(user and user.is_authenticated and user.is_active)


# Within one request the user's memberships are read once and the querysets below are built from
# plain id lists: far cheaper for the ORM than nesting the same subqueries in every read. Outside a
# request (services called from tasks or tests) they are read afresh on every call.
_request_cache: ContextVar[dict | None] = ContextVar("nearpeer_policy_cache", default=None)


@contextmanager
def request_scope():
    """Remember each user's memberships for the length of one request."""
    token = _request_cache.set({})
    try:
        yield
    finally:
        _request_cache.reset(token)


@dataclass(frozen=True)
class _Mine:
    rows: tuple[tuple[str, int | None, int], ...]  # (role, program id, institution id)
    zone: str | None = None  # see membership_zone

    def programs(self, roles=None) -> list[int]:
        return [p for r, p, _ in self.rows if p is not None and (roles is None or r in roles)]

    def institutions(self, roles=None, *, wide_only=False) -> list[int]:
        return [
            i
            for r, p, i in self.rows
            if (roles is None or r in roles) and (p is None or not wide_only)
        ]


def _mine(user) -> _Mine:
    if not signed_in(user):
        return _Mine(())
    cache = _request_cache.get()
    if cache is not None and user.pk in cache:
        return cache[user.pk]
    found = own_memberships(user).order_by("starts_on", "pk")
    found = found.values_list(
        "role", "program_id", "institution_id", "program__time_zone", "institution__time_zone"
    )
    rows = tuple(found)
    zone = next((r[3] for r in rows if r[1] is not None), None)
    zone = zone or next((r[4] for r in rows), None)
    mine = _Mine(tuple(r[:3] for r in rows), zone)
    if cache is not None:
        cache[user.pk] = mine
    return mine


def own_memberships(user) -> QuerySet[Membership]:
    """The user's own memberships that are in force today."""
    if not signed_in(user):
        return Membership.objects.none()
    return Membership.objects.active().filter(user_id=user.pk)


def membership_zone(user) -> str | None:
    """The zone of the person's earliest-started program in force, else of their institution."""
    return _mine(user).zone


def roles_of(user) -> set[str]:
    return {role for role, _, _ in _mine(user).rows}


def roles_need_mfa(roles: set[str]) -> bool:
    """True when any of these roles sees support-line content or reports."""
    return bool(roles & SENSITIVE_ROLES)


def requires_mfa(user) -> bool:
    """True when the user must pass a second step: a sensitive role, or a platform operator."""
    if signed_in(user) and user.is_staff:
        return True
    return roles_need_mfa(roles_of(user))


def institutions_for(user) -> QuerySet[Institution]:
    return Institution.objects.filter(pk__in=_mine(user).institutions())


def _administered_ids(user) -> list[int]:
    return _mine(user).institutions({Role.OFFICE_ADMIN}, wide_only=True)


def administered_institutions(user) -> QuerySet[Institution]:
    """Institutions whose well-being office the user belongs to."""
    return Institution.objects.filter(pk__in=_administered_ids(user))


def programs_for(user) -> QuerySet[Program]:
    """Programs the user belongs to, plus every program of an institution where they hold an
    institution-wide role (well-being office, wellness or faculty advisor)."""
    mine = _mine(user)
    wide = mine.institutions(INSTITUTION_WIDE_ROLES, wide_only=True)
    return Program.objects.filter(Q(pk__in=mine.programs()) | Q(institution_id__in=wide))


def programs_managed(user) -> QuerySet[Program]:
    """Programs the user runs: as champion, director or coordinator, or as the well-being office."""
    staff = _mine(user).programs(PROGRAM_STAFF_ROLES)
    return Program.objects.filter(Q(pk__in=staff) | Q(institution_id__in=_administered_ids(user)))


def can_manage_program(user, program: Program) -> bool:
    return programs_managed(user).filter(pk=program.pk).exists()


def roster_imports_for(user) -> QuerySet[RosterImport]:
    """Roster imports of the programs the user runs (their staff and the institution's office)."""
    return RosterImport.objects.filter(program__in=programs_managed(user))


def can_administer_institution(user, institution: Institution) -> bool:
    return administered_institutions(user).filter(pk=institution.pk).exists()


def grantable_roles(user, program: Program | None, institution: Institution) -> set[str]:
    """Roles the user may give in this program (or institution-wide when program is None)."""
    if can_administer_institution(user, institution):
        return {r.value for r in Role} if program else {r.value for r in INSTITUTION_WIDE_ROLES}
    if (
        program is not None
        and program.institution_id == institution.pk
        and can_manage_program(user, program)
    ):
        return {r.value for r in STAFF_GRANTABLE_ROLES}
    return set()


def memberships_for(user) -> QuerySet[Membership]:
    """Memberships the user may see: their own, those of programs they run, and (for the
    well-being office) every membership in their institution."""
    if not signed_in(user):
        return Membership.objects.none()
    return Membership.objects.filter(
        Q(user_id=user.pk)
        | Q(program_id__in=programs_managed(user).values("pk"))
        | Q(institution_id__in=_administered_ids(user))
    )


def memberships_managed(user) -> QuerySet[Membership]:
    """Memberships the user may change or end."""
    return Membership.objects.filter(
        Q(program_id__in=programs_managed(user).values("pk"), role__in=list(STAFF_GRANTABLE_ROLES))
        | Q(institution_id__in=_administered_ids(user))
    )


def invitations_managed(user):
    """Invitations the user may see and withdraw: the same reach as ``memberships_managed``."""
    return Invitation.objects.filter(
        Q(program_id__in=programs_managed(user).values("pk"), role__in=list(STAFF_GRANTABLE_ROLES))
        | Q(institution_id__in=_administered_ids(user))
    )


def people_for(user):
    """People the user may see: anyone holding a membership the user may see."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(pk__in=memberships_for(user).values("user_id"))


def cohorts_for(user) -> QuerySet[Cohort]:
    return Cohort.objects.filter(program_id__in=programs_for(user).values("pk"))


def calendars_for(user) -> QuerySet[AcademicCalendar]:
    """Institution-wide calendars of the user's institutions, and calendars of their programs."""
    return AcademicCalendar.objects.filter(
        Q(program__isnull=True, institution_id__in=_mine(user).institutions())
        | Q(program_id__in=programs_for(user).values("pk"))
    )


def calendars_managed(user) -> QuerySet[AcademicCalendar]:
    return AcademicCalendar.objects.filter(
        Q(institution_id__in=_administered_ids(user))
        | Q(program_id__in=programs_managed(user).values("pk"))
    )


def blackouts_for(user) -> QuerySet[Blackout]:
    return Blackout.objects.filter(calendar_id__in=calendars_for(user).values("pk"))


def blackouts_managed(user) -> QuerySet[Blackout]:
    return Blackout.objects.filter(calendar_id__in=calendars_managed(user).values("pk"))


def access_logs_for(user):
    """Audit entries the user may read: the well-being office reads its institution's log."""
    from nearpeer.audit.models import AccessLog

    return AccessLog.objects.filter(institution_id__in=_administered_ids(user))


# --- Sessions (meetings app) ---------------------------------------------------------------

# Roles whose holders may lead sessions: peers of one program, and wellness advisors (across the
# institution or in one program).
FACILITATOR_ROLES = frozenset({Role.PEER_FACILITATOR, Role.WELLNESS_ADVISOR})


def meetings_for(user):
    """Sessions of the programs the user belongs to (or serves institution-wide)."""
    from nearpeer.meetings.models import Meeting

    return Meeting.objects.filter(program_id__in=programs_for(user).values("pk"))


def meetings_managed(user):
    """Sessions the user may move, cancel, edit and staff: those of programs they run."""
    from nearpeer.meetings.models import Meeting

    return Meeting.objects.filter(program_id__in=programs_managed(user).values("pk"))


def series_for(user):
    from nearpeer.meetings.models import Series

    return Series.objects.filter(program_id__in=programs_for(user).values("pk"))


def series_managed(user):
    from nearpeer.meetings.models import Series

    return Series.objects.filter(program_id__in=programs_managed(user).values("pk"))


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
    return own_memberships(user).filter(role__in=list(FACILITATOR_ROLES)).exists()


def calendars_of_program(program: Program) -> QuerySet[AcademicCalendar]:
    """Every academic calendar that applies to a program: its institution's and its own."""
    return AcademicCalendar.objects.filter(institution_id=program.institution_id).filter(
        Q(program__isnull=True) | Q(program=program)
    )


def blackouts_of_program(program: Program) -> QuerySet[Blackout]:
    return Blackout.objects.filter(calendar_id__in=calendars_of_program(program).values("pk"))


def sessions_on_blackouts(user, blackouts) -> dict[int, list]:
    """Blackout id -> the scheduled upcoming sessions the user runs that fall on its days (in
    each session's program's local time). Blackouts keep future series off those days, but
    sessions already scheduled stay put until someone moves or cancels them."""
    from zoneinfo import ZoneInfo

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


# --- Sessions: attendance, anonymous feedback, calendar feeds ---------------------------------


def meetings_facilitated(user):
    """Sessions the user leads, in programs they still belong to (or serve institution-wide)."""
    from nearpeer.meetings.models import Meeting

    if not signed_in(user):
        return Meeting.objects.none()
    return Meeting.objects.filter(
        program_id__in=programs_for(user).values("pk"), facilitations__user_id=user.pk
    )


def meetings_led_or_managed(user):
    """Sessions whose attendance and feedback summary the user may see: those they lead, and
    every session of programs they run."""
    from nearpeer.meetings.models import Meeting

    return Meeting.objects.filter(
        Q(pk__in=meetings_facilitated(user).values("pk"))
        | Q(program_id__in=programs_managed(user).values("pk"))
    )


def programs_attended(user) -> QuerySet[Program]:
    """Programs whose sessions the user may check in to: those where they are a trainee."""
    mine = own_memberships(user).filter(role=Role.TRAINEE, program__isnull=False)
    return Program.objects.filter(pk__in=mine.values("program_id"))


def attendance_roster(user, meeting):
    """People who may be marked at a session: the program's active trainees, plus anyone
    already marked there. Empty unless the user leads or runs that session."""
    from django.contrib.auth import get_user_model

    from nearpeer.meetings.models import Attendance

    people = get_user_model().objects
    if not meetings_led_or_managed(user).filter(pk=meeting.pk).exists():
        return people.none()
    trainees = Membership.objects.active().filter(program_id=meeting.program_id, role=Role.TRAINEE)
    marked = Attendance.objects.filter(meeting_id=meeting.pk)
    return people.filter(
        Q(pk__in=trainees.values("user_id")) | Q(pk__in=marked.values("user_id")), is_active=True
    )


def calendar_feeds_for(user):
    """Calendar links the user may see and revoke: their own, and those of programs they run."""
    from nearpeer.meetings.models import CalendarFeed

    if not signed_in(user):
        return CalendarFeed.objects.none()
    return CalendarFeed.objects.filter(
        Q(user_id=user.pk) | Q(program_id__in=programs_managed(user).values("pk"))
    )
