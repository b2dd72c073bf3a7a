"""Local search that polishes a valid assignment before CP-SAT sees it (a better hint, found fast).

First it tries to staff the meetings the greedy pass left empty, freeing a blocked person from one
other meeting if that is what it takes. Then one move: in a staffed meeting, replace one facilitator
by another candidate. A move is taken when it keeps every hard rule and lowers the objective of
rules.py (a few passes also take moves that cost nothing, to walk off plateaus); passes repeat until
none helps or the time is up. The result is always valid, so it doubles as the fallback when the solver finds nothing.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from itertools import combinations

from nearpeer.scheduling.rules import (
    BREAK_WEIGHT,
    LOAD_WEIGHT,
    Prepared,
    can_form_team,
    peers_needed,
)
from nearpeer.scheduling.types import Kind

SIDEWAYS_ROUNDS = 3  # passes that also take moves of equal cost, to walk off plateaus


def improve(
    prep: Prepared, assignments: dict, *, deadline: float, skip=(), meeting_ids=None, seed=0
) -> dict:
    """A copy of `assignments` improved by single replacements until no move helps or `deadline`."""
    state = _State(prep, assignments)
    order = [m for m in prep.meetings if meeting_ids is None or m in meeting_ids]
    rng = random.Random(seed)  # noqa: S311 - move order, not secrets
    for mid in order:
        if mid not in state.team and mid not in skip:
            state.try_staff(mid)
    for sideways in (False, *[True] * SIDEWAYS_ROUNDS, False):
        improved = True
        while improved and time.perf_counter() < deadline:
            improved = False
            for mid in order:
                if mid in state.team and state.best_move(mid, sideways and rng.random() < 0.5):
                    improved = not sideways
    return {mid: list(team) for mid, team in state.team.items()}


class _State:
    def __init__(self, prep: Prepared, assignments: dict):
        self.prep = prep
        self.team = {m: list(t) for m, t in assignments.items() if t}
        self.load: Counter = Counter()
        self.per_month: Counter = Counter()
        self.booked = defaultdict(set)
        self.before, self.after = {}, {}
        for chain in prep.sequences.values():
            for a, b in zip(chain, chain[1:], strict=False):
                self.after[a], self.before[b] = b, a
        for mid, team in self.team.items():
            for fid in team:
                self._book(fid, mid, +1)

    def _book(self, fid, mid, sign: int) -> None:
        self.load[fid] += sign
        self.per_month[fid, self.prep.month[mid]] += sign
        (self.booked[fid].add if sign > 0 else self.booked[fid].discard)(mid)

    def _neighbour_teams(self, mid) -> list[set]:
        prep, teams = self.prep, []
        before = self.before.get(mid)
        if before is not None:
            teams.append(set(self.team.get(before, ())))
        else:
            previous = prep.problem.previous.get(prep.meetings[mid].program_id, ())
            if previous:
                teams.append(set(previous))
        after = self.after.get(mid)
        if after is not None:
            teams.append(set(self.team.get(after, ())))
        return teams

    def best_move(self, mid, sideways: bool = False) -> bool:
        """Apply the best improving (or, if `sideways`, non-worsening) replacement; True if applied."""
        prep, team = self.prep, self.team[mid]
        pinned = set(prep.pins.get(mid, ()))
        neighbours = self._neighbour_teams(mid)
        current = _breaks(set(team), neighbours)
        best, best_delta = None, 1 if sideways else 0
        load = self.load
        for out in team:
            if out in pinned:
                continue
            rest = [f for f in team if f != out]
            # neighbours that only `into` could still connect to (the rest shares no one with them)
            open_ = [other for other in neighbours if other.isdisjoint(rest)]
            floor = LOAD_WEIGHT * (2 - 2 * load[out]) - BREAK_WEIGHT * current
            for into in prep.candidates[mid]:
                if floor + LOAD_WEIGHT * 2 * load[into] >= best_delta or into in team:
                    continue  # can't beat the best move even if it mends every break
                delta = LOAD_WEIGHT * (2 * (load[into] - load[out]) + 2)
                delta += BREAK_WEIGHT * (sum(1 for o in open_ if into not in o) - current)
                if delta < best_delta and self._valid(mid, rest, into):
                    best, best_delta = (out, into), delta
        if best is None:
            return False
        out, into = best
        self._book(out, mid, -1)
        self._book(into, mid, +1)
        team[team.index(out)] = into
        return True

    def try_staff(self, mid) -> bool:
        """Staff an empty meeting, moving one blocked person out of another meeting if needed."""
        if self._fill(mid):
            return True
        for blocked in self.prep.candidates[mid]:
            if self._free(blocked, mid) or blocked in self.prep.pins.get(mid, ()):
                continue
            for other in sorted(self._blockers(blocked, mid), key=str):
                if self._swap_out(other, blocked) and self._fill(mid):
                    return True
        return False

    def _blockers(self, fid, mid) -> set:
        prep, month = self.prep, self.prep.month[mid]
        clashing = {o for o in self.booked[fid] if prep.conflict(mid, o)}
        if len(clashing) > 1:
            return set()
        capped = self.per_month[fid, month] >= prep.remaining_cap(prep.people[fid], month)
        same_month = {o for o in self.booked[fid] if prep.month[o] == month}
        return (
            clashing & same_month
            if capped and clashing
            else clashing or (same_month if capped else set())
        )

    def _swap_out(self, other, fid) -> bool:
        """Replace `fid` in meeting `other` by any valid candidate; True if done."""
        team = self.team[other]
        if fid in self.prep.pins.get(other, ()):
            return False
        rest = [f for f in team if f != fid]
        for into in sorted(self.prep.candidates[other], key=lambda f: self.load[f]):
            if into not in team and self._valid(other, rest, into):
                self._book(fid, other, -1)
                self._book(into, other, +1)
                team[team.index(fid)] = into
                return True
        return False

    def _fill(self, mid) -> bool:
        prep, m = self.prep, self.prep.meetings[mid]
        pinned = list(prep.pins.get(mid, ()))
        if not all(self._free(f, mid) for f in pinned):
            return False
        pool = [f for f in prep.candidates[mid] if f not in pinned and self._free(f, mid)]
        pool.sort(key=lambda f: (self.load[f], str(f)))
        for extra in combinations(pool, m.required - len(pinned)):
            team = [*pinned, *extra]
            if can_form_team([prep.people[f] for f in team], m.required, team):
                self.team[mid] = team
                for fid in team:
                    self._book(fid, mid, +1)
                return True
        return False

    def _free(self, fid, mid) -> bool:
        prep = self.prep
        person, month = prep.people[fid], prep.month[mid]
        if self.per_month[fid, month] >= prep.remaining_cap(person, month):
            return False
        return not prep.clashes(mid, self.booked[fid])

    def _valid(self, mid, rest: list, into) -> bool:
        prep = self.prep
        if not self._free(into, mid):
            return False
        people = [prep.people[f] for f in rest] + [prep.people[into]]
        if sum(p.first_time for p in people) > 1:
            return False
        return sum(p.kind == Kind.PEER for p in people) >= peers_needed(len(people))


def _breaks(team: set, neighbours: list[set]) -> int:
    return sum(1 for other in neighbours if not team & other)
