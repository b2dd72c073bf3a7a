"""Re-plan after one facilitator drops out: their sessions are re-staffed and every other
assignment stays where it can (rules and objective: rules.py).

Only the programs linked to the dropped person's through people who serve several are solved:
nothing else can be affected. What matters, in this order:
1. every session that was staffed stays staffed;
2. as few other assignments as possible move;
3. the usual objective: fair load, continuity, and staffing sessions that were empty.
First every other assignment is held, so only the dropped person's seats are open: CP-SAT solves
that small model at once, and it usually keeps every session (nothing moved). Only if a session
would be lost, a second solve finds the fewest assignments to let go (1 and 2 only), and a third
fills what is then open as the first did (3). A solve stopped by the clock returns its best so
far, or the valid plan it started from if it found none.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import replace

from ortools.sat.python import cp_model

from nearpeer.scheduling.model import PartModel
from nearpeer.scheduling.rules import (
    BREAK_WEIGHT,
    CAUSE_UNKNOWN,
    LOAD_WEIGHT,
    UNSTAFFED_PENALTY,
    Prepared,
    day_label,
    precheck,
    prepare,
    score,
    violations,
)
from nearpeer.scheduling.types import AssignmentProblem, ReplanResult

MIN_SOLVE_S = 0.05
HOLD_SHARE = 0.5  # of the time limit, at most, for the first solve (everyone else held)
MOVES_SHARE = 0.6  # of the time then left, at most, for finding the fewest moves


def replan(
    problem: AssignmentProblem,
    assignments: dict,
    *,
    dropped,
    time_limit_s: float = 1.0,
    workers: int = 1,
) -> ReplanResult:
    """`assignments` without facilitator `dropped`: their sessions re-staffed, moving as few
    other assignments as possible (module docstring). One CP-SAT worker is the default: the
    models are small, and more only cost start-up time."""
    started = time.perf_counter()
    until = started + time_limit_s
    before = {mid: list(team) for mid, team in assignments.items() if team}
    sub = _region(problem, before, dropped)
    prep = prepare(sub)
    skip = precheck(prep)
    held = {mid: [f for f in before.get(mid, ()) if f != dropped] for mid in prep.meetings}
    staffed = {mid for mid in prep.meetings if mid in before and mid not in skip}
    untouched = {mid: team for mid, team in held.items() if team and team == before[mid]}
    if violations(prep.problem, untouched):
        untouched = {}  # the old plan breaks a rule now (e.g. a cap was lowered): no start
    soon = started + HOLD_SHARE * time_limit_s
    solve = _Solve(prep, skip, staffed, workers)
    teams, status = solve.fill(held, untouched, until=soon)
    if any(mid not in teams for mid in staffed):
        soon = time.perf_counter() + MOVES_SHARE * (until - time.perf_counter())
        held, teams, moves_status = solve.fewest_moves(held, teams, until=soon)
        kept = {mid: team for mid, team in teams.items() if set(team) == set(held[mid])}
        teams, status = solve.fill(held, kept, until=until, start=teams)
        status = status if moves_status == "OPTIMAL" else moves_status
    return _result(prep, skip, before, teams, dropped, status, started)


class _Solve:
    """The CP-SAT solves of one region; `staffed`: its meetings that were staffed and still can
    be."""

    def __init__(self, prep: Prepared, skip: dict, staffed: set, workers: int):
        self.prep, self.skip, self.staffed, self.workers = prep, skip, staffed, workers

    def fill(self, held, fixed, *, until, start=None) -> tuple[dict, str]:
        """The best teams (usual objective, a lost session worse than anything) with the teams in
        `fixed` as they are and every other `held` assignment kept wherever its meeting is
        staffed; the search starts from `start` (default: `fixed`), the answer if none is found.
        Only the other meetings are in the model, so it is small."""
        open_ = [mid for mid in self.prep.meetings if mid not in fixed]
        part = PartModel(self.prep, open_, self.skip, fixed)
        for mid, team in held.items():
            for fid in team:
                if fid in part.x.get(mid, {}):  # if not (e.g. now away), it can't be kept
                    part.model.add_implication(part.staffed[mid], part.x[mid][fid])
        lost = sum(1 - part.staffed[mid] for mid in self.staffed if mid not in fixed)
        part.model.minimize(part.objective + (_most(self.prep) + 1) * lost)
        teams, status = self._run(part, fixed if start is None else start, until)
        return {**teams, **fixed}, status

    def fewest_moves(self, held, start, *, until) -> tuple[dict, dict, str]:
        """(the `held` assignments to keep, teams that keep them, status): as many sessions
        staffed as possible, then as many kept. The usual objective plays no part: quick."""
        part = PartModel(self.prep, list(self.prep.meetings), self.skip)
        kept = [part.x[mid][f] for mid in self.staffed for f in held[mid] if f in part.x[mid]]
        lost = sum(1 - part.staffed[mid] for mid in self.staffed)
        part.model.minimize((len(kept) + 1) * lost - sum(kept))
        teams, status = self._run(part, start, until)
        keep = {mid: [f for f in team if f in teams.get(mid, ())] for mid, team in held.items()}
        return keep, teams, status

    def _run(self, part: PartModel, start: dict, until: float) -> tuple[dict, str]:
        part.add_hint(start)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = max(MIN_SOLVE_S, until - time.perf_counter())
        solver.parameters.num_workers = self.workers
        status = solver.solve(part.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return start, "UNKNOWN"
        teams = {}
        for mid, team in part.x.items():
            chosen = [fid for fid, var in team.items() if solver.boolean_value(var)]
            if chosen:
                teams[mid] = chosen
        return teams, solver.status_name(status)


def _most(prep: Prepared) -> int:
    """More than the usual objective of any assignment of these meetings."""
    meetings = len(prep.meetings)
    seats = defaultdict(int)
    for fids in prep.candidates.values():
        for fid in fids:
            seats[fid] += 1
    return (
        UNSTAFFED_PENALTY * meetings
        + BREAK_WEIGHT * (meetings + len(prep.sequences))
        + LOAD_WEIGHT * sum(n * n for n in seats.values())
    )


def _region(problem: AssignmentProblem, before: dict, dropped) -> AssignmentProblem:
    """The programs the dropped person's sessions are in, and every program linked to them by
    someone else who serves both (transitively): their meetings, people (not `dropped`), pins."""
    serving = defaultdict(list)
    for f in problem.facilitators:
        if f.id != dropped:
            for program in f.program_ids:
                serving[program].append(f)
    theirs = {mid for mid, team in before.items() if dropped in team}
    region = {m.program_id for m in problem.meetings if m.id in theirs}
    queue = list(region)
    while queue:
        for f in serving[queue.pop()]:
            new = f.program_ids - region
            region |= new
            queue += new
    meetings = [m for m in problem.meetings if m.program_id in region]
    ids = {m.id for m in meetings}
    people = {f.id: f for program in region for f in serving[program]}.values()
    return AssignmentProblem(
        meetings=meetings,
        facilitators=[replace(f, available=f.available & ids) for f in people],
        pins=[p for p in problem.pins if p.meeting_id in ids and p.facilitator_id != dropped],
        previous={k: v for k, v in problem.previous.items() if k in region},
        travel_buffer_minutes=problem.travel_buffer_minutes,
    )


def _result(prep: Prepared, skip, before, teams, dropped, status, started) -> ReplanResult:
    assignments = dict(before)  # outside the region nothing changes
    for mid in prep.meetings:
        team = teams.get(mid)
        if not team:
            assignments.pop(mid, None)
        elif set(team) != set(before.get(mid, ())):
            assignments[mid] = team  # else the team and its order stay as they were
    moved = [
        (mid, fid)
        for mid in prep.meetings
        if assignments.get(mid)
        for fid in before.get(mid, ())
        if fid != dropped and fid not in assignments[mid]
    ]
    added = [
        (mid, fid) for mid, team in teams.items() for fid in team if fid not in before.get(mid, ())
    ]
    unstaffed = {
        mid: skip.get(mid, f"{day_label(m)}: {CAUSE_UNKNOWN}")
        for mid, m in prep.meetings.items()
        if mid not in teams
    }
    return ReplanResult(
        assignments=assignments,
        moved=moved,
        added=added,
        emptied=[mid for mid in prep.meetings if mid in before and mid not in assignments],
        unstaffed=unstaffed,
        objective=score(prep.problem, teams, prep),
        meetings=len(prep.meetings),
        status=status,
        wall_time_s=time.perf_counter() - started,
    )
