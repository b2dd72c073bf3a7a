"""Proposals: a peer facilitator, wellness advisor or program staff suggest a new session plan;
the well-being office approves it (it becomes a new core plan), asks for changes, or declines it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.curriculum import access
from nearpeer.curriculum.models import Proposal, ProposalReview, SessionPlan
from nearpeer.curriculum.services.content import clean_content, given_content, plan_content
from nearpeer.curriculum.services.session_plans import save_new_version, unique_key
from nearpeer.errors import field_error
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program


@transaction.atomic
def proposal_submit(
    *,
    by: User,
    program: Program,
    title: str | None = None,
    summary: str | None = None,
    goals: list[str] | None = None,
    techniques: list[str] | None = None,
    outline: list[dict] | None = None,
    minutes: int | None = None,
    facilitator_guide: str | None = None,
    materials: str | None = None,
    audience: list[str] | None = None,
) -> Proposal:
    """A peer facilitator, wellness advisor or the program's staff suggest a new session plan."""
    content = given_content(
        title=title,
        summary=summary,
        goals=goals,
        techniques=techniques,
        outline=outline,
        minutes=minutes,
        facilitator_guide=facilitator_guide,
        materials=materials,
        audience=audience,
    )
    if not access.can_propose_for_program(by, program):
        raise PermissionDenied(
            "Peer facilitators, wellness advisors and staff of this program can propose plans."
        )
    data = clean_content(content)
    return Proposal.objects.create(
        institution_id=program.institution_id, program=program, proposed_by=by, **data
    )


@transaction.atomic
def proposal_resubmit(
    *,
    by: User,
    proposal: Proposal,
    title: str | None = None,
    summary: str | None = None,
    goals: list[str] | None = None,
    techniques: list[str] | None = None,
    outline: list[dict] | None = None,
    minutes: int | None = None,
    facilitator_guide: str | None = None,
    materials: str | None = None,
    audience: list[str] | None = None,
) -> Proposal:
    """The proposer changes a proposal the office sent back, and sends it for review again."""
    content = given_content(
        title=title,
        summary=summary,
        goals=goals,
        techniques=techniques,
        outline=outline,
        minutes=minutes,
        facilitator_guide=facilitator_guide,
        materials=materials,
        audience=audience,
    )
    if proposal.proposed_by_id != getattr(by, "pk", None):
        raise PermissionDenied("Only the person who proposed this plan can change it.")
    if proposal.status != Proposal.Status.CHANGES_REQUESTED:
        raise ValidationError(
            f"Only a proposal with changes requested can be sent again; this one is "
            f"“{proposal.get_status_display()}”.",
            code="bad_transition",
        )
    data = clean_content(content, base=plan_content(proposal))
    for name, value in data.items():
        setattr(proposal, name, value)
    proposal.status = Proposal.Status.SUBMITTED
    proposal.save(update_fields=[*data, "status"])
    return proposal


REVIEW_DECISIONS = (
    Proposal.Status.APPROVED,
    Proposal.Status.CHANGES_REQUESTED,
    Proposal.Status.DECLINED,
)


@transaction.atomic
def proposal_review(*, by: User, proposal: Proposal, decision: str, comment: str = "") -> Proposal:
    """The well-being office approves a proposal (it becomes a new core plan), asks for changes,
    or declines it. Asking for changes and declining need a comment for the proposer."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not policy.can_administer_institution(by, proposal.institution):
        raise PermissionDenied("Only the institution's well-being office can review proposals.")
    if decision not in REVIEW_DECISIONS:
        raise field_error(
            "decision", "Choose approve, ask for changes, or decline.", "bad_decision"
        )
    if proposal.status != Proposal.Status.SUBMITTED:
        raise ValidationError(
            f"This proposal can't be reviewed now: it is “{proposal.get_status_display()}”.",
            code="bad_transition",
        )
    comment = (comment or "").strip()
    if decision != Proposal.Status.APPROVED and not comment:
        raise field_error(
            "comment",
            "Please tell the proposer why, so they know what to do next.",
            "comment_required",
        )
    if decision == Proposal.Status.APPROVED:
        data = clean_content(plan_content(proposal))
        proposal.resulting_plan = save_new_version(
            SessionPlan(
                institution=proposal.institution,
                key=unique_key(proposal.institution, proposal.title),
                version=1,
                published_by=by,
                published_at=timezone.now(),
                **data,
            )
        )
    proposal.status = decision
    proposal.save(update_fields=["status", "resulting_plan"])
    ProposalReview.objects.create(
        proposal=proposal, reviewer=by, decision=decision, comment=comment
    )
    return proposal
