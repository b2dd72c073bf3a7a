"""Assign facilitators to meetings (rules and objective: see rules.py).

Each connected component of programs (split.py) is solved on its own, in two worker processes for
large problems:
1. the greedy assignment (greedy.py), polished by local search (improve.py): always valid;
2. a proven lower bound from the LP relaxation (bound.py);
3. only while the overall gap is above `gap_limit`: CP-SAT (model.py) from that assignment, on the
   components furthest from their bound, sharing the time left; it never returns worse than 1.
The result's bound is the sum of the components' bounds, its objective the sum of their objectives.

Measured on bench/solver.py (2,705 meetings, 20 components, 2 cores): the local search ends within
0.3 % of the LP bound, so step 3 is seldom needed there. CP-SAT's own bound was the weak part (its
presolve drops the overlap rows from its relaxation): 1.4 % gap after 30 s.
"""

from __future__ import annotations

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
    sub_problem,
)
from nearpeer.scheduling.types import AssignmentProblem, AssignmentResult

POLISH_SHARE = 0.4  # local search stops by this share of the time limit (it usually ends sooner)
MIN_SOLVE_S = 0.15  # CP-SAT isn't started with less time than this left

__all__ = ["assign", "components"]


def assign(
    problem: AssignmentProblem,
    *,
    time_limit_s: float = 10,
    workers: int = 2,
    gap_limit: float = 0.01,
) -> AssignmentResult:
    """Staff as many meetings as possible, fairly and with continuity, within `time_limit_s`."""
    started, until = time.perf_counter(), time.time() + time_limit_s
    prep = prepare(problem)
    parts = sorted(components(prep), key=len, reverse=True)
    helpers = workers - 1 if len(prep.meetings) >= PARALLEL_FROM else 0
    with Workers(max(0, min(helpers, len(parts) - 1))) as pool:
        subs = [sub_problem(prep, mids) for mids in parts]
        polish_until = until - (1 - POLISH_SHARE) * time_limit_s
        polished = dict(pool.run(polish, range(len(subs)), lambda i: (subs[i], polish_until)))
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


def _refine(pool, subs, polished, best, *, until, workers, gap_limit) -> None:
    """CP-SAT on the components above the gap limit, largest gap first, until the overall gap is
    within the limit or time is up; `best` is updated in place."""
    targets = [i for i, o in best.items() if _gap(o.objective, o.bound) > gap_limit]
    targets.sort(key=lambda i: best[i].bound - best[i].objective)
    slots = min(pool.slots, len(targets)) or 1
    left = [sum(len(subs[i].meetings) for i in targets)]

    def args_for(i):
        # the time left, shared in proportion to size among the components still to solve
        size = len(subs[i].meetings)
        share = (until - time.time()) * min(1.0, slots * size / max(1, left[0]))
        left[0] -= size
        return subs[i], polished[i], time.time() + share, max(1, workers // slots), gap_limit

    def stop() -> bool:
        total = sum(o.objective for o in best.values())
        within = _gap(total, sum(o.bound for o in best.values())) <= gap_limit
        return within or until - time.time() < MIN_SOLVE_S

    for i, solved in pool.run(refine, targets, args_for, stop=stop):
        if solved.objective <= best[i].objective:
            bound = max(solved.bound, best[i].bound)
            status = _status(solved.objective, bound, 0)
            best[i] = Solved(solved.assignments, solved.objective, bound, status)


def _gap(objective: float, bound: float) -> float:
    return (objective - bound) / max(1, abs(objective))


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
