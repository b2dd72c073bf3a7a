"""Reads for the support line's on-call rota: lines, shifts, swaps, who may serve, and coverage.

Every read of people's data starts from the policy module; a foreign or unknown id is a 404.
Page reads run a fixed number of queries however many shifts there are.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import icalendar
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.supportline import access
from nearpeer.supportline.models import MentorTraining, Shift, ShiftSwap, SupportLine
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Membership, Role

User = get_user_model()

# The hours of each local day a line is meant to be answered, for the coverage report. nearpeer
# stores no service window per line, so every line is measured against the same one.
SERVICE_WINDOW = (datetime.time(8, 0), None)  # 08:00 to midnight
COVERAGE_HELP = (
    "Coverage is measured against each day from 08:00 to midnight, in the institution's time "
    "zone. An hour counts as covered only when a published shift has a trained peer mentor and "
    "a professional backup; draft shifts, open shifts and cancelled shifts leave a gap."
)
MAX_WEEKS = 12


# --- The training gate -------------------------------------------------------------------------
# The one place that decides who is trained for a line. A future "pipeline" of training modules
# replaces these two functions together (they must agree).


def mentor_is_trained(user, line: SupportLine) -> bool:
    """True when the person completed this line's required training."""
    return MentorTraining.objects.filter(user_id=user.pk, line_id=line.pk).exists()


def trained_mentor_ids(line: SupportLine) -> set[int]:
    """Ids of everyone who passes `mentor_is_trained` for this line, in one query."""
    return set(MentorTraining.objects.filter(line_id=line.pk).values_list("user_id", flat=True))


# --- Who may serve a line ----------------------------------------------------------------------


def _serving(line: SupportLine, roles) -> QuerySet[Membership]:
    """Roles in force today that serve this line: institution-wide, or in a program it serves."""
    return Membership.objects.active(line_today(line)).filter(
        Q(program__isnull=True, institution_id=line.institution_id)
        | Q(program__in=line.programs.all()),
        role__in=list(roles),
    )


def line_mentors(line: SupportLine) -> QuerySet:
    """People with an active peer-mentor role serving the line (trained or not)."""
    return User.objects.filter(
        pk__in=_serving(line, {Role.PEER_MENTOR}).values("user_id")
    ).order_by("full_name", "email")


def line_professionals(line: SupportLine) -> QuerySet:
    """Active faculty and wellness advisors serving the line on its local today: who may be a
    shift's backup, and who is told or escalated to when no backup is on call. The one copy."""
    return User.objects.filter(
        is_active=True, pk__in=_serving(line, access.PROFESSIONAL_ROLES).values("user_id")
    ).order_by("full_name", "email", "pk")


def line_trained_mentors(line: SupportLine) -> QuerySet:
    """Active peer mentors of the line who passed its training gate."""
    return line_mentors(line).filter(pk__in=trained_mentor_ids(line))


def line_mentor(line: SupportLine, user_id: int | None, field_name: str = "mentor"):
    """The peer mentor with this id serving the line, or a clear error (never whether the id
    exists elsewhere)."""
    if user_id is None:
        return None
    found = line_mentors(line).filter(pk=user_id).first()
    if found is None:
        raise ValidationError(
            {field_name: "No peer mentor with that id serves this line."}, code="not_a_mentor"
        )
    return found


def line_professional(line: SupportLine, user_id: int | None):
    if user_id is None:
        return None
    found = line_professionals(line).filter(pk=user_id).first()
    if found is None:
        raise ValidationError(
            {"backup": "No faculty or wellness advisor with that id serves this line."},
            code="not_a_professional",
        )
    return found


def line_zone(line: SupportLine) -> ZoneInfo:
    return ZoneInfo(line.institution.time_zone)


def line_today(line: SupportLine) -> datetime.date:
    return timezone.localdate(timezone=line_zone(line))


# --- Lines -------------------------------------------------------------------------------------


def lines_rota_visible(user) -> QuerySet[SupportLine]:
    """Lines whose rota the user sees: staff and the office, professionals, peer mentors."""
    return SupportLine.objects.filter(
        Q(pk__in=access.support_lines_managed(user).values("pk"))
        | Q(pk__in=access.support_lines_backed(user).values("pk"))
        | Q(pk__in=access.support_lines_mentored(user).values("pk"))
    ).select_related("institution")


def lines_list(user) -> list[SupportLine]:
    return list(
        lines_rota_visible(user).prefetch_related("programs").order_by("institution__name", "name")
    )


def line_for_user(user, line_id: int) -> SupportLine:
    return get_object_or_404(lines_rota_visible(user), pk=line_id)


def line_administered_by_user(user, line_id: int) -> SupportLine:
    """A line of an institution whose well-being office the user belongs to."""
    lines = SupportLine.objects.filter(
        institution_id__in=policy.administered_institutions(user).values("pk")
    ).select_related("institution")
    return get_object_or_404(lines, pk=line_id)


def can_manage_rota(user, line: SupportLine) -> bool:
    """Program staff of a served program and the office make, staff and publish shifts."""
    return access.support_lines_managed(user).filter(pk=line.pk).exists()


def can_decide_swaps(user, line: SupportLine) -> bool:
    return can_manage_rota(user, line) or access.is_line_professional(user, line)


def can_record_training(user, line: SupportLine) -> bool:
    """The line's professionals and the institution's well-being office record training."""
    return access.is_line_professional(user, line) or policy.can_administer_institution(
        user, line.institution
    )


def is_line_mentor(user, line: SupportLine) -> bool:
    return access.support_lines_mentored(user).filter(pk=line.pk).exists()


# --- Shifts and swaps --------------------------------------------------------------------------


def _with_people(shifts: QuerySet[Shift]) -> QuerySet[Shift]:
    return shifts.select_related("line__institution", "mentor", "backup")


def shifts_visible(user) -> QuerySet[Shift]:
    return Shift.objects.filter(line_id__in=lines_rota_visible(user).values("pk"))


def shift_for_user(user, shift_id: int) -> Shift:
    return get_object_or_404(_with_people(shifts_visible(user)), pk=shift_id)


def line_shifts(line: SupportLine, start: datetime.datetime, end: datetime.datetime):
    """The line's shifts overlapping [start, end), with their people, in one query."""
    return list(
        _with_people(line.shifts.filter(starts_at__lt=end, ends_at__gt=start)).order_by(
            "starts_at", "pk"
        )
    )


def my_upcoming_shifts(user, limit: int | None = None) -> list[Shift]:
    """The user's own published shifts as mentor, not yet ended, on lines they still mentor."""
    shifts = _with_people(
        Shift.objects.filter(
            mentor_id=user.pk,
            status=Shift.Status.PUBLISHED,
            ends_at__gt=timezone.now(),
            line_id__in=access.support_lines_mentored(user).values("pk"),
        )
    ).order_by("starts_at", "pk")
    return list(shifts[:limit] if limit else shifts)


def open_shifts_for(user, limit: int = 50) -> list[Shift]:
    """Published, future shifts with nobody on call, on lines the user mentors."""
    return list(
        _with_people(
            Shift.objects.filter(
                mentor__isnull=True,
                status=Shift.Status.PUBLISHED,
                starts_at__gt=timezone.now(),
                line_id__in=access.support_lines_mentored(user).values("pk"),
            )
        ).order_by("starts_at", "pk")[:limit]
    )


def my_swaps(user, limit: int = 20) -> list[ShiftSwap]:
    """Swaps the user asked for or was named in, newest first."""
    return list(
        ShiftSwap.objects.filter(Q(from_user_id=user.pk) | Q(to_user_id=user.pk))
        .filter(shift__line_id__in=access.support_lines_mentored(user).values("pk"))
        .select_related("shift__line__institution", "from_user", "to_user")
        .order_by("-created_at", "-pk")[:limit]
    )


def pending_swaps(line: SupportLine) -> list[ShiftSwap]:
    return list(
        ShiftSwap.objects.filter(shift__line=line, status=ShiftSwap.Status.REQUESTED)
        .select_related("shift", "from_user", "to_user")
        .order_by("shift__starts_at", "pk")
    )


def swaps_decidable(user) -> QuerySet[ShiftSwap]:
    """Swaps on lines the user runs, or backs up as a professional."""
    return ShiftSwap.objects.filter(
        Q(shift__line_id__in=access.support_lines_managed(user).values("pk"))
        | Q(shift__line_id__in=access.support_lines_backed(user).values("pk"))
    )


def swap_for_decider(user, swap_id: int) -> ShiftSwap:
    return get_object_or_404(
        swaps_decidable(user).select_related("shift__line__institution"), pk=swap_id
    )


def swap_partners(user, shift: Shift) -> QuerySet:
    """Trained mentors of the shift's line, other than the user, who could take it."""
    return line_trained_mentors(shift.line).exclude(pk=user.pk)


# --- The week grid and coverage ----------------------------------------------------------------


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _local_midnight(day: datetime.date, zone: ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(0), tzinfo=zone)


@dataclass
class Day:
    date: datetime.date
    shifts: list = field(default_factory=list)  # (shift, local start, local end, covers)


def week_grid(line: SupportLine, monday: datetime.date, trained: set[int]) -> list[Day]:
    """The line's shifts from this Monday to Sunday, grouped by their local start date."""
    zone = line_zone(line)
    days = [Day(monday + datetime.timedelta(days=i)) for i in range(7)]
    start = _local_midnight(monday, zone)
    end = _local_midnight(monday + datetime.timedelta(days=7), zone)
    for shift in line_shifts(line, start, end):
        local_start, local_end = shift.starts_at.astimezone(zone), shift.ends_at.astimezone(zone)
        index = (local_start.date() - monday).days
        days[max(0, min(index, 6))].shifts.append(
            (shift, local_start, local_end, shift_covers(shift, trained))
        )
    return days


def shift_covers(shift: Shift, trained: set[int]) -> bool:
    """A shift covers its hours when published with a trained mentor and a backup."""
    return (
        shift.status == Shift.Status.PUBLISHED
        and shift.backup_id is not None
        and shift.mentor_id in trained
    )


def uncovered(
    window: tuple[datetime.datetime, datetime.datetime],
    covered: list[tuple[datetime.datetime, datetime.datetime]],
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The parts of the window that none of the covered intervals reach (pure)."""
    gaps, cursor = [], window[0]
    for start, end in sorted(covered):
        if end <= cursor or start >= window[1]:
            continue
        if start > cursor:
            gaps.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < window[1]:
        gaps.append((cursor, window[1]))
    return gaps


@dataclass
class DayCoverage:
    date: datetime.date
    gaps: list  # [(local start, local end)]

    @property
    def uncovered_minutes(self) -> int:
        return sum(int((b - a).total_seconds() // 60) for a, b in self.gaps)

    @property
    def uncovered_hours(self) -> float:
        return round(self.uncovered_minutes / 60, 2)


def coverage(
    line: SupportLine, first_day: datetime.date, days: int, trained: set[int] | None = None
) -> list[DayCoverage]:
    """For each local day, the stretches of the service window without a covering shift."""
    zone = line_zone(line)
    last = first_day + datetime.timedelta(days=days)
    shifts = line.shifts.filter(
        status=Shift.Status.PUBLISHED,
        backup__isnull=False,
        mentor__isnull=False,
        starts_at__lt=_local_midnight(last, zone),
        ends_at__gt=_local_midnight(first_day, zone),
    ).only("line_id", "starts_at", "ends_at", "mentor_id", "backup_id", "status")
    trained = trained_mentor_ids(line) if trained is None else trained
    covered = [(s.starts_at, s.ends_at) for s in shifts if shift_covers(s, trained)]
    report = []
    for offset in range(days):
        day = first_day + datetime.timedelta(days=offset)
        window = (
            datetime.datetime.combine(day, SERVICE_WINDOW[0], tzinfo=zone),
            _local_midnight(day + datetime.timedelta(days=1), zone),
        )
        gaps = uncovered(window, covered)
        report.append(DayCoverage(day, [(a.astimezone(zone), b.astimezone(zone)) for a, b in gaps]))
    return report


def clamp_weeks(value, default: int = 4) -> int:
    try:
        weeks = int(value)
    except (TypeError, ValueError):
        return default
    return max(1, min(weeks, MAX_WEEKS))


# --- Calendar events ---------------------------------------------------------------------------


def shift_events_for(user, start: datetime.datetime, end: datetime.datetime) -> list:
    """The user's shifts (on call or as backup) overlapping [start, end) as iCalendar events, in
    the institution's time zone (TZID). The personal calendar feed adds these to its own."""
    shifts = _with_people(
        Shift.objects.filter(starts_at__lt=end, ends_at__gt=start)
        .exclude(status=Shift.Status.DRAFT)
        .filter(
            Q(mentor_id=user.pk, line_id__in=access.support_lines_mentored(user).values("pk"))
            | Q(backup_id=user.pk, line_id__in=access.support_lines_backed(user).values("pk"))
        )
    ).order_by("starts_at", "pk")
    stamp = timezone.now()
    events = []
    for shift in shifts:
        zone = line_zone(shift.line)
        on_call = shift.mentor_id == user.pk
        other = shift.backup if on_call else shift.mentor
        events.append(
            icalendar.Event.new(
                uid=f"supportline-shift-{shift.pk}@nearpeer",
                summary=f"{'On call' if on_call else 'Backup'}: {shift.line.name}",
                start=shift.starts_at.astimezone(zone),
                end=shift.ends_at.astimezone(zone),
                stamp=stamp,
                status="CANCELLED" if shift.status == Shift.Status.CANCELLED else "CONFIRMED",
                description=(
                    f"{'Backup' if on_call else 'Peer mentor'}: "
                    f"{other.display_name if other else 'not chosen yet'}"
                ),
            )
        )
    return events
