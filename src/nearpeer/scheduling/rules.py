"""The co-facilitation rules, shared by the CP-SAT model, the greedy baseline and the checks.

Hard rules:
- A staffed meeting has exactly `required` facilitators, all serving its program and available.
- At least one peer for every two seats (ceil(required / 2) peers), so two wellness advisors never
  lead together; a pair is two peers of the program, or one peer and one wellness advisor.
- At most one first-time facilitator per meeting.
- Nobody leads two meetings that overlap once a travel buffer (default 30 minutes) is added after
  each meeting, across all programs.
- Nobody exceeds their monthly cap (sessions already booked elsewhere that month count).
- Pins: if a pinned meeting is staffed, its pinned facilitators are in it. Pins that break a rule on
  their own are refused with ValueError before solving.

Objective (lower is better), the same for the solver and the greedy baseline (`score`):
- UNSTAFFED_PENALTY for each meeting left unstaffed;
- LOAD_WEIGHT x the sum over facilitators of load squared: for a fixed number of seats this is
  smallest exactly when the loads are as even as possible (it equals minimising their variance),
  and it is linear in the model as a convex piecewise-linear cost;
- BREAK_WEIGHT for each meeting that keeps no facilitator from the program's previous meeting (or from
  `previous`, for the first one). Continuity means "one stays, one rotates": a meeting shares at least
  one facilitator with the one before. Rewarding the same *pair* every time was measured and dropped:
  it fights fair load head-on, so the LP bound stays ~15 % below any schedule and CP-SAT can't prove
  a 1 % gap; with "at least one carries over" a staggered rotation is both fair and continuous, and the
  bound is tight.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from nearpeer.scheduling.types import AssignmentProblem, Facilitator, Kind, Meeting

UNSTAFFED_PENALTY = 1000
LOAD_WEIGHT = 1
BREAK_WEIGHT = 4
CAUSE_UNKNOWN = "could not be staffed without double-booking or exceeding caps"


def peers_needed(required: int) -> int:
    """Seats that must go to peers: one for every two seats, rounded up."""
    return (required + 1) // 2


def month_key(meeting: Meeting) -> str:
    """Calendar month of the meeting in its own local time, as "YYYY-MM"."""
    return f"{meeting.starts_at.year:04d}-{meeting.starts_at.month:02d}"


def day_label(meeting: Meeting) -> str:
    """Short local date for messages, e.g. "3 Mar"."""
    return f"{meeting.starts_at.day} {meeting.starts_at:%b}"


@dataclass
class Prepared:
    """Indexes over a problem that every rule needs."""

    problem: AssignmentProblem
    meetings: dict = field(default_factory=dict)  # id -> Meeting
    people: dict = field(default_factory=dict)  # id -> Facilitator
    span: dict = field(default_factory=dict)  # meeting id -> (start, end) in epoch minutes
    month: dict = field(default_factory=dict)  # meeting id -> "YYYY-MM"
    candidates: dict = field(default_factory=dict)  # meeting id -> [facilitator id] eligible+free
    pins: dict = field(default_factory=dict)  # meeting id -> [facilitator id]
    sequences: dict = field(default_factory=dict)  # program id -> [meeting id] in time order

    def conflict(self, a, b) -> bool:
        """True if one person can't lead both meetings (overlap including the travel buffer)."""
        buffer = self.problem.travel_buffer_minutes
        (sa, ea), (sb, eb) = self.span[a], self.span[b]
        return a != b and sa < eb + buffer and sb < ea + buffer

    def clashes(self, mid, others) -> bool:
        """True if someone leading `others` can't also lead `mid` (`conflict`, in one loop)."""
        buffer, span = self.problem.travel_buffer_minutes, self.span
        start, end = span[mid]
        for other in others:
            other_start, other_end = span[other]
            if start < other_end + buffer and other_start < end + buffer and other != mid:
                return True
        return False

    def remaining_cap(self, person: Facilitator, month: str) -> int:
        return person.monthly_cap - person.used.get(month, 0)


def prepare(problem: AssignmentProblem) -> Prepared:
    """Index the problem and validate its pins (ValueError in plain words if a pin can't hold)."""
    prep = Prepared(problem)
    prep.people = {f.id: f for f in problem.facilitators}
    for m in sorted(problem.meetings, key=lambda m: (m.starts_at.timestamp(), str(m.id))):
        if m.required < 1 or m.ends_at <= m.starts_at:
            raise ValueError(f"Meeting {m.id} needs a positive length and at least one seat.")
        prep.meetings[m.id] = m
        prep.span[m.id] = (_minutes(m.starts_at), _minutes(m.ends_at))
        prep.month[m.id] = month_key(m)
        prep.sequences.setdefault(m.program_id, []).append(m.id)
        prep.candidates[m.id] = []
    for f in problem.facilitators:
        for mid in f.available:
            m = prep.meetings.get(mid)
            if m is not None and m.program_id in f.program_ids:
                prep.candidates[mid].append(f.id)
    for mid in prep.candidates:
        prep.candidates[mid].sort(key=str)
    _validate_pins(prep)
    return prep


def _minutes(moment) -> int:
    return int(moment.timestamp() // 60)


def _validate_pins(prep: Prepared) -> None:
    per_month: Counter = Counter()
    by_person = defaultdict(list)
    for pin in prep.problem.pins:
        m, f = prep.meetings.get(pin.meeting_id), prep.people.get(pin.facilitator_id)
        if m is None or f is None:
            raise ValueError(
                f"Pin {pin.meeting_id}/{pin.facilitator_id} names an unknown meeting or person."
            )
        if f.id not in prep.candidates[m.id]:
            raise ValueError(
                f"{f.id} can't be pinned to {day_label(m)}: not available for that program then."
            )
        if f.id in prep.pins.get(m.id, []):
            continue
        prep.pins.setdefault(m.id, []).append(f.id)
        per_month[f.id, prep.month[m.id]] += 1
        by_person[f.id].append(m.id)
    for mid, pinned in prep.pins.items():
        m = prep.meetings[mid]
        people = [prep.people[p] for p in pinned]
        advisors = sum(p.kind == Kind.ADVISOR for p in people)
        too_many = len(people) > m.required or advisors > m.required - peers_needed(m.required)
        if too_many or sum(p.first_time for p in people) > 1:
            raise ValueError(f"The people pinned to {day_label(m)} can't lead it together.")
    for (fid, month), count in per_month.items():
        if count > prep.remaining_cap(prep.people[fid], month):
            raise ValueError(f"{fid} is pinned to more sessions in {month} than their monthly cap.")
    for fid, mids in by_person.items():
        if any(prep.conflict(a, b) for i, a in enumerate(mids) for b in mids[i + 1 :]):
            raise ValueError(f"{fid} is pinned to two meetings that overlap.")


def can_form_team(
    people: list[Facilitator], required: int, forced=(), *, first_rule=True, peer_rule=True
) -> bool:
    """Whether `required` of `people` (including every id in `forced`) make a valid team."""
    avail, fixed = [0, 0, 0, 0], [0, 0, 0, 0]
    for p in people:
        key = (p.kind != Kind.PEER) + (0 if p.first_time else 2)
        avail[key] += 1
        fixed[key] += p.id in forced
    return _team_possible(
        tuple(avail),
        tuple(fixed),
        required,
        peers_needed(required) if peer_rule else 0,
        1 if first_rule else required,
    )


@functools.lru_cache(maxsize=4096)
def _team_possible(avail: tuple, fixed: tuple, required: int, need_peers: int, max_first: int):
    # counts by (peer?, first-time?): (peer, first), (advisor, first), (peer, not), (advisor, not)
    for a in range(fixed[0], avail[0] + 1):
        for c in range(fixed[1], avail[1] + 1):
            if a + c > max_first:
                break
            for b in range(fixed[2], avail[2] + 1):
                d = required - a - b - c
                if a + b >= need_peers and fixed[3] <= d <= avail[3]:
                    return True
    return False


def precheck(prep: Prepared) -> dict:
    """Meetings that can't be staffed whatever the solver does, with the reason in plain words."""
    reasons = {}
    capped, still_free = _pin_limits(prep)
    # only these can be unable to lead a meeting they are available for: the rest are always free
    limited = {p.id for p in prep.problem.facilitators if p.used or p.monthly_cap < 1}
    limited |= {fid for pinned in prep.pins.values() for fid in pinned}
    for mid, cands in prep.candidates.items():
        m = prep.meetings[mid]
        people = [prep.people[f] for f in cands]
        pinned = prep.pins.get(mid, [])
        why = _composition_reason(people, m.required, pinned)
        if why is None and not limited.isdisjoint(cands):
            free = [p for p in people if p.id in pinned or still_free(p, mid)]
            if not can_form_team(free, m.required, pinned):
                why = "everyone available has reached their monthly cap or is booked at that time"
                if all(
                    capped(p, mid) for p in people if p.id not in pinned and not still_free(p, mid)
                ):
                    why = "everyone available has reached their monthly cap"
        if why:
            reasons[mid] = f"{day_label(m)}: {why}"
    return reasons


def _composition_reason(people: list[Facilitator], required: int, pinned) -> str | None:
    if not people:
        return "no one available"
    if len(people) < required:
        return (
            "only one facilitator available"
            if len(people) == 1
            else f"only {len(people)} facilitators available"
        )
    if can_form_team(people, required, pinned):
        return None
    if all(p.first_time for p in people):
        return "available facilitators are all first-timers"
    if not any(p.kind == Kind.PEER for p in people):
        return "available facilitators are all wellness advisors (two advisors can't lead together)"
    if can_form_team(people, required, pinned, first_rule=False):
        return "too many of the available facilitators are first-timers (two can't lead together)"
    return "not enough peer facilitators available"


def _pin_limits(prep: Prepared):
    """`capped(person, meeting)`: no cap left that month once pins count; `free`: also no pin
    clashes with the meeting."""
    pinned_to, pinned_in_month = defaultdict(list), Counter()
    for mid, ps in prep.pins.items():
        for p in ps:
            pinned_to[p].append(mid)
            pinned_in_month[p, prep.month[mid]] += 1

    def capped(person: Facilitator, mid) -> bool:
        month = prep.month[mid]
        return prep.remaining_cap(person, month) - pinned_in_month[person.id, month] <= 0

    def free(person: Facilitator, mid) -> bool:
        others = pinned_to.get(person.id, ())
        return not capped(person, mid) and not prep.clashes(mid, others)

    return capped, free


def loads(assignments: dict) -> Counter:
    """Sessions per facilitator in an assignment."""
    return Counter(f for team in assignments.values() for f in team)


def breaks(prep: Prepared, assignments: dict) -> int:
    """Meetings that keep no facilitator from their program's previous meeting (see `previous`)."""
    total = 0
    for program, mids in prep.sequences.items():
        prev = prep.problem.previous.get(program, ())
        chain = [set(prev)] if prev else []
        chain += [set(assignments.get(m) or ()) for m in mids]
        total += sum(1 for a, b in zip(chain, chain[1:], strict=False) if not a & b)
    return total


def score(problem: AssignmentProblem, assignments: dict, prep: Prepared | None = None) -> int:
    """The objective both the solver and the greedy baseline minimise (see module docstring)."""
    prep = prep or prepare(problem)
    unstaffed = sum(1 for mid in prep.meetings if not assignments.get(mid))
    load_cost = sum(n * n for n in loads(assignments).values())
    return (
        UNSTAFFED_PENALTY * unstaffed
        + LOAD_WEIGHT * load_cost
        + BREAK_WEIGHT * breaks(prep, assignments)
    )


def violations(problem: AssignmentProblem, assignments: dict) -> list[str]:
    """Every hard rule an assignment breaks, in plain words (empty when it is valid)."""
    prep = prepare(problem)
    found = []
    for mid, team in assignments.items():
        m = prep.meetings.get(mid)
        if m is None or not team:
            continue
        people = [prep.people.get(f) for f in team]
        if len(set(team)) != m.required:
            found.append(f"{mid}: {len(set(team))} facilitators, needs {m.required}")
        if any(p is None or p.id not in prep.candidates[mid] for p in people):
            found.append(f"{mid}: someone is not available or not in the program")
        elif not can_form_team(people, m.required, team):
            found.append(f"{mid}: invalid team (first-timers or advisors)")
        missing = set(prep.pins.get(mid, [])) - set(team)
        if missing:
            found.append(f"{mid}: pinned {sorted(missing, key=str)} missing")
    found += _booking_violations(prep, assignments)
    return found


def _booking_violations(prep: Prepared, assignments: dict) -> list[str]:
    found = []
    per_person = defaultdict(list)
    for mid, team in assignments.items():
        if mid in prep.meetings:
            for f in team or ():
                per_person[f].append(mid)
    for fid, mids in per_person.items():
        person = prep.people.get(fid)
        for i, a in enumerate(mids):
            found += [
                f"{fid}: double-booked {a} and {b}" for b in mids[i + 1 :] if prep.conflict(a, b)
            ]
        months = Counter(prep.month[m] for m in mids)
        if person is not None:
            found += [
                f"{fid}: over cap in {mo}"
                for mo, n in months.items()
                if n > prep.remaining_cap(person, mo)
            ]
    return found
