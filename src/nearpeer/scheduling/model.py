"""The CP-SAT model of one component (rules and objective: see rules.py), and its solve.

Variables exist only for eligible and available (meeting, facilitator) pairs. No pair variables are
needed: "at most one first-timer" and "enough peers" are sums over the meeting's variables. The
polished greedy assignment is the hint, and the LP bound (bound.py) is given as a floor on the
objective, so the relative gap limit is measured against it rather than CP-SAT's weaker bound.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from ortools.sat.python import cp_model

from nearpeer.scheduling.bound import clash_cliques
from nearpeer.scheduling.rules import (
    BREAK_WEIGHT,
    LOAD_WEIGHT,
    UNSTAFFED_PENALTY,
    Prepared,
    peers_needed,
    score,
)
from nearpeer.scheduling.types import Kind

MIN_SOLVE_S = 0.1  # CP-SAT isn't started with less time than this


@dataclass
class Solved:
    assignments: dict
    objective: int
    bound: int
    status: str


def solve(
    prep: Prepared,
    skip: dict,
    hint: dict,
    *,
    floor: int,
    until: float,
    workers: int,
    gap_limit: float,
) -> Solved:
    """CP-SAT from `hint` until `until` (time.time()); never returns worse than the hint."""
    hinted = score(prep.problem, hint, prep)
    part = PartModel(prep, list(prep.meetings), skip)
    part.add_hint(hint)
    part.model.add(part.objective >= floor)
    seconds = until - time.time()  # after building the model, which takes a while
    if seconds < MIN_SOLVE_S:
        return Solved(hint, hinted, floor, "UNKNOWN")
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = workers
    solver.parameters.max_time_in_seconds = seconds
    solver.parameters.relative_gap_limit = gap_limit
    # Measured on the benchmark: these presolve steps cost more than they save on these models.
    solver.parameters.symmetry_level = 0
    solver.parameters.cp_model_probing_level = 0
    status = solver.solve(part.model)
    bound = solver.best_objective_bound
    bound = max(floor, math.ceil(bound - 1e-6)) if math.isfinite(bound) else floor
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solved(hint, hinted, bound, "UNKNOWN")
    chosen = {}
    for mid, team in part.x.items():
        picked = [fid for fid, var in team.items() if solver.boolean_value(var)]
        if picked:
            chosen[mid] = picked
    value = score(prep.problem, chosen, prep)
    if value > hinted:
        return Solved(hint, hinted, bound, "FEASIBLE")
    return Solved(chosen, value, bound, "OPTIMAL" if bound >= value else "FEASIBLE")


class PartModel:
    """CP-SAT model for one component: x[meeting][facilitator], staffed[meeting], costs.

    `fixed` (meeting id -> team) are meetings outside `mids` staffed as they are: their people's
    caps, clashes and load count, and so does continuity with them (replan holds most of a
    schedule this way, so the model has only the open meetings)."""

    def __init__(self, prep: Prepared, mids: list, unstaffed: dict, fixed: dict | None = None):
        self.prep, self.model = prep, cp_model.CpModel()
        self.fixed = fixed or {}
        self.booked = defaultdict(list)  # facilitator id -> their meetings in `fixed`
        for mid, team in self.fixed.items():
            for fid in team:
                self.booked[fid].append(mid)
        self.x: dict = {}
        self.staffed: dict = {}
        self.shared: list = []  # (var, meeting a, meeting b, facilitator): both led by one person
        self.load_cost: dict = {}
        self.kept: list = []  # (carry-over indicator, its shared indicators)
        objective = [UNSTAFFED_PENALTY * sum(1 for m in mids if m in unstaffed)]
        for mid in mids:
            if mid not in unstaffed:
                objective.append(UNSTAFFED_PENALTY * (1 - self._meeting(mid)))
        objective += self._people(mids)
        objective += self._continuity(mids)
        self.objective = sum(objective)
        self.model.minimize(self.objective)

    def _meeting(self, mid):
        m, model = self.prep.meetings[mid], self.model
        staffed = model.new_bool_var(f"staffed_{mid}")
        free = self.prep.candidates[mid]
        if self.booked:
            free = [f for f in free if not self.prep.clashes(mid, self.booked.get(f, ()))]
        team = {fid: model.new_bool_var(f"x_{mid}_{fid}") for fid in free}
        people = self.prep.people
        model.add(sum(team.values()) == m.required * staffed)
        peers = [v for fid, v in team.items() if people[fid].kind == Kind.PEER]
        model.add(sum(peers) >= peers_needed(m.required) * staffed)
        first_timers = [v for fid, v in team.items() if people[fid].first_time]
        if len(first_timers) > 1:
            model.add_at_most_one(first_timers)
        for fid in self.prep.pins.get(mid, []):
            if fid in team:
                model.add(team[fid] == staffed)
            else:  # booked in a fixed meeting at that time
                model.add(staffed == 0)
        self.x[mid], self.staffed[mid] = team, staffed
        return staffed

    def _people(self, mids) -> list:
        by_person = defaultdict(list)
        for mid in mids:
            for fid, var in self.x.get(mid, {}).items():
                by_person[fid].append((mid, var))
        return [self._person(fid, items) for fid, items in by_person.items()]

    def _person(self, fid, items):
        prep, model = self.prep, self.model
        person = prep.people[fid]
        for clique in clash_cliques(prep, items):
            model.add_at_most_one([v for _, v in clique])
        per_month = defaultdict(list)
        for mid, var in items:
            per_month[prep.month[mid]].append(var)
        held = Counter(prep.month[mid] for mid in self.booked[fid])
        most, base = 0, len(self.booked[fid])
        for month, vars_ in per_month.items():
            cap = max(0, prep.remaining_cap(person, month) - held[month])
            if len(vars_) > cap:
                model.add(sum(vars_) <= cap)
            most += min(cap, len(vars_))
        load = sum(var for _, var in items)
        if most <= 1:  # (base + load)^2 less the constant base^2, for load 0 or 1
            return LOAD_WEIGHT * (2 * base + 1) * load
        top = base + most
        cost = model.new_int_var(0, top * top, f"load2_{fid}")
        for k in range(base, top):  # secants of k^2: exact at every integer load
            model.add(cost >= (2 * k + 1) * (base + load) - k * (k + 1))
        self.load_cost[fid] = cost
        return LOAD_WEIGHT * cost

    def _continuity(self, mids) -> list:
        if self.fixed:  # in time order, as `mids` is
            wanted = {*mids, *self.fixed}
            mids = [mid for mid in self.prep.meetings if mid in wanted]
        by_program = defaultdict(list)
        for mid in mids:
            by_program[self.prep.meetings[mid].program_id].append(mid)
        kept, fixed = [], self.fixed
        for program, chain in by_program.items():
            previous = self.prep.problem.previous.get(program, ())
            if previous and chain[0] not in fixed:
                kept.append(self._carried(self._joined(chain[0], previous, None, chain[0])))
            for a, b in zip(chain, chain[1:], strict=False):
                if a in fixed and b in fixed:
                    continue  # a constant
                if a in fixed or b in fixed:
                    open_, team = (b, fixed[a]) if a in fixed else (a, fixed[b])
                    kept.append(self._carried(self._joined(open_, team, a, b)))
                else:
                    kept.append(self._carried(self._shared(a, b)))
        return [BREAK_WEIGHT * (1 - k) for k in kept]

    def _joined(self, open_, team, a, b) -> list:
        """Ways for open meeting `open_` to keep someone of `team` (a fixed team, or `previous`),
        each naming the pair (a, b) it joins (a is None for the previous term)."""
        x = self.x.get(open_, {})
        return [(x[f], a, b, f) for f in team if f in x]

    def _shared(self, a, b) -> list:
        xa, xb = self.x.get(a, {}), self.x.get(b, {})
        indicators = []
        for fid in sorted(xa.keys() & xb.keys(), key=str):
            both = self.model.new_bool_var(f"same_{a}_{b}_{fid}")
            self.model.add(both <= xa[fid])
            self.model.add(both <= xb[fid])
            indicators.append((both, a, b, fid))
        self.shared += indicators
        return indicators

    def _carried(self, ways: list):
        """1 only if someone carries over: at most the sum of the shared-facilitator indicators."""
        if not ways:
            return 0
        kept = self.model.new_bool_var("")
        self.model.add(kept <= sum(var for var, *_ in ways))
        self.kept.append((kept, ways))
        return kept

    def add_hint(self, teams: dict) -> None:
        """Start the search from a known valid assignment (the greedy one)."""
        for mid, team in self.x.items():
            chosen = set(teams.get(mid, ()))
            self.model.add_hint(self.staffed[mid], bool(chosen))
            for fid, var in team.items():
                self.model.add_hint(var, fid in chosen)

        def both(a, b, fid) -> bool:
            return fid in teams.get(b, ()) and (a is None or fid in teams.get(a, ()))

        for var, a, b, fid in self.shared:
            self.model.add_hint(var, both(a, b, fid))
        for var, ways in self.kept:
            self.model.add_hint(var, any(both(a, b, fid) for _, a, b, fid in ways))
        load = Counter(f for team in teams.values() for f in team)
        for fid, var in self.load_cost.items():
            self.model.add_hint(var, load[fid] ** 2)
