"""The staffing problem built from the database: who may lead which of a program's sessions (their
kind, first-timer or not, monthly cap, weekly availability and time away, sessions they already
lead elsewhere), and the pinned sessions finished after the solve. `staffing.py` solves it and
writes the answer back.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from nearpeer import scheduling
from nearpeer.meetings import access
from nearpeer.meetings.models import (
    Availability,
    AvailabilityException,
    Facilitation,
    FacilitatorProfile,
    Meeting,
)
from nearpeer.scheduling.rules import can_form_team, day_label, month_key
from nearpeer.tenancy.models import Program, Role

DEFAULT_CAP = 2
TRAVEL_BUFFER = datetime.timedelta(minutes=30)  # the same buffer the solver uses


def eligible_kinds(program: Program) -> dict[int, scheduling.Kind]:
    """User id -> peer or advisor, for everyone who may lead this program's sessions today."""
    kinds: dict[int, scheduling.Kind] = {}
    for user_id, role in access.facilitator_memberships(program).values_list("user_id", "role"):
        kind = scheduling.Kind.PEER if role == Role.PEER_FACILITATOR else scheduling.Kind.ADVISOR
        if kinds.get(user_id) != scheduling.Kind.PEER:
            kinds[user_id] = kind
    return kinds


def first_timers(user_ids, now=None) -> set[int]:
    """Those who never led a session: none before nearpeer and none here that has taken place."""
    ids = set(user_ids)
    now = now or timezone.now()
    led_before = FacilitatorProfile.objects.filter(user_id__in=ids, sessions_led__gt=0)
    led_here = Facilitation.objects.filter(
        user_id__in=ids, meeting__starts_at__lt=now, meeting__status=Meeting.Status.SCHEDULED
    )
    return (
        ids
        - set(led_before.values_list("user_id", flat=True))
        - set(led_here.values_list("user_id", flat=True))
    )


def monthly_caps(user_ids) -> dict[int, int]:
    caps = dict(
        FacilitatorProfile.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "monthly_cap"
        )
    )
    return {uid: caps.get(uid, DEFAULT_CAP) for uid in user_ids}


# --- Building the problem ---------------------------------------------------------------------


def _local(meeting: Meeting, zone: ZoneInfo) -> scheduling.Meeting:
    return scheduling.Meeting(
        id=meeting.pk,
        program_id=meeting.program_id,
        starts_at=meeting.starts_at.astimezone(zone),
        ends_at=meeting.ends_at.astimezone(zone),
        required=meeting.series.facilitators_per_meeting,
    )


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end + TRAVEL_BUFFER and b_start < a_end + TRAVEL_BUFFER


@dataclass
class _Problem:
    """The solver's problem, plus what is needed to finish the meetings it leaves out."""

    problem: scheduling.AssignmentProblem
    people: dict  # user id -> scheduling.Facilitator (availability over every meeting)
    held: list  # local meetings with a pinned facilitator (see `fill_held`)
    pins: dict  # meeting id -> [user id]
    busy: dict  # user id -> [(start, end)] outside the solver's meetings


def build_problem(program: Program, meetings: list[Meeting]) -> _Problem:
    """The assignment problem for these meetings of one program, with each person's other
    commitments (any program) counted against their caps and kept free of double booking."""
    zone = ZoneInfo(program.time_zone)
    local = [_local(m, zone) for m in meetings]
    kinds = eligible_kinds(program)
    ids = list(kinds)
    first, caps = first_timers(ids), monthly_caps(ids)
    windows, away, extra = _availability(ids, local)
    pins = defaultdict(list)
    for mid, uid in Facilitation.objects.filter(
        meeting__in=[m.pk for m in meetings], pinned=True
    ).values_list("meeting_id", "user_id"):
        pins[mid].append(uid)
    _refuse_stale_pins(pins, kinds, {m.id: m for m in local})
    # Meetings with a pin are finished after the solve (`fill_held`), and count as commitments of
    # their pinned people meanwhile: scheduling.assign refuses a single pin on a two-seat meeting
    # ("can't lead it together"), so pins are not passed to it.
    held = [m for m in local if m.id in pins]
    busy = _commitments(ids, [m.pk for m in meetings], local, zone)
    for m in held:
        for uid in pins[m.id]:
            busy[uid].append((m.starts_at, m.ends_at))
    people = {}
    for uid in ids:
        free = set(scheduling.available_meetings(local, windows[uid], away[uid]))
        free |= {m.id for m in local if m.starts_at.date() in extra[uid]}
        free -= {
            m.id
            for m in local
            if m.id not in pins or uid not in pins[m.id]
            if any(_overlaps(m.starts_at, m.ends_at, s, e) for s, e in busy[uid])
        }
        people[uid] = scheduling.Facilitator(
            id=uid,
            kind=kinds[uid],
            program_ids=frozenset({program.pk}),
            available=frozenset(free),
            first_time=uid in first,
            monthly_cap=caps[uid],
            used=dict(Counter(f"{s.year:04d}-{s.month:02d}" for s, _ in busy[uid])),
        )
    held_ids = {m.id for m in held}
    problem = scheduling.AssignmentProblem(
        meetings=[m for m in local if m.id not in held_ids],
        facilitators=[replace(f, available=f.available - held_ids) for f in people.values()],
        previous=_previous(program, min(m.starts_at for m in meetings), meetings),
    )
    return _Problem(problem=problem, people=people, held=held, pins=dict(pins), busy=busy)


def _availability(ids, local):
    windows = defaultdict(list)
    for a in Availability.objects.filter(user_id__in=ids):
        start, end = a.start_time, a.end_time
        windows[a.user_id].append(
            scheduling.WeeklyWindow(
                a.weekday, start.hour * 60 + start.minute, end.hour * 60 + end.minute
            )
        )
    first_day = min(m.starts_at for m in local).date()
    last_day = max(m.ends_at for m in local).date()
    away, extra = defaultdict(list), defaultdict(set)
    for e in AvailabilityException.objects.filter(
        user_id__in=ids, on__gte=first_day, on__lte=last_day
    ):
        if e.available:
            extra[e.user_id].add(e.on)
        else:
            away[e.user_id].append(scheduling.DateRange(e.on, e.on))
    return windows, away, extra


def fill_held(built: _Problem, assignments: dict, unstaffed: dict) -> None:
    """Complete each pinned meeting with the least-loaded people who are free, under their cap
    and make a valid team with the pinned ones (the same rules as the solver)."""
    load = Counter(uid for team in assignments.values() for uid in team)
    month_load = Counter()
    by_id = {m.id: m for m in built.problem.meetings}
    booked = defaultdict(list)
    for mid, team in assignments.items():
        for uid in team:
            m = by_id[mid]
            booked[uid].append((m.starts_at, m.ends_at))
            month_load[uid, month_key(m)] += 1
    for m in sorted(built.held, key=lambda m: m.starts_at):
        team = list(built.pins[m.id])
        for uid in sorted(built.people, key=lambda u: (load[u], str(u))):
            person = built.people[uid]
            if len(team) >= m.required:
                break
            if uid in team or m.id not in person.available:
                continue
            if any(_overlaps(m.starts_at, m.ends_at, s, e) for s, e in booked[uid]):
                continue
            used = person.used.get(month_key(m), 0) + month_load[uid, month_key(m)]
            if used >= person.monthly_cap:
                continue
            candidate = [built.people[u] for u in [*team, uid]]
            if not can_form_team(candidate, len(candidate), [*team, uid]):
                continue
            team.append(uid)
        if len(team) >= m.required:
            assignments[m.id] = team
            for uid in team[len(built.pins[m.id]) :]:
                load[uid] += 1
                month_load[uid, month_key(m)] += 1
                booked[uid].append((m.starts_at, m.ends_at))
        else:
            unstaffed[m.id] = (
                f"{day_label(m)}: no one else is free to lead it with the pinned facilitator"
            )


def _refuse_stale_pins(pins, kinds, local) -> None:
    stale = [(mid, uid) for mid, uids in pins.items() for uid in uids if uid not in kinds]
    if stale:
        names = names_of({uid for _, uid in stale})
        mid, uid = stale[0]
        raise ValidationError(
            f"{names[uid]} is pinned to the session on {day_label(local[mid])} "
            "but no longer leads sessions in this program: unpin or swap them first.",
            code="stale_pin",
        )


def _commitments(user_ids, problem_ids, local, zone) -> dict[int, list]:
    """Each person's scheduled sessions outside the problem in the months it covers (local)."""
    first = min(m.starts_at for m in local).replace(day=1, hour=0, minute=0, second=0)
    last = max(m.ends_at for m in local) + datetime.timedelta(days=32)
    rows = (
        Facilitation.objects.filter(
            user_id__in=user_ids,
            meeting__status=Meeting.Status.SCHEDULED,
            meeting__starts_at__gte=first,
            meeting__starts_at__lt=last,
        )
        .exclude(meeting_id__in=problem_ids)
        .values_list("user_id", "meeting__starts_at", "meeting__ends_at")
    )
    busy = defaultdict(list)
    for uid, starts_at, ends_at in rows:
        busy[uid].append((starts_at.astimezone(zone), ends_at.astimezone(zone)))
    return busy


def _previous(program: Program, before, meetings) -> dict:
    """Who led the program's last session before these, so continuity carries over."""
    last = (
        Meeting.objects.filter(
            program=program,
            status=Meeting.Status.SCHEDULED,
            starts_at__lt=before,
            facilitations__isnull=False,
        )
        .exclude(pk__in=[m.pk for m in meetings])
        .order_by("-starts_at")
        .first()
    )
    if last is None:
        return {}
    return {program.pk: tuple(last.facilitations.values_list("user_id", flat=True))}


def names_of(user_ids) -> dict[int, str]:
    people = get_user_model().objects.filter(pk__in=user_ids)
    return {u.pk: u.display_name for u in people}


# --- Solving and writing back -----------------------------------------------------------------
