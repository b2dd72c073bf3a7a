"""What a plan's content is, for core plans, programs' own copies and proposals alike: its fields,
how they are cleaned, and the shape every plan must have (60–90 minutes, segments that add up,
at least one goal, known techniques and program kinds)."""

from django.core.exceptions import ValidationError

from nearpeer.curriculum.models import Technique
from nearpeer.curriculum.rules.outline import outline_total
from nearpeer.tenancy.models import Program

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


def clean_content(content: dict, *, base: dict | None = None) -> dict:
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


def given_content(**content) -> dict:
    """The content fields a caller passed: one left out (None) keeps its value, or its default."""
    return {name: value for name, value in content.items() if value is not None}
