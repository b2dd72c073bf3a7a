"""Core plans: the well-being office publishes them (each change a new version) and installs the
nearpeer core curriculum. Programs' own copies never change when a new version is published."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from nearpeer.accounts.models import User
from nearpeer.curriculum.core_plans import CORE_PLANS, guide_with_care
from nearpeer.curriculum.models import SessionPlan
from nearpeer.curriculum.services.content import CONTENT_FIELDS, clean_content, given_content
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Institution


def unique_key(institution: Institution, title: str) -> str:
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


def save_new_version(plan: SessionPlan) -> SessionPlan:
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
    if not policy.can_administer_institution(by, institution):
        raise PermissionDenied("Only the institution's well-being office can publish core plans.")
    data = clean_content(content)
    if key is None:
        key = unique_key(institution, data["title"])
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
    return save_new_version(plan)


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
        data = clean_content(content)
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
