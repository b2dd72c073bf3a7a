"""The coordinator's hand edits to who leads one session (pin, swap, unpin, remove), which keep
the co-facilitation rules the solver keeps."""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer import scheduling
from nearpeer.accounts.models import User
from nearpeer.meetings.models import Facilitation, Meeting, MeetingChange
from nearpeer.meetings.services.staffing import tell_assigned
from nearpeer.meetings.services.staffing_problem import (
    TRAVEL_BUFFER,
    eligible_kinds,
    first_timers,
    monthly_caps,
    names_of,
)
from nearpeer.scheduling.rules import peers_needed
from nearpeer.tenancy import policy


def check_editable(by, meeting: Meeting) -> None:
    if not policy.can_manage_program(by, meeting.program):
        raise PermissionDenied("You don't run this program.")
    if meeting.status != Meeting.Status.SCHEDULED:
        raise ValidationError("This session was cancelled.", code="cancelled")
    if meeting.starts_at <= timezone.now():
        raise ValidationError("This session has already taken place.", code="past")


def _when(meeting: Meeting) -> str:
    local = meeting.starts_at.astimezone(ZoneInfo(meeting.program.time_zone))
    return f"{local.day} {local:%b} at {local:%H:%M}"


def check_can_join(meeting: Meeting, user, team_ids) -> None:
    """Refuse, in plain words, if `user` can't lead `meeting` alongside `team_ids`: they must be
    eligible, the team must keep the pair rule (a peer in every pair, at most one first-timer),
    and they must be free that time and under their monthly cap."""
    kinds = eligible_kinds(meeting.program)
    name = user.display_name
    if user.pk not in kinds:
        raise ValidationError(
            f"{name} doesn't lead sessions in {meeting.program}: they need the peer facilitator "
            "or wellness advisor role first.",
            code="not_eligible",
        )
    team = [uid for uid in team_ids if uid != user.pk]
    required = meeting.series.facilitators_per_meeting
    if len(team) >= required:
        raise ValidationError(
            f"This session already has {len(team)} facilitators: swap one out instead.",
            code="full",
        )
    names = names_of(team)
    first = first_timers([*team, user.pk])
    if user.pk in first and first - {user.pk}:
        other = names[next(iter(first - {user.pk}))]
        raise ValidationError(
            f"{name} and {other} would both be leading for the first time: pair a first-timer "
            "with someone who has led sessions before.",
            code="two_first_timers",
        )
    advisors = [uid for uid in [*team, user.pk] if kinds.get(uid) == scheduling.Kind.ADVISOR]
    if len(advisors) > required - peers_needed(required):
        raise ValidationError(
            "Two wellness advisors can't lead together: each pair needs a peer facilitator of "
            "the program.",
            code="two_advisors",
        )
    check_free(meeting, user, meeting.starts_at, meeting.ends_at)


def check_free(meeting: Meeting, user, starts_at, ends_at) -> None:
    others = (
        Facilitation.objects.filter(user=user, meeting__status=Meeting.Status.SCHEDULED)
        .exclude(meeting=meeting)
        .select_related("meeting__program", "meeting__series")
    )
    clash = (
        others.filter(
            meeting__starts_at__lt=ends_at + TRAVEL_BUFFER,
            meeting__ends_at__gt=starts_at - TRAVEL_BUFFER,
        )
        .order_by("meeting__starts_at")
        .first()
    )
    if clash is not None:
        raise ValidationError(
            f"{user.display_name} already leads another session then ({_when(clash.meeting)}).",
            code="double_booked",
        )
    zone = ZoneInfo(meeting.program.time_zone)
    local = starts_at.astimezone(zone)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (month_start + datetime.timedelta(days=32)).replace(day=1)
    used = others.filter(meeting__starts_at__gte=month_start, meeting__starts_at__lt=next_month)
    cap = monthly_caps([user.pk])[user.pk]
    if used.count() >= cap:
        raise ValidationError(
            f"{user.display_name} already leads {cap} session(s) in {local:%B}, their monthly cap.",
            code="over_cap",
        )


def _team(meeting: Meeting) -> dict[int, bool]:
    return dict(meeting.facilitations.values_list("user_id", "pinned"))


def _record(meeting: Meeting, by, what: str, reason: str = "") -> None:
    MeetingChange.objects.create(meeting=meeting, by=by, what=what[:300], reason=reason[:300])


def _refresh_note(meeting: Meeting) -> None:
    if meeting.staffing_note and len(_team(meeting)) >= meeting.series.facilitators_per_meeting:
        meeting.staffing_note = ""
        meeting.save(update_fields=["staffing_note"])


@transaction.atomic
def facilitation_pin(*, by: User, meeting: Meeting, user) -> Facilitation:
    """Put someone on a session by hand and keep them there when the rest is re-solved."""
    check_editable(by, meeting)
    team = _team(meeting)
    if user.pk in team:
        facilitation = meeting.facilitations.get(user=user)
        if not facilitation.pinned:
            facilitation.pinned = True
            facilitation.save(update_fields=["pinned"])
            _record(meeting, by, f"Pinned {user.display_name}")
        return facilitation
    check_can_join(meeting, user, list(team))
    facilitation = Facilitation.objects.create(
        meeting=meeting, user=user, pinned=True, assigned_at=timezone.now()
    )
    tell_assigned([(meeting.pk, user.pk)])
    _record(meeting, by, f"Added {user.display_name} (pinned)")
    _refresh_note(meeting)
    return facilitation


@transaction.atomic
def facilitation_swap(*, by: User, meeting: Meeting, remove_user, add_user) -> Facilitation:
    """Replace one facilitator with another; the newcomer is pinned."""
    check_editable(by, meeting)
    team = _team(meeting)
    if remove_user.pk not in team:
        raise ValidationError(
            f"{remove_user.display_name} isn't leading this session.", code="not_on_meeting"
        )
    if add_user.pk in team:
        raise ValidationError(
            f"{add_user.display_name} is already leading this session.", code="already_on_meeting"
        )
    check_can_join(meeting, add_user, [uid for uid in team if uid != remove_user.pk])
    meeting.facilitations.filter(user=remove_user).delete()
    facilitation = Facilitation.objects.create(
        meeting=meeting, user=add_user, pinned=True, assigned_at=timezone.now()
    )
    tell_assigned([(meeting.pk, add_user.pk)])
    _record(meeting, by, f"Swapped {remove_user.display_name} for {add_user.display_name}")
    _refresh_note(meeting)
    return facilitation


@transaction.atomic
def facilitation_unpin(*, by: User, meeting: Meeting, user) -> None:
    """Let the solver change this facilitator again next time the rest is re-solved."""
    check_editable(by, meeting)
    updated = meeting.facilitations.filter(user=user, pinned=True).update(pinned=False)
    if not updated:
        raise ValidationError(
            f"{user.display_name} isn't pinned to this session.", code="not_pinned"
        )
    _record(meeting, by, f"Unpinned {user.display_name}")


@transaction.atomic
def facilitation_remove(*, by: User, meeting: Meeting, user) -> None:
    """Take someone off a session (pinned or not)."""
    check_editable(by, meeting)
    deleted, _ = meeting.facilitations.filter(user=user).delete()
    if not deleted:
        raise ValidationError(
            f"{user.display_name} isn't leading this session.", code="not_on_meeting"
        )
    _record(meeting, by, f"Removed {user.display_name}")
