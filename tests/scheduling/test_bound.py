"""The proven lower bound behind `assign`'s gap, and solving components in helper processes."""

import os
import time
from concurrent.futures import wait

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nearpeer.scheduling import AssignmentProblem, Kind, assign, assign_greedy, score
from nearpeer.scheduling.bound import forced_cost, lower_bound
from nearpeer.scheduling.rules import BREAK_WEIGHT, UNSTAFFED_PENALTY, precheck, prepare
from nearpeer.scheduling.split import Workers, components, polish, sub_problem
from tests.scheduling.slow import slow_pid
from tests.scheduling.test_assign import FAST, meeting, person, random_problem


def bound_of(problem: AssignmentProblem) -> int:
    prep = prepare(problem)
    return lower_bound(prep, list(prep.meetings), precheck(prep))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.booleans())
def test_the_bound_never_exceeds_the_cost_of_a_valid_schedule(seed, with_pins):
    problem = random_problem(seed, with_pins)
    bound = bound_of(problem)
    assert bound <= assign_greedy(problem).objective
    result = assign(problem, **FAST)
    assert bound <= result.best_bound <= result.objective
    assert result.gap == (result.objective - result.best_bound) / max(1, result.objective)


def test_a_program_with_two_peers_and_one_advisor_is_proven_optimal():
    # given six monthly sessions, each needing a peer, and only three people to lead them
    meetings = [meeting(f"m{k}", month=1 + k, day=5) for k in range(6)]
    ids = {m.id for m in meetings}
    people = [person("a", available=ids), person("b", available=ids)]
    people.append(person("adv", Kind.ADVISOR, available=ids))
    problem = AssignmentProblem(meetings, people)
    # when
    result = assign(problem, **FAST)
    # then 12 seats, 4 each (3 x 16 = 48) with someone always carrying over, and the bound says so
    assert result.load == {"a": 4, "b": 4, "adv": 4}
    assert bound_of(problem) == result.best_bound == result.objective == 48
    assert result.status == "OPTIMAL" and result.gap == 0


def test_meetings_no_one_can_lead_count_in_the_bound_with_the_breaks_they_force():
    # m1 has no one: it can't be staffed, so neither m0 -> m1 nor m1 -> m2 can carry anyone over
    meetings = [meeting(f"m{k}", month=1 + k, day=5) for k in range(3)]
    people = [person(f, available={"m0", "m2"}) for f in "abcd"]
    problem = AssignmentProblem(meetings, people)
    prep = prepare(problem)
    forced = forced_cost(prep, list(prep.meetings), precheck(prep))
    assert forced == UNSTAFFED_PENALTY + 2 * BREAK_WEIGHT
    # two staffed sessions, 4 seats for 4 people: 4 x 1^2
    assert bound_of(problem) == assign(problem, **FAST).objective == forced + 4


def test_the_bound_knows_nobody_leads_two_meetings_at_once():
    # given two sessions at the same hour and only two people, both able to lead either
    both = ("p1", "p2")
    people = [person(f, programs=both, available={"m1", "m2"}) for f in "ab"]
    problem = AssignmentProblem([meeting("m1", "p1"), meeting("m2", "p2")], people)
    # when
    result = assign(problem, **FAST)
    # then one session can't be staffed, and the bound proves it (one unstaffed, loads 1 and 1)
    assert bound_of(problem) == result.objective == UNSTAFFED_PENALTY + 2
    assert result.status == "OPTIMAL"


def two_programs_apart() -> AssignmentProblem:
    people, meetings = [], []
    for program in ("p1", "p2"):
        mine = [meeting(f"{program}-{k}", program, month=1 + k) for k in range(4)]
        ids = {m.id for m in mine}
        people += [person(f"{program}-{f}", programs=(program,), available=ids) for f in "abc"]
        meetings += mine
    return AssignmentProblem(meetings, people)


def test_a_helper_process_solves_a_component_exactly_as_this_process_does():
    # given two independent programs and all the time in the world
    prep = prepare(two_programs_apart())
    subs = [sub_problem(prep, mids) for mids in components(prep)]
    assert len(subs) == 2
    far = time.time() + 60
    here = [polish(sub, far, far) for sub in subs]
    # when a started helper takes jobs alongside this process
    with Workers(1) as pool:
        wait(pool.starting)
        pids = dict(pool.run(slow_pid, [0, 1], lambda job: ()))
        there = dict(pool.run(polish, [0, 1], lambda i: (subs[i], far, far)))
    # then both did work, and the answers are the same wherever they were computed
    assert os.getpid() in pids.values() and len(set(pids.values())) == 2
    assert [there[0], there[1]] == here
    assert sum(p.objective for p in here) == score(
        prep.problem, {**here[0].assignments, **here[1].assignments}
    )
