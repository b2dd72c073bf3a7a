"""What each role's home page shows, composed from the features and read through the policy module."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from nearpeer.curriculum import selectors as curriculum_selectors
from nearpeer.meetings import selectors as meeting_selectors
from nearpeer.supportline.home import SupportHome, support_home_for
from nearpeer.supportline.selectors import rota as rota_selectors
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
    newly_paired: list = field(default_factory=list)  # as a facilitator: paired in the last 2 weeks
    mentor_shifts: list = field(default_factory=list)  # as a peer mentor: their next 3 shifts
    staff_attention: list = field(default_factory=list)  # as program staff: sessions needing them
    proposals_to_review: int = 0  # as the well-being office: proposals waiting for review
    support: SupportHome = field(default_factory=SupportHome)  # the support line's part

    @property
    def staff_needs(self) -> list:
        return [a for a in self.staff_attention if a.anything]


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
        home.staff_attention = meeting_selectors.staff_attention(user)
        by_program = {a.program.pk: a for a in home.staff_attention}
        for p in home.managed_programs:
            p.attention = by_program.get(p.pk)
    if Role.OFFICE_ADMIN in roles:
        home.administered = list(policy.administered_institutions(user))
        home.proposals_to_review = curriculum_selectors.proposals_to_review(user).count()
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
        home.newly_paired = meeting_selectors.newly_paired(user)
    if Role.PEER_MENTOR in roles:
        home.mentor_shifts = rota_selectors.my_upcoming_shifts(user, limit=3)
    home.support = support_home_for(user, roles)
    return home
