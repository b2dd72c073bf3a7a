"""Re-planning after one facilitator drops out: their sessions are re-staffed, no rule is broken,
and everyone else stays where they were whenever that is possible."""

import dataclasses
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from nearpeer.scheduling import AssignmentProblem, Kind, Pin, assign, replan, score, violations
from nearpeer.scheduling.model import PartModel
from nearpeer.scheduling.rules import precheck, prepare
from tests.scheduling.test_assign import FAST, meeting, person, random_problem


def without(problem: AssignmentProblem, dropped) -> AssignmentProblem:
    """The problem once `dropped` has left: their pins go with them."""
    return dataclasses.replace(
        problem,
        facilitators=[f for f in problem.facilitators if f.id != dropped],
        pins=[p for p in problem.pins if p.facilitator_id != dropped],
    )


def can_staff_all(problem: AssignmentProblem, meeting_ids, held=None) -> bool:
    """Whether every meeting in `meeting_ids` can be staffed at once (and, with `held`, with each
    of those assignments kept): an exact check by CP-SAT, for the small problems here."""
    prep = prepare(problem)
    if set(meeting_ids) & set(precheck(prep)):
        return False
    part = PartModel(prep, list(prep.meetings), {})
    for mid in meeting_ids:
        part.model.add(part.staffed[mid] == 1)
    for mid, fid in held or ():
        if fid not in part.x[mid]:
            return False
        part.model.add(part.x[mid][fid] == 1)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    return solver.solve(part.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


@settings(max_examples=40)
@given(st.integers(0, 10_000), st.booleans())
def test_a_replan_breaks_no_rule_and_keeps_what_it_can(seed, with_pins):
    # given a staffed schedule and one of its facilitators dropping out
    problem = random_problem(seed, with_pins)
    before = assign(problem, **FAST).assignments
    leading = sorted({f for team in before.values() for f in team}, key=str)
    if not leading:
        return
    dropped = random.Random(seed).choice(leading)
    # when
    result = replan(problem, before, dropped=dropped, time_limit_s=5, workers=1)
    # then no rule is broken and the dropped person leads nothing
    after = without(problem, dropped)
    assert violations(after, result.assignments) == []
    assert all(dropped not in team for team in result.assignments.values())
    # every session staffed before still is, unless no schedule could staff them all
    lost = [mid for mid in before if not result.assignments.get(mid)]
    if lost:
        assert not can_staff_all(after, list(before))
    assert set(result.emptied) == set(lost)
    # nobody else moved, unless no schedule could keep them all and staff every session
    others = [(mid, f) for mid, team in before.items() for f in team if f != dropped]
    teams = result.assignments
    assert set(result.moved) == {(m, f) for m, f in others if teams.get(m) and f not in teams[m]}
    if result.moved and not lost:
        assert not can_staff_all(after, list(before), held=others)


def program_of_four():
    """Monthly sessions m0..m3 of p1 and four peers free for all of them."""
    meetings = [meeting(f"m{k}", month=1 + k, day=5) for k in range(4)]
    ids = {m.id for m in meetings}
    return meetings, [person(f, available=ids) for f in "abcd"]


def test_a_free_substitute_takes_the_seat_and_nobody_else_moves():
    # given a rotation with a leading m0 and m1
    meetings, people = program_of_four()
    before = {"m0": ["a", "b"], "m1": ["a", "c"], "m2": ["c", "d"], "m3": ["d", "b"]}
    problem = AssignmentProblem(meetings, people)
    # when a drops out
    result = replan(problem, before, dropped="a", **FAST)
    # then their two seats are filled and every other assignment is where it was
    assert result.moved == []
    assert {m: set(t) - {"a"} for m, t in before.items()} == {
        m: set(t) & set(before[m]) for m, t in result.assignments.items()
    }
    assert result.assignments["m2"] == ["c", "d"] and result.assignments["m3"] == ["d", "b"]
    assert len(result.added) == 2 and all(f != "a" for _, f in result.added)
    assert violations(without(problem, "a"), result.assignments) == []


def test_one_move_is_made_when_the_only_substitute_is_busy_elsewhere():
    # given m1 (p1) and m2 (p2) at the same hour; only c serves both programs
    m1, m2 = meeting("m1", "p1"), meeting("m2", "p2")
    both = {"m1", "m2"}
    people = [
        person("a", available=both),
        person("b", available=both),
        person("c", programs=("p1", "p2"), available=both),
        person("d", programs=("p2",), available=both),
        person("e", programs=("p2",), available=both),
    ]
    problem = AssignmentProblem([m1, m2], people)
    before = {"m1": ["a", "b"], "m2": ["c", "d"]}
    # when a drops out
    result = replan(problem, before, dropped="a", **FAST)
    # then c moves to m1 and e takes c's place: one assignment moved, both sessions staffed
    assert sorted(result.assignments["m1"]) == ["b", "c"]
    assert sorted(result.assignments["m2"]) == ["d", "e"]
    assert result.moved == [("m2", "c")]


def test_a_session_no_one_can_rescue_is_left_empty_with_the_reason():
    # given only a and b can lead m
    problem = AssignmentProblem([meeting("m")], [person(f, available={"m"}) for f in "ab"])
    # when a drops out
    result = replan(problem, {"m": ["a", "b"]}, dropped="a", **FAST)
    # then m can't be staffed, and says why
    assert result.assignments.get("m") is None and result.emptied == ["m"]
    assert result.unstaffed == {"m": "3 Mar: only one facilitator available"}
    assert result.moved == []


def test_pins_to_the_dropped_person_go_and_other_pins_stay():
    meetings, people = program_of_four()
    pins = [Pin("m0", "a"), Pin("m2", "c")]
    before = {"m0": ["a", "b"], "m1": ["b", "c"], "m2": ["c", "d"], "m3": ["d", "a"]}
    result = replan(AssignmentProblem(meetings, people, pins=pins), before, dropped="a", **FAST)
    assert "c" in result.assignments["m2"]
    assert all(result.assignments[m.id] for m in meetings)
    assert result.moved == []


def test_programs_no_one_links_to_the_dropped_person_are_not_solved_again():
    # given p2 shares nobody with p1, and its schedule would score better another way
    meetings, people = program_of_four()
    other = [meeting(f"o{k}", "p2", month=1 + k) for k in range(2)]
    ids = {m.id for m in other}
    people += [person(f, programs=("p2",), available=ids) for f in ("x", "y", "z")]
    before = {"m0": ["a", "b"], "m1": ["b", "c"], "o0": ["x", "y"], "o1": ["x", "y"]}
    problem = AssignmentProblem([*meetings, *other], people)
    # when a drops out
    result = replan(problem, before, dropped="a", **FAST)
    # then p2 is returned as it was, and only p1's four sessions were re-planned
    assert result.meetings == 4
    assert result.assignments["o0"] == ["x", "y"] and result.assignments["o1"] == ["x", "y"]


def test_someone_with_nothing_to_lead_drops_out_and_nothing_changes():
    meetings, people = program_of_four()
    before = {"m0": ["a", "b"], "m1": ["b", "c"]}
    result = replan(AssignmentProblem(meetings, people), before, dropped="d", **FAST)
    assert result.assignments == before and result.moved == [] and result.added == []


def test_an_advisor_leaving_is_replaced_by_a_peer_or_another_advisor_never_two_advisors():
    m = meeting("m")
    people = [
        person("peer", available={"m"}),
        person("adv1", Kind.ADVISOR, available={"m"}),
        person("adv2", Kind.ADVISOR, available={"m"}),
    ]
    result = replan(AssignmentProblem([m], people), {"m": ["peer", "adv1"]}, dropped="adv1")
    assert sorted(result.assignments["m"]) == ["adv2", "peer"]
    assert result.unstaffed == {}


def best_teams(part: PartModel, fixed=None) -> dict:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(part.model) == cp_model.OPTIMAL
    teams = {m: [f for f, v in t.items() if solver.boolean_value(v)] for m, t in part.x.items()}
    return {**{m: t for m, t in teams.items() if t}, **(fixed or {})}


@settings(max_examples=30)
@given(st.integers(0, 10_000))
def test_a_model_of_the_open_meetings_finds_the_best_score_of_the_whole_with_the_rest_held(seed):
    # given a schedule, half of whose teams are held as they are
    problem = random_problem(seed, with_pins=False)
    teams = assign(problem, **FAST).assignments
    rng = random.Random(seed)
    fixed = {mid: team for mid, team in teams.items() if rng.random() < 0.5}
    prep = prepare(problem)
    skip = precheck(prep)
    whole = PartModel(prep, list(prep.meetings), skip)
    for mid, team in fixed.items():
        for fid in team:
            whole.model.add(whole.x[mid][fid] == 1)
    # when only the other meetings are modelled, the held teams outside it
    part = PartModel(prep, [m for m in prep.meetings if m not in fixed], skip, fixed)
    # then both find schedules of the same (best) score
    assert score(problem, best_teams(part, fixed)) == score(problem, best_teams(whole))
