"""Components of the assignment problem, solved apart, and helper processes for large problems.

Programs only interact through people who may serve several of them (wellness advisors shared in an
institution, trainees in two programs), so each connected component is an independent problem.
The work per component is mostly Python (greedy, local search, building models), which holds the
GIL, so threads don't overlap it: processes do. Helpers are started with `spawn` (safe in a
threaded web server), and only from PARALLEL_FROM meetings: each costs ~0.6 s of CPU to start
(importing OR-Tools). The calling process works meanwhile; helpers take jobs once started. Measured
on bench/solver.py with one helper vs none, 2 cores, idle (load 0.6) / busy with other work (load
~2): 2,705 meetings 1.28 vs 1.19 s / 1.55 vs 1.15 s; 6,364: 2.1 vs 2.7 s / 3.5 vs 3.2 s; 8,703:
2.9 vs 3.7 s / 3.1 vs 4.8 s; 12,564 (busy): 4.3 vs 5.5 s. Job functions are
top-level and take plain data (a sub-problem), so they pickle.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import time
from collections import defaultdict
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from nearpeer.scheduling.bound import forced_cost, lower_bound
from nearpeer.scheduling.flow import flow_bound
from nearpeer.scheduling.greedy import greedy_assignments
from nearpeer.scheduling.improve import improve
from nearpeer.scheduling.model import Solved, solve
from nearpeer.scheduling.rules import Prepared, precheck, prepare, score
from nearpeer.scheduling.types import AssignmentProblem

LP_MIN_S = 0.5  # the LP bound, when solved, is given this long, even past the deadline
LP_ALWAYS_BELOW = 50  # meetings: the LP bound costs a few ms here, so polish always solves it
PARALLEL_FROM = 4000  # meetings; about where one helper starts to pay on 2 cores (module doc)


def components(prep: Prepared) -> list[list]:
    """Groups of meeting ids whose programs share at least one possible facilitator (transitively)."""
    parent = {p: p for p in prep.sequences}

    def root(p):
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    people = defaultdict(set)  # program -> its possible facilitators
    for mid, fids in prep.candidates.items():
        people[prep.meetings[mid].program_id].update(fids)
    first_program = {}
    for program, fids in people.items():
        for fid in fids:
            other = first_program.setdefault(fid, program)
            parent[root(program)] = root(other)
    groups = defaultdict(list)
    for program, mids in prep.sequences.items():
        groups[root(program)].extend(mids)
    return list(groups.values())


def sub_problem(prep: Prepared, mids: list) -> AssignmentProblem:
    """The part of the problem about meetings `mids` (a component): only its people and pins."""
    return sub_problems(prep, [mids])[0]


def sub_problems(prep: Prepared, parts: list[list]) -> list[AssignmentProblem]:
    """`sub_problem` of each of `parts` (disjoint components), in one pass over the people."""
    part_of = {mid: i for i, mids in enumerate(parts) for mid in mids}
    people = [[] for _ in parts]
    for f in prep.problem.facilitators:
        mine = defaultdict(set)
        for mid in f.available:
            if mid in part_of and prep.meetings[mid].program_id in f.program_ids:
                mine[part_of[mid]].add(mid)
        for i, available in mine.items():
            people[i].append(
                dataclasses.replace(f, available=frozenset(available), used=dict(f.used))
            )
    pins, previous = [[] for _ in parts], [{} for _ in parts]
    for pin in prep.problem.pins:
        if pin.meeting_id in part_of:
            pins[part_of[pin.meeting_id]].append(pin)
    for i, mids in enumerate(parts):
        for program in {prep.meetings[m].program_id for m in mids}:
            if program in prep.problem.previous:
                previous[i][program] = prep.problem.previous[program]
    return [
        AssignmentProblem(
            meetings=[prep.meetings[m] for m in mids],
            facilitators=people[i],
            pins=pins[i],
            previous=previous[i],
            travel_buffer_minutes=prep.problem.travel_buffer_minutes,
        )
        for i, mids in enumerate(parts)
    ]


@dataclass
class Polished:
    assignments: dict
    unstaffed: dict  # meeting id -> reason no solver could do better (precheck)
    objective: int
    bound: int
    forced: int  # the part of both no assignment avoids (bound.forced_cost)
    lp: bool = False  # whether `bound` includes the LP bound (else: the flow bound alone)
    searched: bool = True  # local search ended by itself, not stopped by the clock


def polish(problem: AssignmentProblem, until: float, deadline: float) -> Polished:
    """Greedy, local search until `until` (time.time()), then the flow bound (flow.py) and, on a
    small component or where the flow part-staffs a meeting (unless local search was cut short:
    the gap is then the schedule's), the LP bound (until `deadline`, at least LP_MIN_S)."""
    prep = prepare(problem)
    skip = precheck(prep)
    teams = greedy_assignments(prep, skip=skip)
    teams = improve(prep, teams, deadline=_perf(until), skip=skip)
    searched = time.time() < until
    mids = list(prep.meetings)
    objective, forced = score(problem, teams, prep), forced_cost(prep, mids, skip)
    bound, loose = flow_bound(prep, mids, skip)
    lp = len(mids) < LP_ALWAYS_BELOW or (loose and searched)
    if lp:
        bound = max(bound, lower_bound(prep, mids, skip, seconds=_lp_seconds(deadline)))
    return Polished(teams, skip, objective, bound, forced, lp, searched)


def tighten(problem: AssignmentProblem, start: Polished, deadline: float) -> int:
    """The LP bound of a polished component (until `deadline`, at least LP_MIN_S), or its flow
    bound if that is higher."""
    prep = prepare(problem)
    mids = list(prep.meetings)
    lp = lower_bound(prep, mids, start.unstaffed, seconds=_lp_seconds(deadline))
    return max(start.bound, lp)


def _lp_seconds(deadline: float) -> float:
    return max(LP_MIN_S, deadline - time.time())


def refine(
    problem: AssignmentProblem, start: Polished, until: float, workers: int, gap_limit: float
) -> Solved:
    """CP-SAT from the polished assignment, with its LP bound as a floor, until `until`; the
    gap limit applies to the part of the objective an assignment can change."""
    prep = prepare(problem)
    changeable = max(1, start.objective - start.forced)
    return solve(
        prep,
        start.unstaffed,
        start.assignments,
        floor=start.bound,
        until=until,
        workers=workers,
        gap_limit=gap_limit * changeable / max(1, start.objective),
    )


def _perf(until: float) -> float:
    """A time.time() moment on the perf_counter clock of this process."""
    return time.perf_counter() + (until - time.time())


def _ready() -> None:
    """Nothing: submitted first so the workers start (and import OR-Tools) during the set-up."""


class Workers:
    """Runs jobs in this process and, once they have started, in `helpers` spawned processes.

    This process never waits for the helpers to start (~0.6 s of CPU each, mostly importing
    OR-Tools): it takes the next job itself whenever no started helper is free.
    """

    def __init__(self, helpers: int):
        self.pool, self.starting = None, []
        if helpers:
            context = multiprocessing.get_context("spawn")
            self.pool = ProcessPoolExecutor(max_workers=helpers, mp_context=context)
            self.starting = [self.pool.submit(_ready) for _ in range(helpers)]
        self.owned = self.pool

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        if self.owned is not None:
            self.owned.shutdown(wait=True, cancel_futures=True)

    @property
    def slots(self) -> int:
        """Jobs that may run at once: this process and every helper."""
        return 1 + len(self.starting) if self.pool is not None else 1

    def run(self, fn, jobs, args_for, *, stop=lambda: False):
        """Yield (job, fn(*args_for(job))) as each finishes. A job is handed out when a worker is
        free, so `args_for` sees the time left then; none is once `stop()` is true."""
        queue, running = list(jobs), {}
        while (queue and not stop()) or running:
            while queue and not stop() and len(running) < self._room(len(queue)):
                job = queue.pop(0)
                args = args_for(job)
                running[self.pool.submit(fn, *args)] = (job, args)
            done = [f for f in running if f.done()]
            for future in done:
                yield self._collect(fn, future, *running.pop(future))
            if done:
                continue
            if queue and not stop():
                job = queue.pop(0)
                yield job, fn(*args_for(job))
            elif running:
                wait(running, return_when=FIRST_COMPLETED)

    def _room(self, waiting: int) -> int:
        """Jobs the helpers may hold: one each, and one more queued behind it while many are
        waiting, so a helper that finishes doesn't sit idle until this process is done with its
        own job (measured at 10x: the helper was idle ~40 % of the time without)."""
        ready = self._ready()
        return 2 * ready if waiting > 2 * ready + 1 else ready

    def _ready(self) -> int:
        """Helpers started (a helper that failed to start never counts: this process works on)."""
        if self.pool is None:
            return 0
        return sum(1 for f in self.starting if f.done() and f.exception() is None)

    def _collect(self, fn, future, job, args):
        try:
            return job, future.result()
        except BrokenProcessPool:  # a helper died (e.g. out of memory): carry on here
            self.pool = None
            return job, fn(*args)
