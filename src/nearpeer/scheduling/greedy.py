"""A simple baseline: meetings in time order, each given the least-loaded valid available people."""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict

from nearpeer.scheduling.rules import (
    CAUSE_UNKNOWN,
    Prepared,
    peers_needed,
    precheck,
    prepare,
    score,
)
from nearpeer.scheduling.types import AssignmentProblem, AssignmentResult, Kind


def assign_greedy(problem: AssignmentProblem) -> AssignmentResult:
    """Staff meetings one by one in time order, least-loaded first; same hard rules and score as assign."""
    started = time.perf_counter()
    prep = prepare(problem)
    unstaffed = precheck(prep)
    assignments = greedy_assignments(prep, skip=unstaffed)
    for mid in prep.meetings:
        if mid not in assignments and mid not in unstaffed:
            m = prep.meetings[mid]
            unstaffed[mid] = f"{m.starts_at.day} {m.starts_at:%b}: {CAUSE_UNKNOWN}"
    value = score(problem, assignments, prep)
    return AssignmentResult(
        assignments=assignments,
        unstaffed=unstaffed,
        objective=value,
        best_bound=math.nan,
        gap=math.nan,
        status="GREEDY",
        wall_time_s=time.perf_counter() - started,
        load=dict(Counter(f for team in assignments.values() for f in team)),
    )


def greedy_assignments(prep: Prepared, skip=(), meeting_ids=None) -> dict:
    """Teams for the meetings (all, or `meeting_ids`) in time order; pins are reserved first."""
    order = [m for m in prep.meetings if meeting_ids is None or m in meeting_ids]
    book = _Bookings(prep)
    for mid in order:
        for fid in prep.pins.get(mid, []) if mid not in skip else ():
            book.add(fid, mid)
    assignments, last_team = {}, {}
    for mid in order:
        if mid in skip:
            continue
        program = prep.meetings[mid].program_id
        previous = last_team.get(program, set(prep.problem.previous.get(program, ())))
        team = _pick(prep, mid, book, previous)
        pinned = prep.pins.get(mid, [])
        if team is None:
            for fid in pinned:
                book.remove(fid, mid)
            continue
        for fid in team:
            if fid not in pinned:
                book.add(fid, mid)
        assignments[mid] = team
        last_team[program] = set(team)
    return assignments


class _Bookings:
    def __init__(self, prep: Prepared):
        self.prep = prep
        self.load: Counter = Counter()
        self.per_month: Counter = Counter()
        self.meetings = defaultdict(list)

    def add(self, fid, mid):
        self.load[fid] += 1
        self.per_month[fid, self.prep.month[mid]] += 1
        self.meetings[fid].append(mid)

    def remove(self, fid, mid):
        self.load[fid] -= 1
        self.per_month[fid, self.prep.month[mid]] -= 1
        self.meetings[fid].remove(mid)

    def can_take(self, fid, mid) -> bool:
        prep = self.prep
        person, month = prep.people[fid], prep.month[mid]
        if self.per_month[fid, month] >= prep.remaining_cap(person, month):
            return False
        return not prep.clashes(mid, self.meetings[fid])


def _pick(prep: Prepared, mid, book: _Bookings, previous: set) -> list | None:
    m = prep.meetings[mid]
    team = list(prep.pins.get(mid, []))
    pool = [f for f in prep.candidates[mid] if f not in team and book.can_take(f, mid)]
    pool.sort(key=lambda f: (book.load[f], f not in previous, str(f)))
    max_advisors = m.required - peers_needed(m.required)
    for fid in pool:
        if len(team) == m.required:
            break
        people = [prep.people[f] for f in [*team, fid]]
        if sum(p.first_time for p in people) > 1:
            continue
        if sum(p.kind == Kind.ADVISOR for p in people) > max_advisors:
            continue
        team.append(fid)
    return team if len(team) == m.required else None
