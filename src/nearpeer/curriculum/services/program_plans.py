"""Programs' own copies of core plans: program staff make one, change it, and take a newer core
version when they choose."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.curriculum.models import ProgramPlan, SessionPlan
from nearpeer.curriculum.services.content import clean_content, given_content, plan_content
from nearpeer.curriculum.services.session_plans import latest_core_version
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program


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
    _check_program_plan(by, plan)
    data = clean_content(content, base=plan_content(plan))
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
