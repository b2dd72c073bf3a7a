"""Reads of one series or session by id, and lists of them, always starting from the policy module;
a foreign or unknown id is a 404."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.curriculum import access as curriculum_access
from nearpeer.meetings import access
from nearpeer.meetings.models import (
    Facilitation,
    Meeting,
    Reminder,
    Rsvp,
    Series,
)
from nearpeer.meetings.services.staffing_problem import eligible_kinds
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program

STAFFING_RULE = (
    "We read each program's scheduled sessions for the next twelve months with the scheduler's "
    "own rules: every session needs its facilitators (two, a peer in every pair), nobody leads "
    "more than 2 sessions a month or two sessions at once. The busiest month sets the need; we "
    "add a 25 % reserve for exams and absences and never suggest fewer than 4."
)


def _facilitations():
    return Prefetch(
        "facilitations",
        queryset=Facilitation.objects.select_related("user").order_by("user__full_name", "pk"),
    )


def with_people(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("plan", "series", "program").prefetch_related(_facilitations())


# --- One thing by id ----------------------------------------------------------------------------


def meeting_for_user(user, meeting_id: int) -> Meeting:
    return get_object_or_404(with_people(access.meetings_for(user)), pk=meeting_id)


def meeting_managed_by_user(user, meeting_id: int) -> Meeting:
    return get_object_or_404(with_people(access.meetings_managed(user)), pk=meeting_id)


def series_for_user(user, series_id: int) -> Series:
    return get_object_or_404(access.series_for(user).select_related("program"), pk=series_id)


def series_managed_by_user(user, series_id: int) -> Series:
    return get_object_or_404(access.series_managed(user).select_related("program"), pk=series_id)


def programs_run(user) -> list[Program]:
    """The programs whose season the user runs (program staff and the well-being office)."""
    return list(policy.programs_managed(user).select_related("institution").order_by("name", "pk"))


def plans_for_series(user, program: Program):
    return (
        curriculum_access.program_plans_schedulable(user)
        .filter(program=program, is_archived=False)
        .order_by("title", "pk")
    )


def facilitator_candidates(user, meeting: Meeting):
    """People who may lead this session (for the pin and swap lists); staff only."""
    if not policy.can_manage_program(user, meeting.program):
        return get_user_model().objects.none()
    ids = list(eligible_kinds(meeting.program))
    return get_user_model().objects.filter(pk__in=ids).order_by("full_name", "email")


def facilitator_candidate(user, meeting: Meeting, user_id: int):
    """The person to pin, who must be allowed to lead this program's sessions."""
    if not policy.can_manage_program(user, meeting.program):
        raise PermissionDenied("You don't run this program.")
    person = facilitator_candidates(user, meeting).filter(pk=user_id).first()
    if person is None:
        raise ValidationError(
            {"user_id": "That person doesn't lead sessions in this program: choose one of its "
             "peer facilitators or wellness advisors."},
            code="not_eligible",
        )  # fmt: skip
    return person


def facilitator_on_meeting(user, meeting: Meeting, user_id: int):
    """Someone leading a session the user may see; anyone else is a 404."""
    return get_object_or_404(meeting.facilitators.all(), pk=user_id)


# --- Lists --------------------------------------------------------------------------------------


def series_visible(user, *, program_id: int | None = None) -> QuerySet[Series]:
    series = access.series_for(user)
    if program_id is not None:
        series = series.filter(program_id=program_id)
    return series.prefetch_related("sequence").order_by("-starts_on", "pk")


def meetings_visible(
    user,
    *,
    program_id: int | None = None,
    on_or_after: datetime.date | None = None,
    on_or_before: datetime.date | None = None,
) -> QuerySet[Meeting]:
    meetings = with_people(access.meetings_for(user))
    if program_id is not None:
        meetings = meetings.filter(program_id=program_id)
    if on_or_after is not None:
        meetings = meetings.filter(starts_at__date__gte=on_or_after)
    if on_or_before is not None:
        meetings = meetings.filter(starts_at__date__lte=on_or_before)
    return meetings.order_by("starts_at", "pk")


def series_meetings(series: Series) -> QuerySet[Meeting]:
    """A series' sessions (the caller already got the series through the policy)."""
    return with_people(series.meetings.all()).order_by("starts_at", "pk")


def my_upcoming_queryset(user) -> QuerySet[Meeting]:
    """Sessions the user leads from now on, with plan and co-facilitators."""
    return (
        with_people(access.meetings_for(user))
        .filter(
            facilitations__user=user, status=Meeting.Status.SCHEDULED, ends_at__gte=timezone.now()
        )
        .order_by("starts_at", "pk")
    )


def my_upcoming(user, limit: int | None = None) -> list[Meeting]:
    meetings = my_upcoming_queryset(user)
    return list(meetings[:limit] if limit else meetings)


NEWLY_PAIRED_FOR = datetime.timedelta(days=14)


def newly_paired(user, limit: int = 5) -> list[Meeting]:
    """Upcoming sessions the user was put on in the last two weeks and emailed about (their home
    marks them new and says so)."""
    since = timezone.now() - NEWLY_PAIRED_FOR
    told = Reminder.objects.filter(
        user=user, kind=Reminder.Kind.ASSIGNED, sent_at__isnull=False
    ).values("meeting_id")
    mine = Facilitation.objects.filter(
        user=user, assigned_at__gte=since, meeting_id__in=told
    ).values("meeting_id")
    return list(my_upcoming_queryset(user).filter(pk__in=mine)[:limit])


def upcoming_for_member_queryset(user) -> QuerySet[Meeting]:
    """Sessions of the programs the user belongs to, from now on, each marked `going` if the
    user said they plan to come."""
    mine = policy.own_memberships(user).filter(program__isnull=False).values("program_id")
    going = Rsvp.objects.filter(meeting=OuterRef("pk"), user=user)
    return (
        access.meetings_for(user)
        .filter(program_id__in=mine, status=Meeting.Status.SCHEDULED, ends_at__gte=timezone.now())
        .select_related("plan", "series", "program")
        .annotate(going=Exists(going))
        .order_by("starts_at", "pk")
    )


def upcoming_for_member(user, limit: int | None = None) -> list[Meeting]:
    meetings = upcoming_for_member_queryset(user)
    return list(meetings[:limit] if limit else meetings)


def history(meeting: Meeting):
    return meeting.changes.select_related("by").order_by("-at", "-pk")
