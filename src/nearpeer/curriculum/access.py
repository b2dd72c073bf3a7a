"""Which session plans and proposals a person may see or use, built only from the facts about their
roles that `tenancy.policy` holds. Every read of curriculum data starts here."""

from django.db.models import Q, QuerySet

from nearpeer.curriculum.models import ProgramPlan, Proposal, SessionPlan
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program, Role

# Roles that may propose a new session plan for their program (besides program staff).
PROPOSER_ROLES = frozenset({Role.PEER_FACILITATOR, Role.WELLNESS_ADVISOR})


def session_plans_for(user) -> QuerySet[SessionPlan]:
    """Core plans (every version) of the user's institutions."""
    return SessionPlan.objects.filter(institution_id__in=policy.institutions_for(user).values("pk"))


def program_plans_for(user) -> QuerySet[ProgramPlan]:
    """Programs' own plans, for every program the user may see."""
    return ProgramPlan.objects.filter(program_id__in=policy.programs_for(user).values("pk"))


def program_plans_schedulable(user) -> QuerySet[ProgramPlan]:
    """Program plans the user may put in a series: those of programs they run."""
    return ProgramPlan.objects.filter(program_id__in=policy.programs_managed(user).values("pk"))


def programs_proposing(user) -> QuerySet[Program]:
    """Programs the user may propose plans for: as peer facilitator or wellness advisor there
    (a wellness advisor may serve the whole institution), or as the program's staff."""
    mine = policy.own_memberships(user).filter(role__in=list(PROPOSER_ROLES))
    return Program.objects.filter(
        Q(pk__in=mine.filter(program__isnull=False).values("program_id"))
        | Q(institution_id__in=mine.filter(program__isnull=True).values("institution_id"))
        | Q(pk__in=policy.programs_managed(user).values("pk"))
    )


def can_propose_for_program(user, program: Program) -> bool:
    return programs_proposing(user).filter(pk=program.pk).exists()


def proposals_for(user) -> QuerySet[Proposal]:
    """Proposals the user may see: their own, their programs' (as staff), and their
    institution's (as the well-being office)."""
    if not policy.signed_in(user):
        return Proposal.objects.none()
    return Proposal.objects.filter(
        Q(proposed_by_id=user.pk)
        | Q(program_id__in=policy.programs_managed(user).values("pk"))
        | Q(institution_id__in=policy.administered_institutions(user).values("pk"))
    )
