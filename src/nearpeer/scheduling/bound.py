"""A proven lower bound on the objective of rules.py for one component, from a linear program.

The LP relaxes every seat to a fraction and keeps the hard rules that are linear: team size, enough
peers, at most one first-timer, pins, no overlaps (one row per clique of clashing meetings), monthly
caps. Load squared is the convex piecewise-linear cost through (k, k^2), so it is exact at integer
loads. Continuity only counts the breaks no schedule can avoid (consecutive meetings with no
possible facilitator in common, or one of them impossible to staff); its LP relaxation is ~0.

Why not CP-SAT's own bound: its presolve turns the overlap rows into clauses, so its linear
relaxation loses them and its bound crawls (measured on bench/solver.py: 1,530 after 60 s on a
component whose optimum, 1,634, this LP proves in 0.1 s). The bound is the LP value rounded up
(the objective is an integer), less a tolerance for the LP solver's own.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ortools.linear_solver import linear_solver_pb2, pywraplp

from nearpeer.scheduling.rules import (
    BREAK_WEIGHT,
    LOAD_WEIGHT,
    UNSTAFFED_PENALTY,
    Prepared,
    peers_needed,
)
from nearpeer.scheduling.types import Kind

TOLERANCE = 1e-5  # relative; GLOP's optimum is exact to ~1e-7
INF = math.inf


def lower_bound(prep: Prepared, mids: list, skip=(), *, seconds: float = 60) -> int:
    """A value no assignment of the meetings `mids` can beat; only the forced part if the LP
    isn't solved within `seconds`."""
    forced = forced_cost(prep, mids, skip)
    ordered = sorted((m for m in mids if m not in skip), key=lambda m: prep.span[m])
    lp = _Relaxation(prep, ordered)
    value = lp.solve(seconds)
    if value is None:
        return forced
    return forced + max(0, math.ceil(value - TOLERANCE * max(1.0, abs(value))))


def forced_cost(prep: Prepared, mids: list, skip=()) -> int:
    """The part of the objective no assignment avoids: meetings that can't be staffed (`skip`)
    and the continuity breaks they and disjoint candidate lists force."""
    unstaffed = sum(1 for m in mids if m in skip)
    return UNSTAFFED_PENALTY * unstaffed + BREAK_WEIGHT * forced_breaks(prep, mids, skip)


def forced_breaks(prep: Prepared, mids: list, skip=()) -> int:
    """Consecutive meetings of a program that can't share anyone (or that can't be staffed)."""
    wanted, count = set(mids), 0
    for program, chain in prep.sequences.items():
        chain = [m for m in chain if m in wanted]
        if not chain:
            continue
        teams = [set() if m in skip else set(prep.candidates[m]) for m in chain]
        previous = set(prep.problem.previous.get(program, ()))
        if previous:
            teams.insert(0, previous)
        count += sum(1 for a, b in zip(teams, teams[1:], strict=False) if not a & b)
    return count


class _Relaxation:
    """GLOP model: x[meeting, person] and staffed[meeting] in [0, 1], and per person unit steps of
    load priced 1, 3, 5, ... (k^2 as a sum). Written as a model proto: one call per row instead of
    one per coefficient builds it ~2x faster, and building was most of the time."""

    def __init__(self, prep: Prepared, mids: list):
        self.prep = prep
        self.proto = linear_solver_pb2.MPModelProto()
        self.constant = 0.0
        by_person = defaultdict(list)
        for mid in mids:
            for fid, var in self._meeting(mid).items():
                by_person[fid].append((mid, var))
        for fid, items in by_person.items():
            self._person(fid, items)

    def solve(self, seconds: float) -> float | None:
        lp = pywraplp.Solver.CreateSolver("GLOP")
        if lp.LoadModelFromProto(self.proto):
            return None
        lp.SetTimeLimit(max(1, int(seconds * 1000)))
        if lp.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        return lp.Objective().Value() + self.constant

    def _vars(self, count: int, cost: float = 0) -> list[int]:
        first = len(self.proto.variable)
        for _ in range(count):
            var = self.proto.variable.add()
            var.lower_bound, var.upper_bound, var.objective_coefficient = 0, 1, cost
        return list(range(first, first + count))

    def _row(self, lb: float, ub: float, variables: list[int], coefficients: list[float]) -> None:
        row = self.proto.constraint.add()
        row.lower_bound, row.upper_bound = lb, ub
        row.var_index.extend(variables)
        row.coefficient.extend(coefficients)

    def _meeting(self, mid) -> dict:
        prep = self.prep
        required = prep.meetings[mid].required
        (staffed,) = self._vars(1, -UNSTAFFED_PENALTY)
        self.constant += UNSTAFFED_PENALTY
        team = dict(zip(prep.candidates[mid], self._vars(len(prep.candidates[mid])), strict=True))
        self._row(0, 0, [staffed, *team.values()], [-required] + [1] * len(team))
        # enough peers, written as "not too many advisors" (they are the fewer)
        advisors = [v for f, v in team.items() if prep.people[f].kind != Kind.PEER]
        most = required - peers_needed(required)
        self._row(-INF, 0, [staffed, *advisors], [-most] + [1] * len(advisors))
        first = [v for f, v in team.items() if prep.people[f].first_time]
        if len(first) > 1:
            self._row(-INF, 0, [staffed, *first], [-1] + [1] * len(first))
        for fid in prep.pins.get(mid, []):
            self._row(0, 0, [team[fid], staffed], [1, -1])
        return team

    def _person(self, fid, items: list) -> None:
        prep = self.prep
        for clique in clash_cliques(prep, items):
            self._row(-INF, 1, [v for _, v in clique], [1] * len(clique))
        per_month = defaultdict(list)
        for mid, var in items:
            per_month[prep.month[mid]].append(var)
        most = 0
        for month, vars_ in per_month.items():
            cap = max(0, prep.remaining_cap(prep.people[fid], month))
            if len(vars_) > cap:
                self._row(-INF, cap, vars_, [1] * len(vars_))
            most += min(cap, len(vars_))
        # load squared as unit steps: the k-th session costs 2k + 1, and the LP fills them in order
        steps = [self._vars(1, LOAD_WEIGHT * (2 * k + 1))[0] for k in range(most)]
        self._row(0, 0, [*steps, *(v for _, v in items)], [-1] * most + [1] * len(items))


def clash_cliques(prep: Prepared, items: list) -> list[list]:
    """Maximal groups (2 or more) of one person's meetings that pairwise clash; `items` are
    (meeting id, anything) in order of start. Intervals, so a sweep finds them all: the meetings
    still open when one starts clash with it, and they were a maximal group if one closes."""
    buffer, span = prep.problem.travel_buffer_minutes, prep.span
    spans = [span[mid] for mid, _ in items]
    if all(b[0] >= a[1] + buffer for a, b in zip(spans, spans[1:], strict=False)):
        return []  # nobody clashes with the next one, so nobody clashes at all
    cliques, active = [], []
    for (mid, var), (start, _) in zip(items, spans, strict=True):
        still = [(m, v) for m, v in active if start < span[m][1] + buffer]
        if len(still) < len(active) and len(active) > 1:
            cliques.append(active)
        active = [*still, (mid, var)]
    if len(active) > 1:
        cliques.append(active)
    return cliques
