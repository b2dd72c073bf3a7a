"""Writes for the curriculum: core plans, programs' own copies, and proposals. Each checks the
policy itself, so a page, the API and a task get the same answer."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from nearpeer.accounts.models import User
from nearpeer.curriculum import access
from nearpeer.curriculum.core_plans import CORE_PLANS, guide_with_care
from nearpeer.curriculum.models import (
    ProgramPlan,
    Proposal,
    ProposalReview,
    SessionPlan,
    Technique,
)
from nearpeer.curriculum.rules.outline import outline_total
from nearpeer.errors import field_error
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Institution, Program

CONTENT_FIELDS = (
    "title",
    "summary",
    "goals",
    "techniques",
    "outline",
    "minutes",
    "facilitator_guide",
    "materials",
    "audience",
)
MIN_MINUTES, MAX_MINUTES = 60, 90
TEXT_LIMITS = {"title": 200, "summary": 4000, "facilitator_guide": 20000, "materials": 4000}


def plan_content(plan) -> dict:
    """A plan's content fields as a dict (core plan, program plan or proposal)."""
    return {name: getattr(plan, name) for name in CONTENT_FIELDS}


def plan_validate_outline(*, outline, minutes, goals, techniques, audience=()) -> None:
    """Check a plan's shape: 60–90 minutes, segments that add up to them, at least one goal,
    known techniques and program kinds. Raises one ValidationError naming every problem."""
    errors = _shape_errors(outline, minutes, goals, techniques, audience)
    if errors:
        raise ValidationError(errors)


def _shape_errors(outline, minutes, goals, techniques, audience) -> dict:
    errors: dict[str, list[ValidationError]] = {}

    def add(field, message, code):
        errors.setdefault(field, []).append(ValidationError(message, code=code))

    if not isinstance(minutes, int) or not MIN_MINUTES <= minutes <= MAX_MINUTES:
        add(
            "minutes",
            f"A session lasts from {MIN_MINUTES} to {MAX_MINUTES} minutes, not {minutes}.",
            "minutes_range",
        )
    if not outline:
        add("outline", "Add at least one timed segment.", "no_segments")
    elif any(not _segment_ok(s) for s in outline):
        add("outline", "Each segment needs a title and a whole number of minutes.", "bad_segment")
    elif isinstance(minutes, int) and outline_total(outline) != minutes:
        add(
            "outline",
            f"The segments add up to {outline_total(outline)} minutes, but the plan is "
            f"{minutes} minutes long.",
            "outline_sum",
        )
    if not [g for g in goals or [] if str(g).strip()]:
        add("goals", "Add at least one goal.", "no_goals")
    unknown = sorted(set(techniques or []) - set(Technique.values))
    if unknown:
        add("techniques", f"Unknown technique: {', '.join(map(str, unknown))}.", "bad_technique")
    unknown = sorted(set(audience or []) - set(Program.Kind.values))
    if unknown:
        add("audience", f"Unknown kind of program: {', '.join(map(str, unknown))}.", "bad_audience")
    return errors


def _segment_ok(segment) -> bool:
    return (
        isinstance(segment, dict)
        and str(segment.get("title", "")).strip() != ""
        and isinstance(segment.get("minutes"), int)
        and not isinstance(segment.get("minutes"), bool)
        and segment["minutes"] > 0
    )


def _clean_content(content: dict, *, base: dict | None = None) -> dict:
    """Only content fields, stripped and normalised, merged over ``base``; then validated."""
    unknown = sorted(set(content) - set(CONTENT_FIELDS))
    if unknown:
        raise ValidationError(
            f"These fields can't be set here: {', '.join(unknown)}.", code="unknown_field"
        )
    data = {**(base or {}), **content}
    data.setdefault("facilitator_guide", "")
    data.setdefault("materials", "")
    data.setdefault("audience", [])
    for name in ("title", "summary", "facilitator_guide", "materials"):
        data[name] = str(data.get(name) or "").strip()
    data["goals"] = [str(g).strip() for g in data.get("goals") or [] if str(g).strip()]
    data["techniques"] = list(dict.fromkeys(data.get("techniques") or []))
    data["audience"] = list(dict.fromkeys(data.get("audience") or []))
    data["outline"] = [
        {**s, "title": str(s.get("title", "")).strip(), "detail": str(s.get("detail", "")).strip()}
        if isinstance(s, dict)
        else s
        for s in data.get("outline") or []
    ]
    errors = {
        k: [ValidationError(f"Keep this under {n} characters.", code="too_long")]
        for k, n in TEXT_LIMITS.items()
        if len(data[k]) > n
    }
    errors.update(
        {
            k: [ValidationError("This can't be empty.", code="required")]
            for k in ("title", "summary")
            if not data[k]
        }
    )
    shape = ("outline", "minutes", "goals", "techniques", "audience")
    errors.update(_shape_errors(*(data.get(k) for k in shape)))
    if errors:
        raise ValidationError(errors)
    return data


def _given(**content) -> dict:
    """The content fields a caller passed: one left out (None) keeps its value, or its default."""
    return {name: value for name, value in content.items() if value is not None}


def _unique_key(institution: Institution, title: str) -> str:
    base = slugify(title)[:70] or "plan"
    taken = set(
        SessionPlan.objects.filter(institution=institution, key__startswith=base).values_list(
            "key", flat=True
        )
    )
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    return key


def _latest_version(institution, key: str) -> int:
    found = SessionPlan.objects.filter(institution=institution, key=key).aggregate(v=Max("version"))
    return found["v"] or 0


def _save_new_version(plan: SessionPlan) -> SessionPlan:
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise ValidationError(
            "Someone published a version of this plan at the same moment. Please try again.",
            code="version_conflict",
        ) from exc
    return plan


@transaction.atomic
def session_plan_publish(
    *,
    by: User,
    institution: Institution,
    key: str | None = None,
    title: str | None = None,
    summary: str | None = None,
    goals: list[str] | None = None,
    techniques: list[str] | None = None,
    outline: list[dict] | None = None,
    minutes: int | None = None,
    facilitator_guide: str | None = None,
    materials: str | None = None,
    audience: list[str] | None = None,
):
    """The well-being office publishes a new core plan, or (with ``key``) a new version of one.
    Programs' own copies never change: they may take the new version when they choose."""
    content = _given(
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
    if not policy.can_administer_institution(by, institution):
        raise PermissionDenied("Only the institution's well-being office can publish core plans.")
    data = _clean_content(content)
    if key is None:
        key = _unique_key(institution, data["title"])
    elif slugify(key) != key or not key:
        raise ValidationError(
            {"key": "Use lowercase letters, numbers and hyphens."}, code="bad_key"
        )
    plan = SessionPlan(
        institution=institution,
        key=key,
        version=_latest_version(institution, key) + 1,
        published_by=by,
        published_at=timezone.now(),
        **data,
    )
    return _save_new_version(plan)


@transaction.atomic
def core_curriculum_install(*, institution: Institution, by: User | None = None) -> int:
    """Install version 1 of each nearpeer core plan the institution doesn't have yet (by key);
    returns how many were added. ``by`` (if given) must be the institution's office."""
    if by is not None and not policy.can_administer_institution(by, institution):
        raise PermissionDenied("Only the institution's well-being office can install plans.")
    have = set(SessionPlan.objects.filter(institution=institution).values_list("key", flat=True))
    added = 0
    for spec in CORE_PLANS:
        if spec["key"] in have:
            continue
        content = {k: v for k, v in spec.items() if k in CONTENT_FIELDS}
        content["facilitator_guide"] = guide_with_care(content["facilitator_guide"])
        data = _clean_content(content)
        SessionPlan.objects.create(
            institution=institution, key=spec["key"], version=1, published_by=by, **data
        )
        added += 1
    return added


def latest_core_version(plan: SessionPlan) -> SessionPlan:
    """The newest version of a core plan that is not retired (the plan itself if none)."""
    newest = (
        SessionPlan.objects.filter(
            institution_id=plan.institution_id, key=plan.key, is_retired=False
        )
        .order_by("-version")
        .first()
    )
    return newest or plan


@transaction.atomic
def program_plan_customize(*, by: User, program: Program, session_plan: SessionPlan) -> ProgramPlan:
    """Program staff make their program's own copy of a core plan, keeping where it came from."""
    if not policy.can_manage_program(by, program):
        raise PermissionDenied("Only the program's staff or the well-being office can do this.")
    if session_plan.institution_id != program.institution_id:
        raise ValidationError("That plan belongs to another institution.", code="wrong_institution")
    if session_plan.is_retired:
        raise ValidationError("This version of the plan is retired.", code="retired")
    existing = ProgramPlan.objects.filter(
        program=program,
        is_archived=False,
        based_on__institution_id=session_plan.institution_id,
        based_on__key=session_plan.key,
    ).first()
    if existing is not None:
        raise ValidationError(
            f"{program.name} already has its own copy of this plan: “{existing.title}”. "
            "Edit that one instead.",
            code="already_customized",
        )
    now = timezone.now()
    return ProgramPlan.objects.create(
        program=program,
        based_on=session_plan,
        created_at=now,
        updated_at=now,
        updated_by=by,
        **plan_content(session_plan),
    )


def _check_program_plan(by, plan: ProgramPlan) -> None:
    if not policy.can_manage_program(by, plan.program):
        raise PermissionDenied("Only the program's staff or the well-being office can do this.")
    if plan.is_archived:
        raise ValidationError("This plan is archived.", code="archived")


def _save_program_plan(by, plan: ProgramPlan, data: dict, extra=()) -> ProgramPlan:
    for name, value in data.items():
        setattr(plan, name, value)
    plan.updated_at, plan.updated_by = timezone.now(), by
    plan.save(update_fields=[*data, *extra, "updated_at", "updated_by"])
    return plan


@transaction.atomic
def program_plan_update(
    *,
    by: User,
    plan: ProgramPlan,
    title: str | None = None,
    summary: str | None = None,
    goals: list[str] | None = None,
    techniques: list[str] | None = None,
    outline: list[dict] | None = None,
    minutes: int | None = None,
    facilitator_guide: str | None = None,
    materials: str | None = None,
    audience: list[str] | None = None,
) -> ProgramPlan:
    """Program staff change their program's copy; fields not given keep their value."""
    content = _given(
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
    _check_program_plan(by, plan)
    data = _clean_content(content, base=plan_content(plan))
    return _save_program_plan(by, plan, data)


@transaction.atomic
def program_plan_take_newer_core(*, by: User, plan: ProgramPlan) -> ProgramPlan:
    """Replace the program's copy with the newest core version (the program's changes are
    replaced) and point its lineage at that version."""
    _check_program_plan(by, plan)
    if plan.based_on is None:
        raise ValidationError("This plan is not based on a core plan.", code="no_core")
    newest = latest_core_version(plan.based_on)
    if newest.version <= plan.based_on.version:
        raise ValidationError(
            "This plan already follows the newest core version.", code="up_to_date"
        )
    plan.based_on = newest
    return _save_program_plan(by, plan, plan_content(newest), extra=["based_on"])


# --- Proposals ---------------------------------------------------------------------------------


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
    content = _given(
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
    data = _clean_content(content)
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
    content = _given(
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
    data = _clean_content(content, base=plan_content(proposal))
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
        data = _clean_content(plan_content(proposal))
        proposal.resulting_plan = _save_new_version(
            SessionPlan(
                institution=proposal.institution,
                key=_unique_key(proposal.institution, proposal.title),
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
