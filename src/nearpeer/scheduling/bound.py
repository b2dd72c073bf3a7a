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

from ortools.linear_solver import pywraplp

from nearpeer.scheduling.rules import (
    BREAK_WEIGHT,
    LOAD_WEIGHT,
    UNSTAFFED_PENALTY,
    Prepared,
    peers_needed,
)
from nearpeer.scheduling.types import Kind

TOLERANCE = 1e-5  # relative; GLOP's optimum is exact to ~1e-7


def lower_bound(prep: Prepared, mids: list, skip=()) -> int:
    """A value no assignment of the meetings `mids` can beat (only the forced part if the LP fails)."""
    forced = UNSTAFFED_PENALTY * sum(1 for m in mids if m in skip)
    forced += BREAK_WEIGHT * forced_breaks(prep, mids, skip)
    ordered = sorted((m for m in mids if m not in skip), key=lambda m: prep.span[m])
    lp = _Relaxation(prep, ordered)
    value = lp.solve()
    if value is None:
        return forced
    return forced + max(0, math.ceil(value - TOLERANCE * max(1.0, abs(value))))


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
    """GLOP model: x[meeting, person] and staffed[meeting] in [0, 1], cost[person] >= secants."""

    def __init__(self, prep: Prepared, mids: list):
        self.prep = prep
        self.lp = pywraplp.Solver.CreateSolver("GLOP")
        self.objective = self.lp.Objective()
        self.constant = 0.0
        by_person = defaultdict(list)
        for mid in mids:
            for fid, var in self._meeting(mid).items():
                by_person[fid].append((mid, var))
        for fid, items in by_person.items():
            self._person(fid, items)

    def solve(self) -> float | None:
        self.objective.SetMinimization()
        if self.lp.Solve() != pywraplp.Solver.OPTIMAL:
            return None
        return self.objective.Value() + self.constant

    def _row(self, lb: float, ub: float, terms) -> None:
        row = self.lp.Constraint(lb, ub)
        for var, coef in terms:
            row.SetCoefficient(var, coef)

    def _meeting(self, mid) -> dict:
        prep, lp = self.prep, self.lp
        required = prep.meetings[mid].required
        staffed = lp.NumVar(0, 1, "")
        self.constant += UNSTAFFED_PENALTY
        self.objective.SetCoefficient(staffed, -UNSTAFFED_PENALTY)
        team = {fid: lp.NumVar(0, 1, "") for fid in prep.candidates[mid]}
        self._row(0, 0, [(staffed, -required), *((v, 1) for v in team.values())])
        # enough peers, written as "not too many advisors" (they are the fewer)
        advisors = [v for f, v in team.items() if prep.people[f].kind != Kind.PEER]
        most = required - peers_needed(required)
        self._row(-lp.infinity(), 0, [(staffed, -most), *((v, 1) for v in advisors)])
        first = [v for f, v in team.items() if prep.people[f].first_time]
        if len(first) > 1:
            self._row(-lp.infinity(), 0, [(staffed, -1), *((v, 1) for v in first)])
        for fid in prep.pins.get(mid, []):
            self._row(0, 0, [(team[fid], 1), (staffed, -1)])
        return team

    def _person(self, fid, items: list) -> None:
        prep, lp = self.prep, self.lp
        for clique in clash_cliques(prep, items):
            self._row(-lp.infinity(), 1, [(v, 1) for _, v in clique])
        per_month = defaultdict(list)
        for mid, var in items:
            per_month[prep.month[mid]].append(var)
        most = 0
        for month, vars_ in per_month.items():
            cap = max(0, prep.remaining_cap(prep.people[fid], month))
            if len(vars_) > cap:
                self._row(-lp.infinity(), cap, [(v, 1) for v in vars_])
            most += min(cap, len(vars_))
        # load squared as unit steps: the k-th session costs 2k + 1, and the LP fills them in order
        steps = [lp.NumVar(0, 1, "") for _ in range(most)]
        for k, step in enumerate(steps):
            self.objective.SetCoefficient(step, LOAD_WEIGHT * (2 * k + 1))
        self._row(0, 0, [*((s, -1) for s in steps), *((v, 1) for _, v in items)])


def clash_cliques(prep: Prepared, items: list) -> list[list]:
    """Maximal groups (2 or more) of one person's meetings that pairwise clash; `items` are
    (meeting id, anything) in time order. Intervals, so a sweep finds them all."""
    cliques, active, last = [], [], None
    for mid, var in items:
        active = [(m, v) for m, v in active if prep.conflict(m, mid)] + [(mid, var)]
        if last is not None and not {m for m, _ in last} <= {m for m, _ in active}:
            cliques.append(last)
        last = list(active)
    if last is not None:
        cliques.append(last)
    return [c for c in cliques if len(c) > 1]
