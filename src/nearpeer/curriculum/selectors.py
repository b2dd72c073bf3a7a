"""Reads of the curriculum, always starting from the policy module: an id the user may not see
(another institution's, or unknown) is a 404."""

from django.db.models import F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from nearpeer.curriculum import access
from nearpeer.curriculum.models import ProgramPlan, Proposal, SessionPlan, Technique
from nearpeer.curriculum.rules.outline import plan_diff
from nearpeer.curriculum.services import latest_core_version, plan_content
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program

LABELS = {
    "techniques": dict(Technique.choices),
    "audience": dict(Program.Kind.choices),
}


def _newest_version(institution_ref: str, key_ref: str, **newer_than):
    """The highest non-retired version number of a core plan, as a subquery."""
    versions = SessionPlan.objects.filter(
        institution_id=OuterRef(institution_ref), key=OuterRef(key_ref), is_retired=False
    )
    if newer_than:
        versions = versions.filter(**newer_than)
    return Subquery(
        versions.order_by().values("key").annotate(top=Max("version")).values("top")[:1],
        output_field=IntegerField(),
    )


def core_plans_visible(
    user, *, technique: str | None = None, audience: str | None = None
) -> QuerySet[SessionPlan]:
    """The newest non-retired version of each core plan of the user's institutions, optionally
    only those using a technique, or suiting a kind of program (plans for all kinds included)."""
    plans = (
        access.session_plans_for(user)
        .filter(is_retired=False)
        .annotate(newest=_newest_version("institution_id", "key"))
        .filter(version=F("newest"))
        .select_related("institution")
    )
    # JSON lists are matched as text (with their quotes), the same way on SQLite and PostgreSQL.
    if technique:
        plans = plans.filter(techniques__icontains=f'"{technique}"')
    if audience:
        plans = plans.filter(Q(audience=[]) | Q(audience__icontains=f'"{audience}"'))
    return plans.order_by("institution__name", "title", "pk")


def core_plan_for_user(user, plan_id: int) -> SessionPlan:
    """Any version of a core plan of the user's institutions."""
    return get_object_or_404(
        access.session_plans_for(user).select_related("institution", "published_by"), pk=plan_id
    )


def core_plan_history(user, plan: SessionPlan) -> QuerySet[SessionPlan]:
    """Every version of the plan, newest first."""
    return (
        access.session_plans_for(user)
        .filter(institution_id=plan.institution_id, key=plan.key)
        .select_related("published_by")
        .order_by("-version")
    )


def program_plans_visible(user, *, program: Program | None = None) -> QuerySet[ProgramPlan]:
    """Programs' own plans the user may see, each with ``newer_core_version``: the number of a
    newer core version (not retired) of the plan it is based on, or None."""
    plans = access.program_plans_for(user).filter(is_archived=False)
    if program is not None:
        plans = plans.filter(program=program)
    return (
        plans.select_related("program", "based_on", "updated_by")
        .annotate(
            newer_core_version=_newest_version(
                "based_on__institution_id",
                "based_on__key",
                version__gt=OuterRef("based_on__version"),
            )
        )
        .order_by("program__name", "title", "pk")
    )


def program_plan_for_user(user, plan_id: int) -> ProgramPlan:
    return get_object_or_404(program_plans_visible(user), pk=plan_id)


def program_plan_managed_by_user(user, plan_id: int) -> ProgramPlan:
    """A program plan the user may change; one they may only see is also a 404 here."""
    managed = program_plans_visible(user).filter(
        program_id__in=policy.programs_managed(user).values("pk")
    )
    return get_object_or_404(managed, pk=plan_id)


def program_plan_diffs(plan: ProgramPlan) -> dict:
    """The program's plan beside the core version it is based on, and beside the newest core
    version when that is newer."""
    if plan.based_on is None:
        return {"base": None, "newest": None, "vs_base": [], "vs_newest": []}
    newest = latest_core_version(plan.based_on)
    mine = plan_content(plan)
    newer = newest.version > plan.based_on.version
    return {
        "base": plan.based_on,
        "base_label": f"Core version {plan.based_on.version}",
        "newest": newest if newer else None,
        "vs_base": plan_diff(plan_content(plan.based_on), mine, LABELS),
        "vs_newest": plan_diff(mine, plan_content(newest), LABELS) if newer else [],
    }


def proposals_visible(user, *, status: str | None = None) -> QuerySet[Proposal]:
    proposals = access.proposals_for(user).select_related(
        "institution", "program", "proposed_by", "resulting_plan"
    )
    if status:
        proposals = proposals.filter(status=status)
    return proposals.order_by("-created_at", "-pk")


def proposal_for_user(user, proposal_id: int) -> Proposal:
    return get_object_or_404(proposals_visible(user), pk=proposal_id)


def programs_for_plans(user) -> QuerySet[Program]:
    """Programs whose own plans the user may open."""
    return policy.programs_for(user).select_related("institution").order_by("name", "pk")


def proposals_to_review(user) -> QuerySet[Proposal]:
    """Proposals waiting for the well-being office the user works in."""
    return proposals_visible(user, status=Proposal.Status.SUBMITTED).filter(
        institution_id__in=policy.administered_institutions(user).values("pk")
    )
