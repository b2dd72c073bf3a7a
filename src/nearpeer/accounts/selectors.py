"""What a person's home page shows, read through the policy module."""

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Role


@dataclass
class Home:
    memberships: list
    roles: set[str]
    managed_programs: list = field(default_factory=list)
    administered: list = field(default_factory=list)
    upcoming_blackouts: list = field(default_factory=list)


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
        today = timezone.localdate()
        active = Q(memberships__starts_on__lte=today) & (
            Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today)
        )
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
    return home
