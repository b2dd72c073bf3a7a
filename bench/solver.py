"""Facilitator assignment at full scale: `assign` (local search, proven bound, CP-SAT) next to
greedy, and `replan` after single drop-outs.

Run it with `.venv/bin/python bench/solver.py` (see --help; `--scale 10` is the whole-university
size: 2,000 programs, ~20,000 facilitators). It builds a seeded, realistic academic year:
institutions of about 10 programs each, peers per program from 4 to 14, wellness advisors (~10 % of
facilitators) shared within each institution, ~20 % first-timers, a few trainees in two programs,
weekly availability windows with time away, and each program's series expanded around its
institution's blackouts through `expand`. Then it prints size, wall and CPU time, peak memory,
objective, the proven lower bound (from `assign`) and the gap for both methods, with the machine's
load average. Last, it drops single facilitators (the busiest and some at random, seeded) from
`assign`'s schedule and re-plans each: time, and other assignments moved. Nothing leaves the
machine.
"""

import argparse
import os
import random
import resource
import statistics
import sys
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from nearpeer.scheduling import (  # noqa: E402
    AssignmentProblem,
    AssignmentResult,
    Cadence,
    DateRange,
    Facilitator,
    Kind,
    Meeting,
    SeriesSpec,
    WeeklyWindow,
    assign,
    assign_greedy,
    available_meetings,
    expand,
    replan,
    violations,
)

YEAR_FIRST, YEAR_LAST = date(2025, 8, 1), date(2026, 7, 31)
ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"]
SLOTS = [clock(12, 0), clock(12, 0), clock(17, 30), clock(18, 0)]


def blackouts_for(rng: random.Random) -> list[DateRange]:
    """An institution's calendar: winter break, two finals weeks, spring break, a board-exam week."""
    spring = date(2026, 3, rng.choice([2, 9, 16]))
    boards = date(2026, rng.choice([5, 6]), rng.choice([4, 11, 18]))
    return [
        DateRange(date(2025, 12, 20), date(2026, 1, 4), "Winter break"),
        DateRange(date(2025, 12, rng.choice([8, 15])), date(2025, 12, 19), "Winter finals"),
        DateRange(date(2026, 5, rng.choice([4, 11])), date(2026, 5, 15), "Spring finals"),
        DateRange(spring, date.fromordinal(spring.toordinal() + 6), "Spring break"),
        DateRange(boards, date.fromordinal(boards.toordinal() + 4), "Board exams"),
    ]


def cadence_for(rng: random.Random) -> Cadence:
    roll = rng.random()
    if roll < 0.08:
        return Cadence.BIWEEKLY
    if roll < 0.12:
        return Cadence.BIMONTHLY
    if roll < 0.14:
        return Cadence.QUARTERLY
    return Cadence.MONTHLY


def windows_for(rng: random.Random, kind: Kind) -> list[WeeklyWindow]:
    """Weekly free slots: advisors keep office hours; peers a few lunches and evenings."""
    if kind == Kind.ADVISOR:
        return [WeeklyWindow(d, 8 * 60, 19 * 60 + 30) for d in range(5) if rng.random() < 0.8]
    windows = []
    for day in range(5):
        if rng.random() < 0.75:
            windows.append(WeeklyWindow(day, 11 * 60 + 30, 14 * 60))
        if rng.random() < 0.7:
            windows.append(WeeklyWindow(day, 17 * 60, 20 * 60 + 30))
    return windows


def away_for(rng: random.Random) -> list[DateRange]:
    """One or two weeks away (rotations, conferences)."""
    ranges = []
    for _ in range(rng.choice([0, 1, 1, 2])):
        start = date.fromordinal(YEAR_FIRST.toordinal() + rng.randrange(350))
        ranges.append(DateRange(start, date.fromordinal(start.toordinal() + 6)))
    return ranges


def build(seed: int, programs: int, per_institution: int) -> AssignmentProblem:
    """A seeded year of meetings and facilitators."""
    rng = random.Random(seed)
    meetings, people = [], []
    institutions = [
        list(range(i, min(i + per_institution, programs)))
        for i in range(0, programs, per_institution)
    ]
    for inst, program_ids in enumerate(institutions):
        zone, blackouts = rng.choice(ZONES), blackouts_for(rng)
        inst_meetings = []
        for pid in program_ids:
            spec = SeriesSpec(
                cadence=cadence_for(rng),
                weekday=rng.randrange(5),
                start_time=rng.choice(SLOTS),
                duration_minutes=rng.choice([60, 75, 90]),
                tz=zone,
                year_first=YEAR_FIRST,
                year_last=YEAR_LAST,
            )
            for k, occ in enumerate(expand(spec, blackouts).occurrences):
                inst_meetings.append(Meeting(f"p{pid}-{k}", pid, occ.starts_at, occ.ends_at))
        meetings += inst_meetings
        for pid in program_ids:
            for n in range(rng.randint(4, 14)):
                programs_served = {pid}
                if rng.random() < 0.05:
                    programs_served.add(rng.choice(program_ids))
                people.append(
                    _person(rng, f"peer-{pid}-{n}", Kind.PEER, programs_served, inst_meetings)
                )
        for n in range(len(program_ids)):
            people.append(
                _person(rng, f"adv-{inst}-{n}", Kind.ADVISOR, set(program_ids), inst_meetings)
            )
    return AssignmentProblem(meetings=meetings, facilitators=people)


def _person(rng, fid, kind, program_ids, meetings) -> Facilitator:
    mine = [m for m in meetings if m.program_id in program_ids]
    return Facilitator(
        id=fid,
        kind=kind,
        program_ids=frozenset(program_ids),
        available=available_meetings(mine, windows_for(rng, kind), away_for(rng)),
        first_time=rng.random() < 0.2,
        monthly_cap=2,
    )


def report(name: str, result, problem, cpu: float, bound: float) -> None:
    """One line: wall and CPU time (child processes included), objective, proven bound, gap."""
    broken = violations(problem, result.assignments)
    gap = (result.objective - bound) / max(1, result.objective)
    print(
        f"{name:7} wall {result.wall_time_s:5.2f} s  cpu {cpu:5.2f} s  "
        f"objective {result.objective:>8,.0f}  bound {bound:>8,.0f}  gap {100 * gap:5.2f} %  "
        f"staffed {len(result.assignments)}/{len(problem.meetings)}  rule breaks {len(broken)}  "
        f"status {result.status}"
    )


def cpu_seconds() -> float:
    """User + system CPU of this process and of its finished child processes."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def peak_memory_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child process, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return own / 1024, children / 1024  # Linux reports KiB


def drop_outs(problem: AssignmentProblem, solved: AssignmentResult, count: int, seed: int) -> None:
    """Re-plan after each of `count` single drop-outs (the busiest fifth of them, the rest at
    random among those leading anything): time, and other assignments moved."""
    load = solved.load
    busiest = sorted(load, key=lambda f: (-load[f], str(f)))[: max(1, count // 5)]
    rest = sorted(set(load) - set(busiest), key=str)
    dropped = busiest + random.Random(seed).sample(rest, min(count - len(busiest), len(rest)))
    times, moved, emptied, broken, proven = [], [], 0, 0, 0
    for fid in dropped:
        result = replan(problem, solved.assignments, dropped=fid)
        times.append(result.wall_time_s)
        moved.append(len(result.moved))
        emptied += len(result.emptied)
        proven += result.status == "OPTIMAL"
        broken += len(_replan_violations(problem, result.assignments, fid))
        assert not any(fid in team for team in result.assignments.values())
    print(
        f"replan  {len(dropped)} drop-outs ({len(busiest)} busiest, up to {load[busiest[0]]} "
        f"sessions; the rest at random)  time median {statistics.median(times):.3f} s, worst "
        f"{max(times):.3f} s  other assignments moved median {statistics.median(moved):g}, "
        f"max {max(moved)}  sessions left empty {emptied} (no one could take the place)  proven "
        f"optimal {proven}/{len(dropped)}  rule breaks {broken}"
    )


def _replan_violations(problem: AssignmentProblem, assignments: dict, dropped) -> list[str]:
    """Rule breaks in the dropped person's institution (people here serve one institution only,
    so nothing elsewhere can change), with them gone."""
    person = next(f for f in problem.facilitators if f.id == dropped)
    programs = {
        p for f in problem.facilitators if f.program_ids & person.program_ids for p in f.program_ids
    }
    meetings = [m for m in problem.meetings if m.program_id in programs]
    sub = AssignmentProblem(
        meetings=meetings,
        facilitators=[
            f for f in problem.facilitators if f.program_ids & programs and f.id != dropped
        ],
    )
    return violations(sub, {m.id: assignments[m.id] for m in meetings if m.id in assignments})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--scale", type=int, default=1, help="x 200 programs (10: 2,000 programs, ~20,000 people)"
    )
    parser.add_argument("--programs", type=int, help="overrides --scale")
    parser.add_argument("--per-institution", type=int, default=10)
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--drop-outs", type=int, default=20, help="re-plans to time (0: none)")
    parser.add_argument("--no-greedy", action="store_true", help="skip the greedy baseline")
    args = parser.parse_args()
    programs = args.programs or 200 * args.scale
    started = time.perf_counter()
    problem = build(args.seed, programs, args.per_institution)
    built = time.perf_counter() - started
    advisors = sum(f.kind == Kind.ADVISOR for f in problem.facilitators)
    first = sum(f.first_time for f in problem.facilitators)
    print(
        f"programs {programs}  meetings {len(problem.meetings)}  facilitators "
        f"{len(problem.facilitators)} ({advisors} advisors, {first} first-timers)  instance "
        f"built in {built:.1f} s"
    )
    load_before, cpu = os.getloadavg()[0], cpu_seconds()
    solved = assign(problem, time_limit_s=args.time_limit, workers=args.workers)
    solved_cpu = cpu_seconds() - cpu
    own, helper = peak_memory_mb()
    print(
        f"components {solved.components}  unstaffed {len(solved.unstaffed)}  time limit "
        f"{args.time_limit:g} s  workers {args.workers}  cores {os.cpu_count()}  load average "
        f"before {load_before:.1f}, after {os.getloadavg()[0]:.1f} (other work slows this)  "
        f"peak memory {own:,.0f} MB (helper {helper:,.0f} MB)"
    )
    report("assign", solved, problem, solved_cpu, solved.best_bound)
    if not args.no_greedy:
        cpu = cpu_seconds()
        greedy = assign_greedy(problem)
        report("greedy", greedy, problem, cpu_seconds() - cpu, solved.best_bound)
        print(
            f"greedy/assign objective ratio {greedy.objective / solved.objective:.3f}  "
            f"(gaps are against the bound assign proved)"
        )
    if args.drop_outs:
        drop_outs(problem, solved, args.drop_outs, args.seed)


if __name__ == "__main__":
    main()
