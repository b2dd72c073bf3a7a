"""Reads for reaching out: who is on call, crisis resources, and requests through the policy module.

A request id the caller may not read (foreign, unknown, or content they are not allowed to see) is
a 404. Queues are ordered by risk first, then by how long someone has waited: never by arrival alone.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, F, IntegerField, Max, Q, QuerySet, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.accounts.tokens import hash_token
from nearpeer.supportline import access
from nearpeer.supportline.models import (
    MentorProfile,
    Resource,
    Risk,
    Shift,
    SupportLine,
    SupportRequest,
)
from nearpeer.supportline.rules import routing
from nearpeer.tenancy.models import Membership, Role

User = get_user_model()

OPEN = (
    SupportRequest.Status.WAITING,
    SupportRequest.Status.OFFERED,
    SupportRequest.Status.ACTIVE,
)


# --- Who is on call ----------------------------------------------------------------------------


def _serving_memberships(line: SupportLine, roles) -> QuerySet[Membership]:
    """Roles in force that serve this line: institution-wide, or in a program the line serves."""
    return Membership.objects.active().filter(
        Q(program__isnull=True, institution_id=line.institution_id)
        | Q(program_id__in=line.programs.values("pk")),
        role__in=list(roles),
    )


def shifts_on_call(line: SupportLine, at: datetime.datetime | None = None) -> QuerySet[Shift]:
    """Published shifts running now whose mentor is trained for the line and still a peer mentor."""
    at = at or timezone.now()
    return Shift.objects.filter(
        line_id=line.pk,
        status=Shift.Status.PUBLISHED,
        starts_at__lte=at,
        ends_at__gt=at,
        mentor__isnull=False,
        mentor__mentor_trainings__line_id=line.pk,
        mentor_id__in=_serving_memberships(line, {Role.PEER_MENTOR}).values("user_id"),
    ).distinct()


def lines_on_call_for(user, lines, at: datetime.datetime | None = None) -> list[SupportLine]:
    """Of `lines` (ones the user is a peer mentor on, from access.support_lines_mentored), those
    where the user is on call now: the same rule as shifts_on_call, asked once for all lines."""
    at = at or timezone.now()
    on_call = set(
        Shift.objects.filter(
            line_id__in=[line.pk for line in lines],
            mentor_id=user.pk,
            status=Shift.Status.PUBLISHED,
            starts_at__lte=at,
            ends_at__gt=at,
            mentor__mentor_trainings__line_id=F("line_id"),
        ).values_list("line_id", flat=True)
    )
    return [line for line in lines if line.pk in on_call]


def is_on_call(line: SupportLine, at: datetime.datetime | None = None) -> bool:
    return shifts_on_call(line, at).exists()


def next_shift_start(
    line: SupportLine, at: datetime.datetime | None = None
) -> datetime.datetime | None:
    """When the next staffed, published shift begins (None if none is planned)."""
    at = at or timezone.now()
    return (
        Shift.objects.filter(
            line_id=line.pk,
            status=Shift.Status.PUBLISHED,
            starts_at__gt=at,
            mentor__isnull=False,
            mentor__mentor_trainings__line_id=line.pk,
        )
        .order_by("starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )


def backups_on_call(line: SupportLine, at: datetime.datetime | None = None) -> list:
    """Professional backups of the shifts running now."""
    ids = shifts_on_call(line, at).values_list("backup_id", flat=True)
    return list(User.objects.filter(pk__in=[i for i in ids if i], is_active=True))


def line_office_admins(line: SupportLine) -> QuerySet:
    """The institution's well-being office: the last step of escalation."""
    office = Membership.objects.active().filter(
        institution_id=line.institution_id, program__isnull=True, role=Role.OFFICE_ADMIN
    )
    return User.objects.filter(is_active=True, pk__in=office.values("user_id")).order_by("pk")


def routing_mentors(line: SupportLine, at: datetime.datetime | None = None) -> list[routing.Mentor]:
    """Everyone on call now, as the routing rule sees them (profile, programs, current load)."""
    ids = list(shifts_on_call(line, at).values_list("mentor_id", flat=True).distinct())
    if not ids:
        return []
    profiles = {p.user_id: p for p in MentorProfile.objects.filter(user_id__in=ids)}
    programs: dict[int, set[int]] = {}
    cohorts: dict[int, set[int]] = {}
    for user_id, program_id, cohort_id in (
        Membership.objects.active((at or timezone.now()).date())
        .filter(user_id__in=ids)
        .values_list("user_id", "program_id", "cohort_id")
    ):
        if program_id:
            programs.setdefault(user_id, set()).add(program_id)
        if cohort_id:
            cohorts.setdefault(user_id, set()).add(cohort_id)
    load = {
        row["mentor_id"]: row
        for row in SupportRequest.objects.filter(mentor_id__in=ids)
        .values("mentor_id")
        .annotate(
            active=Count("pk", filter=Q(status__in=OPEN)),
            last=Max("offered_at"),
        )
    }
    mentors = []
    for user_id in ids:
        profile = profiles.get(user_id)
        mentors.append(
            routing.Mentor(
                id=user_id,
                gender=profile.gender if profile else "",
                languages=tuple(profile.languages or ()) if profile else (),
                stage=profile.stage if profile else "",
                program_ids=frozenset(programs.get(user_id, ())),
                cohort_ids=frozenset(cohorts.get(user_id, ())),
                active_requests=load.get(user_id, {}).get("active", 0),
                last_assigned_at=load.get(user_id, {}).get("last"),
            )
        )
    return mentors


# --- Lines people reach out to -----------------------------------------------------------------


def lines_for_requester(user) -> list[SupportLine]:
    return list(access.support_lines_for_requester(user).select_related("institution"))


def line_public(line_id: int) -> SupportLine:
    """A line's public entry (the institution publishes the link): active lines only."""
    return get_object_or_404(
        SupportLine.objects.select_related("institution"), pk=line_id, is_active=True
    )


def requester_place(user, line: SupportLine):
    """(program, cohort) of the requester's active membership in a program the line serves."""
    membership = (
        Membership.objects.active()
        .filter(user_id=user.pk, program_id__in=line.programs.values("pk"))
        .select_related("program", "cohort")
        .order_by("-cohort_id", "pk")
        .first()
    )
    if membership is None:
        return None, None
    return membership.program, membership.cohort


# --- Resources ---------------------------------------------------------------------------------


def crisis_resources(institution) -> list[dict]:
    """Where to get help right now: 988, emergency services, the institution's own numbers and its
    crisis resources. Never empty; one query."""
    items = [
        {
            "name": "988 Suicide & Crisis Lifeline",
            "description": "Call or text 988, any time of day. It is free and confidential (US).",
            "phone": "988",
            "text_number": "988",
            "url": "https://988lifeline.org",
            "hours": "24 hours, every day",
        },
        {
            "name": "Emergency services",
            "description": "If you or someone else is in danger right now, call 911 (in the US) "
            "or your local emergency number.",
            "phone": "911",
            "text_number": "",
            "url": "",
            "hours": "24 hours, every day",
        },
    ]
    if institution.emergency_phone:
        items.append(
            {
                "name": f"{institution.name} emergency line",
                "description": "Campus emergency and safety.",
                "phone": institution.emergency_phone,
                "text_number": "",
                "url": "",
                "hours": "24 hours, every day",
            }
        )
    if institution.after_hours_counseling_phone:
        items.append(
            {
                "name": f"{institution.name} after-hours counseling",
                "description": "Talk with a counselor when the office is closed.",
                "phone": institution.after_hours_counseling_phone,
                "text_number": "",
                "url": "",
                "hours": "After hours",
            }
        )
    for resource in Resource.objects.filter(institution_id=institution.pk, is_crisis=True):
        items.append(_resource(resource))
    return items


def _resource(resource: Resource) -> dict:
    return {
        "name": resource.name,
        "description": resource.description or resource.how_to_reach,
        "phone": resource.phone,
        "text_number": resource.text_number,
        "url": resource.url,
        "hours": resource.hours,
    }


def counseling_resources(institution) -> list[dict]:
    """The institution's counseling and student-health services (for when nobody is on call)."""
    kinds = [Resource.Kind.COUNSELING, Resource.Kind.STUDENT_HEALTH]
    return [
        _resource(r)
        for r in Resource.objects.filter(institution_id=institution.pk, is_crisis=False)
        .filter(kind__in=kinds)
        .order_by("kind", "name")
    ]


# --- Requests ----------------------------------------------------------------------------------


def by_urgency(requests: QuerySet[SupportRequest]) -> QuerySet[SupportRequest]:
    """High risk first, then elevated, then low; within each, whoever has waited longest first."""
    return requests.annotate(
        risk_rank=Case(
            When(risk=Risk.HIGH, then=Value(0)),
            When(risk=Risk.ELEVATED, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("risk_rank", "created_at", "pk")


def request_readable(user, request_id: int) -> SupportRequest:
    """A request whose content the user may read (assigned mentor or the line's professionals);
    any other id is a 404."""
    return get_object_or_404(
        access.support_requests_readable(user).select_related("line__institution"),
        pk=request_id,
    )


def request_for_user(user, request_id: int) -> tuple[SupportRequest, str]:
    """The request and how the user sees it: "professional", "mentor" or "requester". 404 if none."""
    readable = (
        access.support_requests_readable(user)
        .select_related("line__institution")
        .filter(pk=request_id)
        .first()
    )
    if readable is not None:
        role = "professional" if access.is_line_professional(user, readable.line) else "mentor"
        return readable, role
    own = get_object_or_404(
        access.support_requests_own(user).select_related("line__institution"), pk=request_id
    )
    return own, "requester"


def conversations_of_requester(user, *, open_only: bool = False) -> list[SupportRequest]:
    """A signed-in requester's own named requests, newest first. Anonymous ones are never listed:
    nothing ties them to the person, by design."""
    own = access.support_requests_own(user).filter(purged_at__isnull=True)
    if open_only:
        own = own.filter(status__in=OPEN)
    rows = list(own.select_related("line").order_by("-created_at", "-pk"))
    for row in rows:
        row.status_text = requester_status_text(row)
    return rows


def requester_status_text(request: SupportRequest) -> str:
    """Where a conversation stands, in the requester's words."""
    if request.status == SupportRequest.Status.CLOSED:
        return "Ended"
    if request.status == SupportRequest.Status.ACTIVE:
        return "A peer mentor is with you"
    return "Waiting for a peer mentor to join"


def request_by_token(token: str) -> SupportRequest:
    """An anonymous request by its private link; anything else is a 404."""
    if not token or len(token) > 100:
        raise Http404
    return get_object_or_404(
        SupportRequest.objects.select_related("line__institution"),
        return_token_hash=hash_token(token),
        anonymous=True,
    )


def queue_for_mentor(user) -> QuerySet[SupportRequest]:
    """Requests offered to or taken by this mentor, most urgent first."""
    return by_urgency(
        access.support_requests_readable(user).filter(
            mentor_id=user.pk,
            status__in=[SupportRequest.Status.OFFERED, SupportRequest.Status.ACTIVE],
        )
    ).select_related("line")


def board_for(user) -> QuerySet[SupportRequest]:
    """Open requests a professional should see now: high risk, flagged for review, or unassigned."""
    lines = access.support_lines_backed(user).values("pk")
    return (
        by_urgency(
            SupportRequest.objects.filter(line_id__in=lines, status__in=OPEN).filter(
                Q(risk=Risk.HIGH)
                | Q(needs_human_review=True)
                | Q(status=SupportRequest.Status.WAITING)
            )
        )
        .select_related("line", "mentor", "acknowledged_by")
        .prefetch_related("risk_changes")
    )


def ever_high(request: SupportRequest) -> bool:
    """True when the request is, or ever was, high risk (then only a professional closes it)."""
    return request.risk == Risk.HIGH or request.risk_changes.filter(to_risk=Risk.HIGH).exists()
