"""The facts about a person's roles: their memberships in force, the programs and institutions
they belong to or manage, read once per request.

Each feature app's `access.py` builds its querysets ("which meetings, requests, plans may this user
see or change") only from these facts, and every read of people's data starts from an `access.py`
or from the spine's own querysets here. Superusers get nothing extra: they are platform operators
and use /admin/.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models import Q, QuerySet

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


def calendars_of_program(program: Program) -> QuerySet[AcademicCalendar]:
    """Every academic calendar that applies to a program: its institution's and its own."""
    return AcademicCalendar.objects.filter(institution_id=program.institution_id).filter(
        Q(program__isnull=True) | Q(program=program)
    )


def blackouts_of_program(program: Program) -> QuerySet[Blackout]:
    return Blackout.objects.filter(calendar_id__in=calendars_of_program(program).values("pk"))


def access_logs_for(user):
    """Audit entries the user may read: the well-being office reads its institution's log."""
    from nearpeer.audit.models import AccessLog

    return AccessLog.objects.filter(institution_id__in=_administered_ids(user))
