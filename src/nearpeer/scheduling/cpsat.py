"""Assign facilitators to meetings (rules and objective: see rules.py).

Each connected component of programs (split.py) is solved on its own, in this process and, for
large problems, also in `workers - 1` helper processes:
1. the greedy assignment (greedy.py), polished by local search (improve.py): always valid;
2. a proven lower bound: a min-cost flow (flow.py) on every component, and the LP relaxation
   (bound.py) on small ones and, largest gap first, on others while the overall gap is above
   `gap_limit` (the flow bound is as tight on most components and cheaper);
3. only while the overall gap is above `gap_limit`: CP-SAT (model.py) from that assignment, on the
   components furthest from their bound, sharing the time left; never worse than step 1.
The result's objective is the sum of the components' objectives, its bound the sum of their bounds.

Measured on bench/solver.py (2 cores shared with other work): 2,705 meetings in 20 components take
~0.45 s and end 0.23 % above the bound; 25,180 meetings in 200 components (--scale 10) 5-6 s, 0.41 %
(docs/performance.md). Step 3 isn't needed there. CP-SAT alone needed 30 s for a 1.4 % gap at the
smaller size: its bound was the weak part (presolve drops the overlap rows from its relaxation).
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter

from nearpeer.scheduling.model import Solved
from nearpeer.scheduling.rules import CAUSE_UNKNOWN, Prepared, day_label, prepare, score
from nearpeer.scheduling.split import (
    PARALLEL_FROM,
    Workers,
    components,
    polish,
    refine,
    sub_problems,
    tighten,
)
from nearpeer.scheduling.types import AssignmentProblem, AssignmentResult

POLISH_SHARE = 0.8  # local search stops by this share of the time limit (it usually ends sooner)
POLISH_STRETCH = 3  # a component's local search may take this many times its share (_Share)
MIN_SOLVE_S = 0.15  # CP-SAT isn't started with less time than this left
MARGIN_S = 0.15  # kept back from the time limit to gather and score the results

__all__ = ["assign", "components"]


def assign(
    problem: AssignmentProblem,
    *,
    time_limit_s: float = 10,
    workers: int = 2,
    gap_limit: float = 0.01,
) -> AssignmentResult:
    """Staff as many meetings as possible, fairly and with continuity, within `time_limit_s`."""
    started, until = time.perf_counter(), time.time() + time_limit_s - MARGIN_S
    prep = prepare(problem)
    parts = sorted(components(prep), key=len, reverse=True)
    helpers = workers - 1 if len(prep.meetings) >= PARALLEL_FROM else 0
    with Workers(max(0, min(helpers, len(parts) - 1))) as pool:
        subs = sub_problems(prep, parts)
        polish_until = until - (1 - POLISH_SHARE) * time_limit_s
        share = _Share(polish_until, pool.slots, subs, stretch=POLISH_STRETCH)
        jobs = range(len(subs))
        polished = dict(pool.run(polish, jobs, lambda i: (subs[i], share.take(i), until)))
        _tighten(pool, subs, polished, until=until, gap_limit=gap_limit)
        best = {
            i: Solved(p.assignments, p.objective, p.bound, _status(p.objective, p.bound, 0))
            for i, p in polished.items()
        }
        _refine(pool, subs, polished, best, until=until, workers=workers, gap_limit=gap_limit)
    assignments, unstaffed = {}, {}
    for i, outcome in best.items():
        assignments.update(outcome.assignments)
        unstaffed.update(polished[i].unstaffed)
    for mid, m in prep.meetings.items():
        if mid not in assignments and mid not in unstaffed:
            unstaffed[mid] = f"{day_label(m)}: {CAUSE_UNKNOWN}"
    return _result(prep, assignments, unstaffed, list(best.values()), started, gap_limit)


def _tighten(pool, subs, polished, *, until, gap_limit) -> None:
    """The LP bound on the components that have only the flow bound, largest gap first, until
    the overall gap is within the limit or time is up; `polished` is updated in place. The flow
    bound is as tight on most components, and the LP costs more (flow.py); where local search
    was stopped by the clock, the gap is the schedule's, not the bound's, so they are left."""
    targets = [i for i, p in polished.items() if p.searched and not p.lp and p.objective > p.bound]
    targets.sort(key=lambda i: polished[i].bound - polished[i].objective)
    closed = [
        dataclasses.replace(p, bound=p.objective) if i in targets else p
        for i, p in polished.items()
    ]
    if not _within(closed, gap_limit):
        return  # even bounds that met every schedule wouldn't do: the schedules are the gap

    def stop() -> bool:
        return _within(polished.values(), gap_limit) or time.time() > until

    for i, bound in pool.run(tighten, targets, lambda i: (subs[i], polished[i], until), stop=stop):
        polished[i] = dataclasses.replace(polished[i], bound=bound, lp=True)


def _within(parts, gap_limit: float) -> bool:
    """Whether the overall gap is within the limit, measured on the part of the objective an
    assignment can change (cost that `forced` says no one avoids is left out), or a few
    impossible meetings, 1,000 each, would hide a poor schedule of the rest."""
    parts = list(parts)
    total, bound = sum(p.objective for p in parts), sum(p.bound for p in parts)
    return _gap(total, bound, sum(p.forced for p in parts)) <= gap_limit


def _refine(pool, subs, polished, best, *, until, workers, gap_limit) -> None:
    """CP-SAT on the components above the gap limit, largest gap first, until the overall gap is
    within the limit or time is up; `best` is updated in place.

    Here the gap is measured on the part of the objective an assignment can change (cost that
    `forced` says no one avoids is left out), or a few impossible meetings, 1,000 each, would
    hide a poor schedule of the rest."""
    forced = {i: p.forced for i, p in polished.items()}
    targets = [i for i, o in best.items() if _gap(o.objective, o.bound, forced[i]) > gap_limit]
    targets.sort(key=lambda i: best[i].bound - best[i].objective)
    slots = min(pool.slots, len(targets)) or 1
    share = _Share(until, slots, [subs[i] for i in targets], targets)

    def args_for(i):
        return subs[i], polished[i], share.take(i), max(1, workers // slots), gap_limit

    def stop() -> bool:
        total = sum(o.objective for o in best.values())
        bound = sum(o.bound for o in best.values())
        within = _gap(total, bound, sum(forced.values())) <= gap_limit
        return within or until - time.time() < MIN_SOLVE_S

    for i, solved in pool.run(refine, targets, args_for, stop=stop):
        if solved.objective <= best[i].objective:
            bound = max(solved.bound, best[i].bound)
            status = _status(solved.objective, bound, 0)
            best[i] = Solved(solved.assignments, solved.objective, bound, status)


class _Share:
    """Shares the time until `until` among jobs in proportion to their size (meetings): each
    job, when it starts, gets its share of the time left among the jobs not yet started, or
    `stretch` times that for jobs that usually end sooner (local search): one that runs long then
    borrows from the jobs after it, which get less only if time is really short."""

    def __init__(self, until: float, slots: int, subs: list, keys=None, stretch: float = 1.0):
        self.until, self.slots, self.stretch = until, slots, stretch
        self.size = dict(
            zip(keys or range(len(subs)), (len(s.meetings) for s in subs), strict=True)
        )
        self.left = sum(self.size.values())

    def take(self, key) -> float:
        """The time.time() moment by which job `key`, starting now, should be done."""
        now, size = time.time(), self.size[key]
        fraction = min(1.0, self.stretch * self.slots * size / max(1, self.left))
        self.left -= size
        return now + max(0.0, self.until - now) * fraction


def _gap(objective: float, bound: float, forced: float = 0) -> float:
    return (objective - bound) / max(1, abs(objective - forced))


def _status(objective: float, bound: float, gap_limit: float) -> str:
    if bound >= objective:
        return "OPTIMAL"
    return "WITHIN_GAP_LIMIT" if _gap(objective, bound) <= gap_limit else "FEASIBLE"


def _result(prep: Prepared, assignments, unstaffed, outcomes, started, gap_limit):
    value = score(prep.problem, assignments, prep)
    bound = sum(o.bound for o in outcomes)
    optimal = all(o.status == "OPTIMAL" for o in outcomes)
    return AssignmentResult(
        assignments=assignments,
        unstaffed=unstaffed,
        objective=value,
        best_bound=bound,
        gap=_gap(value, bound),
        status="OPTIMAL" if optimal else _status(value, bound, gap_limit),
        wall_time_s=time.perf_counter() - started,
        load=dict(Counter(f for team in assignments.values() for f in team)),
        components=len(outcomes),
    )
