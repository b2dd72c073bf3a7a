"""What a person's home page and token page show, read through the policy module."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from nearpeer.accounts.models import ApiToken
from nearpeer.accounts.services import second_step_facts
from nearpeer.meetings import selectors as meeting_selectors
from nearpeer.supportline import rota_selectors
from nearpeer.supportline.home import SupportHome, support_home_for
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Role, in_force


@dataclass
class Home:
    memberships: list
    roles: set[str]
    managed_programs: list = field(default_factory=list)
    administered: list = field(default_factory=list)
    upcoming_blackouts: list = field(default_factory=list)
    next_sessions: list = field(default_factory=list)  # as a trainee: the next 3 in their programs
    leading_sessions: list = field(default_factory=list)  # as a facilitator: the next 3 they lead
    mentor_shifts: list = field(default_factory=list)  # as a peer mentor: their next 3 shifts
    support: SupportHome = field(default_factory=SupportHome)  # the support line's part


def home_for(user) -> Home:
    """Everything the home page needs, in a fixed number of queries whatever the data size."""
    memberships = list(
        policy.own_memberships(user)
        .select_related("institution", "program", "cohort")
        .order_by("role")
    )
    roles = {m.role for m in memberships}
    home = Home(memberships=memberships, roles=roles)
    if roles & {Role.OFFICE_ADMIN, Role.CHAMPION, Role.PROGRAM_DIRECTOR, Role.COORDINATOR}:
        active = in_force("memberships__")
        home.managed_programs = list(
            policy.programs_managed(user)
            .select_related("institution")
            .annotate(
                trainees=Count("memberships", filter=active & Q(memberships__role=Role.TRAINEE)),
                facilitators=Count(
                    "memberships", filter=active & Q(memberships__role=Role.PEER_FACILITATOR)
                ),
            )
            .order_by("institution__name", "name")
        )
    if Role.OFFICE_ADMIN in roles:
        home.administered = list(policy.administered_institutions(user))
    home.upcoming_blackouts = list(
        policy.blackouts_for(user)
        .filter(ends_on__gte=timezone.localdate())
        .select_related("calendar", "calendar__program")
        .order_by("starts_on")[:5]
    )
    if Role.TRAINEE in roles:
        home.next_sessions = meeting_selectors.upcoming_for_member(user, limit=3)
    if roles & {Role.PEER_FACILITATOR, Role.WELLNESS_ADVISOR}:
        home.leading_sessions = meeting_selectors.my_upcoming(user, limit=3)
    if Role.PEER_MENTOR in roles:
        home.mentor_shifts = rota_selectors.my_upcoming_shifts(user, limit=3)
    home.support = support_home_for(user, roles)
    return home


@dataclass
class TokenRow:
    token: ApiToken
    state: str  # works, revoked, expired, unconfirmed, stale


def _time_zone_of(user) -> str:
    """The zone a person's times are shown in: that of their first program, else institution."""
    first = (
        policy.own_memberships(user).select_related("program", "institution").order_by("pk").first()
    )
    if first is None:
        return "UTC"
    return first.program.time_zone if first.program_id else first.institution.time_zone


def token_page_for(user) -> dict:
    """The person's own tokens, each with the state it is in, and the zone to show times in."""
    now = timezone.now()
    needs, enrolled_at = second_step_facts(user)
    rows = []
    for token in ApiToken.objects.filter(user=user):
        if not token.is_active:
            state = "revoked"
        elif token.is_expired(now):
            state = "expired"
        else:
            state = token.second_step_state(needs_second_step=needs, enrolled_at=enrolled_at)
            state = "works" if state == "ok" else state
        rows.append(TokenRow(token=token, state=state))
    return {
        "tokens": rows,
        "time_zone": _time_zone_of(user),
        "needs_second_step": needs,
        "has_authenticator": enrolled_at is not None,
    }
