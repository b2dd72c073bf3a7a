"""Writes for sessions: series, moving, cancelling and editing meetings, RSVPs, and what
facilitators tell us about themselves. Each checks the policy itself, so a page, the API and a
task get the same answer. Staffing lives in `staffing.py`, hand edits in `facilitation.py`."""

import datetime
import secrets
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from nearpeer import scheduling
from nearpeer.accounts.models import User
from nearpeer.curriculum import access as curriculum_access
from nearpeer.meetings import access
from nearpeer.meetings.models import (
    Meeting,
    MeetingChange,
    Modality,
    Rsvp,
    Series,
    SeriesPlan,
)
from nearpeer.meetings.services.facilitation import check_editable, check_free
from nearpeer.tenancy import policy
from nearpeer.weblinks import NOT_A_WEB_ADDRESS, is_web_address

CHECK_IN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L
MIN_MINUTES, MAX_MINUTES = (
    scheduling.types.MIN_DURATION_MINUTES,
    scheduling.types.MAX_DURATION_MINUTES,
)


def check_in_code() -> str:
    return "".join(secrets.choice(CHECK_IN_ALPHABET) for _ in range(6))


def _day(d: datetime.date) -> str:
    return f"{d.day} {d:%b %Y}"


# --- Series -----------------------------------------------------------------------------------


def _place_errors(modality, room, video_link) -> dict:
    errors = {}
    if modality not in Modality.values:
        errors["modality"] = "Choose virtual, in person or hybrid."
    if modality in (Modality.IN_PERSON, Modality.HYBRID) and not room.strip():
        errors["room"] = "In-person and hybrid sessions need a room."
    if modality in (Modality.VIRTUAL, Modality.HYBRID) and not video_link.strip():
        errors["video_link"] = "Virtual and hybrid sessions need a video link."
    elif video_link.strip() and not is_web_address(video_link.strip()):
        errors["video_link"] = NOT_A_WEB_ADDRESS
    return errors


def _year_errors(program, starts_on, ends_on, custom_dates) -> dict:
    if ends_on <= starts_on:
        return {"ends_on": "The series must end after it starts."}
    calendars = list(policy.calendars_of_program(program).order_by("starts_on"))
    if calendars and not any(c.starts_on <= starts_on and ends_on <= c.ends_on for c in calendars):
        years = "; ".join(
            f"{c.name}: {_day(c.starts_on)} to {_day(c.ends_on)}" for c in calendars[-3:]
        )
        return {"ends_on": f"A series must fit inside one academic year ({years})."}
    if not calendars and (ends_on - starts_on).days > 366:
        return {"ends_on": "A series can run for one academic year at most."}
    outside = [d for d in custom_dates if not starts_on <= d <= ends_on]
    if outside:
        return {"custom_dates": f"{_day(outside[0])} is outside the series' first and last day."}
    return {}


def _series_errors(*, program, name, cadence, weekday, minutes, starts_on, ends_on, custom_dates,
                   modality, room, video_link) -> dict:  # fmt: skip
    errors = {}
    if not name.strip():
        errors["name"] = "Give the series a name, such as “Noon well-being sessions 2026–27”."
    if cadence not in Series.Cadence.values:
        errors["cadence"] = (
            "Choose monthly, every two months, quarterly, every other week or custom."
        )
    elif cadence == Series.Cadence.CUSTOM and not custom_dates:
        errors["custom_dates"] = "List at least one date for a custom series."
    if not 0 <= weekday <= 6:
        errors["weekday"] = "Choose a weekday, Monday to Sunday."
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        errors["minutes"] = (
            f"Sessions last {MIN_MINUTES} to {MAX_MINUTES} minutes; {minutes} is "
            f"{'too long' if minutes > MAX_MINUTES else 'too short'}."
        )
    errors |= _place_errors(modality, room, video_link)
    return errors | _year_errors(program, starts_on, ends_on, custom_dates)


def _plans(by, program, plan_ids) -> list:
    found = {
        p.pk: p
        for p in curriculum_access.program_plans_schedulable(by).filter(
            program=program, pk__in=plan_ids
        )
    }
    missing = [pid for pid in plan_ids if pid not in found]
    if missing:
        raise ValidationError(
            {"plan_ids": f"Plan(s) {', '.join(map(str, missing))} aren't plans of {program}: "
             "choose from this program's own plans."},
            code="foreign_plan",
        )  # fmt: skip
    return [found[pid] for pid in plan_ids]


def blackouts_for_program(program, first: datetime.date, last: datetime.date) -> list:
    """Blackouts of every calendar that applies to the program, as scheduling date ranges."""
    rows = policy.blackouts_of_program(program).filter(starts_on__lte=last, ends_on__gte=first)
    return [scheduling.DateRange(b.starts_on, b.ends_on, b.name) for b in rows]


@transaction.atomic
def series_create(
    *,
    by: User,
    program,
    name: str,
    cadence: str,
    weekday: int,
    start_time: datetime.time,
    minutes: int,
    modality: str,
    room: str,
    video_link: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    plan_ids=(),
    custom_dates=(),
) -> tuple[Series, list[str]]:
    """Program staff set up a series: its dates are expanded around the program's blackouts and a
    meeting is made for each. Returns the series and plain messages about moved or unplaced dates."""
    if not policy.can_manage_program(by, program):
        raise PermissionDenied("You don't run this program.")
    custom_dates = sorted(set(custom_dates))
    errors = _series_errors(
        program=program, name=name, cadence=cadence, weekday=weekday, minutes=minutes,
        starts_on=starts_on, ends_on=ends_on, custom_dates=custom_dates, modality=modality,
        room=room, video_link=video_link,
    )  # fmt: skip
    if start_time.tzinfo is not None:  # a wall-clock time: 17:00 stays 17:00 across DST
        errors["start_time"] = (
            "Give the local time in the program's time zone, without an offset, such as 17:00."
        )
    if errors:
        raise ValidationError(errors, code="invalid")
    plans = _plans(by, program, list(plan_ids))
    spec = scheduling.SeriesSpec(
        cadence=scheduling.Cadence(cadence),
        weekday=weekday,
        start_time=start_time,
        duration_minutes=minutes,
        tz=program.time_zone,
        year_first=starts_on,
        year_last=ends_on,
        custom_dates=tuple(custom_dates),
    )
    try:
        expansion = scheduling.expand(spec, blackouts_for_program(program, starts_on, ends_on))
    except ValueError as exc:
        raise ValidationError(str(exc), code="cannot_expand") from exc
    if not expansion.occurrences:
        raise ValidationError(
            "No session date fits between the first and last day outside blackouts: widen the "
            "dates or choose another weekday.",
            code="no_dates",
        )
    series = Series.objects.create(
        program=program, name=name.strip(), cadence=cadence, weekday=weekday,
        start_time=start_time, minutes=minutes, modality=modality, room=room.strip(),
        video_link=video_link.strip(), starts_on=starts_on, ends_on=ends_on, created_by=by,
        custom_dates=[d.isoformat() for d in custom_dates],
    )  # fmt: skip
    SeriesPlan.objects.bulk_create(
        SeriesPlan(series=series, plan=plan, position=n) for n, plan in enumerate(plans)
    )
    Meeting.objects.bulk_create(
        _meeting(series, n, occ, plans) for n, occ in enumerate(expansion.occurrences)
    )
    messages = [occ.note for occ in expansion.occurrences if occ.note]
    messages += [u.reason for u in expansion.unplaced]
    return series, messages


def _meeting(series: Series, n: int, occ, plans) -> Meeting:
    return Meeting(
        series=series,
        program_id=series.program_id,
        plan=plans[n % len(plans)] if plans else None,
        starts_at=occ.starts_at,
        ends_at=occ.ends_at,
        modality=series.modality,
        room=series.room,
        video_link=series.video_link,
        moved_from=occ.moved_from,
        schedule_note=occ.note[:300],
        check_in_code=check_in_code(),
    )


# --- One meeting ------------------------------------------------------------------------------


def _local(meeting: Meeting, moment=None) -> datetime.datetime:
    return (moment or meeting.starts_at).astimezone(ZoneInfo(meeting.program.time_zone))


def _label(moment: datetime.datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b} at {moment:%H:%M}"


def _tell(meeting: Meeting, subject: str, body: str) -> None:
    """Email everyone who RSVP'd and the facilitators, once the change is committed."""
    people = {r.user for r in meeting.rsvps.select_related("user")}
    people |= set(meeting.facilitators.all())
    addresses = sorted({p.email for p in people if p.email and p.is_active})
    messages = [(subject, body, None, [address]) for address in addresses]  # nobody sees the others
    if messages:
        transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))


@transaction.atomic
def meeting_move(
    *, by: User, meeting: Meeting, starts_at: datetime.datetime, reason: str = ""
) -> Meeting:
    """Move a session to another time (same length), never into a blackout or a clash."""
    check_editable(by, meeting)
    if timezone.is_naive(starts_at):
        raise ValidationError({"starts_at": "Give the time with its time zone."}, code="naive")
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "Choose a time in the future."}, code="past")
    new_local, old_local = _local(meeting, starts_at), _local(meeting)
    day = new_local.date()
    blackout = (
        policy.blackouts_of_program(meeting.program)
        .filter(starts_on__lte=day, ends_on__gte=day)
        .order_by("starts_on")
        .first()
    )
    if blackout is not None:
        raise ValidationError(
            {"starts_at": f"{day.day} {day:%b} falls in {blackout.name}: choose another day."},
            code="blackout",
        )
    ends_at = starts_at + (meeting.ends_at - meeting.starts_at)
    for person in meeting.facilitators.all():
        check_free(meeting, person, starts_at, ends_at)
    note = f"Moved from {_label(old_local)} to {_label(new_local)}"
    meeting.moved_from = meeting.moved_from or old_local.date()
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.schedule_note = (f"{note}: {reason.strip()}" if reason.strip() else note)[:300]
    meeting.save(update_fields=["starts_at", "ends_at", "moved_from", "schedule_note"])
    MeetingChange.objects.create(meeting=meeting, by=by, what=note, reason=reason.strip()[:300])
    _tell(
        meeting,
        f"Session moved: {meeting.series.name}",
        f"The session “{meeting.series.name}” on {_label(old_local)} has moved to "
        f"{_label(new_local)} ({meeting.program.time_zone}).\n"
        + (f"Why: {reason.strip()}\n" if reason.strip() else ""),
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, by: User, meeting: Meeting, reason: str) -> Meeting:
    """Cancel a session; a reason is required and is sent to everyone who planned to come."""
    check_editable(by, meeting)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": "Say why the session is cancelled: it is sent to the people coming."},
            code="reason_required",
        )
    meeting.status, meeting.cancel_reason = Meeting.Status.CANCELLED, reason[:300]
    meeting.save(update_fields=["status", "cancel_reason"])
    MeetingChange.objects.create(meeting=meeting, by=by, what="Cancelled", reason=reason[:300])
    when = _label(_local(meeting))
    _tell(
        meeting,
        f"Session cancelled: {meeting.series.name}",
        f"The session “{meeting.series.name}” on {when} ({meeting.program.time_zone}) is "
        f"cancelled.\nWhy: {reason}\n",
    )
    return meeting


UPDATE_LABELS = {"modality": "Format", "room": "Room", "video_link": "Video link", "plan": "Plan"}


@transaction.atomic
def meeting_update(
    *, by: User, meeting: Meeting, room: str, video_link: str, modality: str, plan
) -> Meeting:
    """Change where a session happens or which plan it uses; the change is kept in its history."""
    check_editable(by, meeting)
    errors = _place_errors(modality, room, video_link)
    if plan is not None and plan.program_id != meeting.program_id:
        errors["plan"] = "Choose one of this program's own plans."
    if errors:
        raise ValidationError(errors, code="invalid")
    new = {
        "modality": modality,
        "room": room.strip(),
        "video_link": video_link.strip(),
        "plan": plan,
    }
    changed = [k for k, v in new.items() if getattr(meeting, k) != v]
    if not changed:
        return meeting
    parts = []
    for key in changed:
        before = getattr(meeting, key)
        shown = {
            "modality": lambda v: Modality(v).label,
            "plan": lambda v: v.title if v else "none",
        }
        show = shown.get(key, lambda v: v or "none")
        parts.append(f"{UPDATE_LABELS[key]}: {show(before)} → {show(new[key])}")
        setattr(meeting, key, new[key])
    meeting.save(update_fields=changed)
    MeetingChange.objects.create(meeting=meeting, by=by, what="; ".join(parts)[:300])
    return meeting


# --- RSVPs ------------------------------------------------------------------------------------


@transaction.atomic
def rsvp_create(*, user, meeting: Meeting) -> Rsvp:
    """A person says they plan to come (they get the reminder and news of changes)."""
    if not access.meetings_for(user).filter(pk=meeting.pk).exists():
        raise PermissionDenied("This session isn't in one of your programs.")
    if meeting.status != Meeting.Status.SCHEDULED or meeting.starts_at <= timezone.now():
        raise ValidationError(
            "This session is no longer open: it was cancelled or has passed.", code="closed"
        )
    rsvp, _ = Rsvp.objects.get_or_create(meeting=meeting, user=user)
    return rsvp


@transaction.atomic
def rsvp_delete(*, user, meeting: Meeting) -> None:
    Rsvp.objects.filter(meeting=meeting, user=user).delete()
