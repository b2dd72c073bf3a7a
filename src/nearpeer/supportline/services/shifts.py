"""Writes for the support line's shifts: adding them (one, or a weekly pattern), staffing,
publishing and cancelling them, mentors signing up, and swaps.

Each service checks the policy itself (a page, the API and demo data get the same answer), runs
in one transaction and refuses bad input with a ValidationError naming what to fix. Only a peer
mentor who passed the line's training (rota.py records it) is put on call, and never on two
overlapping shifts.
"""

import datetime
from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.errors import field_error
from nearpeer.supportline.models import Shift, ShiftSwap, SupportLine
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import submissions

MIN_SHIFT = datetime.timedelta(minutes=15)
MAX_SHIFT = datetime.timedelta(hours=24)
MAX_PATTERN_DAYS = 366
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# --- Who may be on call, and when -----------------------------------------------------------------


def _check_mentor(line: SupportLine, mentor) -> None:
    """The person may be on call for this line: an active peer mentor who passed the training."""
    if not rs.line_mentors(line).filter(pk=mentor.pk).exists():
        raise field_error(
            "mentor", f"{mentor.display_name} isn't a peer mentor on {line.name}.", "not_a_mentor"
        )
    if not rs.mentor_is_trained(mentor, line):
        raise field_error(
            "mentor",
            f"{mentor.display_name} hasn't completed the required training for "
            f"{line.name} yet. A faculty or wellness advisor, or the well-being office, "
            "records it on the line's training page.",
            "not_trained",
        )


def _check_backup(line: SupportLine, backup) -> None:
    if not rs.line_professionals(line).filter(pk=backup.pk).exists():
        raise field_error(
            "backup",
            f"{backup.display_name} isn't a faculty or wellness advisor serving "
            f"{line.name}, so can't be the backup.",
            "not_a_professional",
        )


def _when(line, start, end) -> str:
    zone = rs.line_zone(line)
    a, b = start.astimezone(zone), end.astimezone(zone)
    return f"{a:%a} {a.day} {a:%b}, {a:%H:%M}–{b:%H:%M}"


def _check_free(mentor, start, end, *, exclude_pk=None, you: bool = False) -> None:
    """No double booking: the mentor has no other live shift overlapping, on any line."""
    clash = (
        Shift.objects.filter(mentor_id=mentor.pk, starts_at__lt=end, ends_at__gt=start)
        .exclude(status=Shift.Status.CANCELLED)
        .exclude(pk=exclude_pk)
        .select_related("line__institution")
        .first()
    )
    if clash:
        who = "You are" if you else f"{mentor.display_name} is"
        raise field_error(
            "mentor",
            f"{who} already on call for {clash.line.name} on "
            f"{_when(clash.line, clash.starts_at, clash.ends_at)}, which overlaps this shift.",
            "overlap",
        )


def _lock_person(user) -> None:
    # Serializes bookings of one person, so two overlapping sign-ups can't both pass the check.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()


def _check_times(start: datetime.datetime, end: datetime.datetime) -> None:
    if start.tzinfo is None or end.tzinfo is None:
        raise ValidationError("Give times with their time zone.", code="naive_time")
    if end <= start:
        raise field_error("ends_at", "A shift must end after it starts.", "order")
    if not MIN_SHIFT <= end - start <= MAX_SHIFT:
        raise field_error("ends_at", "A shift lasts between 15 minutes and 24 hours.", "length")
    if end <= timezone.now():
        raise field_error(
            "starts_at", "That shift would already be over; choose a time to come.", "past"
        )


def _require_manager(by, line) -> None:
    if not rs.can_manage_rota(by, line):
        raise PermissionDenied(
            "Only the line's program staff or the well-being office can do that."
        )


# --- Shifts ------------------------------------------------------------------------------------


@transaction.atomic
def shift_create(
    *,
    by: User,
    line: SupportLine,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mentor=None,
    backup=None,
    publish: bool = False,
    submission_key: str | None = None,
) -> Shift:
    """Program staff or the office add one shift, optionally staffed and published (once per
    form: the same submission_key again answers with the shift it made)."""
    _require_manager(by, line)
    key = submissions.clean_key(submission_key)
    earlier = submissions.earlier(Shift.objects.all(), key, line_id=line.pk)
    if earlier is not None:
        return earlier
    _check_times(starts_at, ends_at)
    if backup is not None:
        _check_backup(line, backup)
    if publish and backup is None:
        raise field_error(
            "backup", "Choose a professional backup before publishing the shift.", "no_backup"
        )
    if mentor is not None:
        _check_mentor(line, mentor)
        _lock_person(mentor)
        _check_free(mentor, starts_at, ends_at)
    return Shift.objects.create(
        line=line,
        starts_at=starts_at,
        ends_at=ends_at,
        mentor=mentor,
        backup=backup,
        status=Shift.Status.PUBLISHED if publish else Shift.Status.DRAFT,
        created_by=by,
        submission_key=key,
    )


def weekly_times(
    zone, weekdays: Iterable[int], start_time, end_time, first_date, last_date
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The (start, end) of each shift of a weekly pattern, at the same local wall time every
    week, whatever daylight-saving change falls in between. An end at or before the start runs
    past midnight."""
    days = sorted(set(weekdays))
    if not days or any(not 0 <= d <= 6 for d in days):
        raise field_error("weekdays", "Choose at least one day of the week.", "days")
    if last_date < first_date:
        raise field_error("last_date", "The last date can't be before the first date.", "order")
    if (last_date - first_date).days > MAX_PATTERN_DAYS:
        raise field_error(
            "last_date",
            "A pattern can cover at most one year; add another for later dates.",
            "too_long",
        )
    times, day = [], first_date
    while day <= last_date:
        if day.weekday() in days:
            end_day = day if end_time > start_time else day + datetime.timedelta(days=1)
            # Round-trip through UTC so a wall time skipped by a DST change becomes a real time.
            start = datetime.datetime.combine(day, start_time, tzinfo=zone)
            end = datetime.datetime.combine(end_day, end_time, tzinfo=zone)
            times.append(
                (
                    start.astimezone(datetime.UTC).astimezone(zone),
                    end.astimezone(datetime.UTC).astimezone(zone),
                )
            )
        day += datetime.timedelta(days=1)
    return times


@transaction.atomic
def shifts_create_weekly(
    *,
    by: User,
    line: SupportLine,
    mentor=None,
    backup=None,
    weekdays: Iterable[int],
    start_time: datetime.time,
    end_time: datetime.time,
    first_date: datetime.date,
    last_date: datetime.date,
    publish: bool = True,
    submission_key: str | None = None,
) -> list[Shift]:
    """Add a weekly pattern of shifts (e.g. Mon–Fri 18:00–22:00) in the institution's time zone.
    All or nothing: one refused shift refuses the whole pattern. The pattern's shifts carry the
    form's key numbered (key.0, key.1, ...), so the same form sent again adds nothing."""
    _require_manager(by, line)
    key = submissions.clean_key(submission_key)
    if key and submissions.earlier(Shift.objects.all(), f"{key}.0", line_id=line.pk):
        return list(
            Shift.objects.filter(line_id=line.pk, submission_key__startswith=f"{key}.").order_by(
                "starts_at"
            )
        )
    times = weekly_times(rs.line_zone(line), weekdays, start_time, end_time, first_date, last_date)
    times = [(a, b) for a, b in times if b > timezone.now()]
    if not times:
        raise ValidationError(
            "No shift of this pattern falls on a date to come; check the dates and days.",
            code="empty",
        )
    return [
        shift_create(
            by=by,
            line=line,
            starts_at=a,
            ends_at=b,
            mentor=mentor,
            backup=backup,
            publish=publish,
            submission_key=f"{key}.{n}" if key else None,
        )
        for n, (a, b) in enumerate(times)
    ]


def _locked(shift: Shift) -> Shift:
    return Shift.objects.select_for_update().select_related("line__institution").get(pk=shift.pk)


def _check_live(shift: Shift) -> None:
    if shift.status == Shift.Status.CANCELLED:
        raise ValidationError("This shift was cancelled.", code="cancelled")
    if shift.ends_at <= timezone.now():
        raise ValidationError("This shift is already over.", code="past")


@transaction.atomic
def shift_assign(*, by: User, shift: Shift, mentor=None, backup=None) -> Shift:
    """Staff set who is on call and who backs them up (no mentor leaves the shift open)."""
    shift = _locked(shift)
    _require_manager(by, shift.line)
    _check_live(shift)
    if backup is not None:
        _check_backup(shift.line, backup)
    elif shift.status == Shift.Status.PUBLISHED:
        raise field_error("backup", "A published shift needs a professional backup.", "no_backup")
    if mentor is not None and mentor.pk != shift.mentor_id:
        _check_mentor(shift.line, mentor)
        _lock_person(mentor)
        _check_free(mentor, shift.starts_at, shift.ends_at, exclude_pk=shift.pk)
    shift.mentor, shift.backup = mentor, backup
    shift.save(update_fields=["mentor", "backup"])
    return shift


@transaction.atomic
def shift_publish(*, by: User, shift: Shift) -> Shift:
    """Make a draft shift visible to mentors; it must have a professional backup."""
    shift = _locked(shift)
    _require_manager(by, shift.line)
    _check_live(shift)
    if shift.status == Shift.Status.PUBLISHED:
        return shift
    if shift.backup_id is None:
        raise field_error(
            "backup", "Choose a professional backup before publishing the shift.", "no_backup"
        )
    _check_backup(shift.line, shift.backup)
    if shift.mentor_id is not None:
        _check_mentor(shift.line, shift.mentor)
    shift.status = Shift.Status.PUBLISHED
    shift.save(update_fields=["status"])
    return shift


@transaction.atomic
def shift_cancel(*, by: User, shift: Shift) -> Shift:
    """Cancel a shift; swaps waiting on it are declined."""
    shift = _locked(shift)
    _require_manager(by, shift.line)
    if shift.status == Shift.Status.CANCELLED:
        return shift
    shift.status = Shift.Status.CANCELLED
    shift.save(update_fields=["status"])
    shift.swaps.filter(status=ShiftSwap.Status.REQUESTED).update(
        status=ShiftSwap.Status.DECLINED, decided_by=by
    )
    return shift


@transaction.atomic
def shift_sign_up(*, by: User, shift: Shift) -> Shift:
    """A trained peer mentor takes an open, published shift."""
    shift = _locked(shift)
    if not rs.is_line_mentor(by, shift.line):
        raise PermissionDenied("Only peer mentors of this line can sign up for its shifts.")
    _check_live(shift)
    if shift.status != Shift.Status.PUBLISHED:
        raise ValidationError("This shift isn't open for sign-up yet.", code="not_published")
    if shift.mentor_id is not None:
        who = "You already have" if shift.mentor_id == by.pk else "Someone else has already taken"
        raise ValidationError(f"{who} this shift.", code="taken")
    _check_mentor(shift.line, by)
    _lock_person(by)
    _check_free(by, shift.starts_at, shift.ends_at, exclude_pk=shift.pk, you=True)
    shift.mentor = by
    shift.save(update_fields=["mentor"])
    return shift


# --- Swaps -------------------------------------------------------------------------------------


@transaction.atomic
def shift_swap_request(
    *, by: User, shift: Shift, to_user, submission_key: str | None = None
) -> ShiftSwap:
    """The shift's mentor asks that another trained mentor take it; staff or a professional decide."""
    shift = _locked(shift)
    key = submissions.clean_key(submission_key)
    earlier = submissions.earlier(ShiftSwap.objects.all(), key, from_user_id=by.pk)
    if earlier is not None:
        return earlier
    if shift.mentor_id != by.pk:
        raise PermissionDenied("Only the mentor on this shift can ask to swap it.")
    _check_live(shift)
    if to_user.pk == by.pk:
        raise field_error("to_user", "Choose another mentor.", "self")
    if shift.swaps.filter(status=ShiftSwap.Status.REQUESTED).exists():
        raise ValidationError(
            "A swap for this shift is already waiting for approval.", code="duplicate"
        )
    try:
        _check_mentor(shift.line, to_user)
        _check_free(to_user, shift.starts_at, shift.ends_at, exclude_pk=shift.pk)
    except ValidationError as exc:
        raise ValidationError(
            {"to_user": [e for errs in exc.error_dict.values() for e in errs]}
        ) from exc
    return ShiftSwap.objects.create(shift=shift, from_user=by, to_user=to_user, submission_key=key)


@transaction.atomic
def shift_swap_decide(*, by: User, swap: ShiftSwap, approve: bool) -> ShiftSwap:
    """Approve (the shift passes to the other mentor, re-checked now) or decline a swap."""
    swap = (
        ShiftSwap.objects.select_for_update().select_related("to_user", "from_user").get(pk=swap.pk)
    )
    shift = _locked(swap.shift)
    if not rs.can_decide_swaps(by, shift.line):
        raise PermissionDenied(
            "Only the line's program staff, the office or its professionals decide swaps."
        )
    if swap.status != ShiftSwap.Status.REQUESTED:
        raise ValidationError(
            f"This swap was already {swap.get_status_display().lower()}.", code="decided"
        )
    if approve:
        _check_live(shift)
        if shift.mentor_id != swap.from_user_id:
            raise ValidationError(
                "The shift has changed hands since the swap was asked for.", code="stale"
            )
        _check_mentor(shift.line, swap.to_user)
        _lock_person(swap.to_user)
        _check_free(swap.to_user, shift.starts_at, shift.ends_at, exclude_pk=shift.pk)
        shift.mentor = swap.to_user
        shift.save(update_fields=["mentor"])
    swap.status = ShiftSwap.Status.APPROVED if approve else ShiftSwap.Status.DECLINED
    swap.decided_by = by
    swap.save(update_fields=["status", "decided_by"])
    return swap
