"""A fast proven lower bound for one component: a min-cost flow that relaxes the rules a little.

Each meeting sends `required` units (seats) to people, or to the sink unstaffed at
UNSTAFFED_PENALTY / required a seat. Kept exactly: one seat per person per meeting, monthly caps,
"not more advisors than required - peers_needed" (a gate every advisor's seat passes) and load
squared (unit steps priced 1, 3, 5, ... towards the sink). Relaxed, so every valid schedule is
still a flow of the same cost: "at most one first-timer" only counts first-time peers, "no
overlaps" keeps each of a person's meetings in one clique only, pins are left out, and a meeting
may be part-staffed. Continuity counts the forced breaks, as in the LP (bound.py).

Why: measured on bench/solver.py at 10x (200 components), it equals the LP bound on 197
components and is 0.45 % lower in all, at about a third of the LP's time (the solver is
C++, the arcs go in as arrays, and a month gets a node only where the cap binds). Where it is
looser, part-staffing is the usual reason: in a program whose one free peer can take two of its
three sessions a month, the LP proves a session is lost (1,000) while the flow staffs the third
with an advisor and leaves the other seat empty (500). So `flow_bound` says whether its optimum
part-staffs a meeting, and the LP is solved there (split.polish) and where the overall gap still
asks for it (cpsat.py). On the bench, the components with a part-staffed meeting were exactly
those where the LP gained ~1,000; elsewhere it gained at most 8.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import numpy as np
from ortools.graph.python import min_cost_flow

from nearpeer.scheduling.bound import clash_cliques, forced_cost
from nearpeer.scheduling.rules import LOAD_WEIGHT, UNSTAFFED_PENALTY, Prepared, peers_needed
from nearpeer.scheduling.types import Kind


def flow_bound(prep: Prepared, mids: list, skip=()) -> tuple[int, bool]:
    """(a value no assignment of the meetings `mids` can beat, whether the flow found it by
    part-staffing a meeting: then the LP is likely tighter). See the module docstring."""
    ordered = sorted((m for m in mids if m not in skip), key=lambda m: prep.span[m])
    forced = forced_cost(prep, mids, skip)
    if not ordered:
        return forced, False
    network = _Network(prep, ordered)
    solver = min_cost_flow.SimpleMinCostFlow()
    solver.add_arcs_with_capacity_and_unit_cost(
        *(np.array(a, dtype=np.int64) for a in network.arcs)
    )
    supplies = np.zeros(network.nodes, dtype=np.int64)
    supplies[list(network.supply)] = list(network.supply.values())
    supplies[0] = -sum(network.supply.values())
    solver.set_nodes_supplies(np.arange(network.nodes, dtype=np.int32), supplies)
    if solver.solve() != min_cost_flow.SimpleMinCostFlow.OPTIMAL:
        return forced, True
    empty = solver.flows(np.array(network.unstaffed, dtype=np.int64))
    part = any(
        0 < seats < prep.meetings[m].required for m, seats in zip(ordered, empty, strict=True)
    )
    return forced + math.ceil(solver.optimal_cost() / network.scale), part


class _Network:
    """Nodes: 0 is the sink; per meeting a source (and an advisor gate, a first-timer gate); per
    person a node, one per month, one per clique of clashing meetings."""

    def __init__(self, prep: Prepared, mids: list):
        self.prep, self.nodes = prep, 1
        self.arcs: tuple[list, list, list, list] = ([], [], [], [])  # tail, head, capacity, cost
        self.supply: dict[int, int] = {}
        self.unstaffed: list[int] = []  # each meeting's arc to the sink, in the order of `mids`
        self.scale = math.lcm(*{prep.meetings[m].required for m in mids})
        by_person = defaultdict(list)
        for mid in mids:
            for fid, gate in self._meeting(mid):
                by_person[fid].append((mid, gate))
        for fid, items in by_person.items():
            self._person(fid, items)

    def _node(self) -> int:
        self.nodes += 1
        return self.nodes - 1

    def _arc(self, tail: int, head: int, capacity: int, cost: int = 0) -> None:
        for column, value in zip(self.arcs, (tail, head, capacity, cost), strict=True):
            column.append(value)

    def _meeting(self, mid) -> list:
        prep, required = self.prep, self.prep.meetings[mid].required
        source = self._node()
        self.supply[source] = required
        self.unstaffed.append(len(self.arcs[0]))
        self._arc(source, 0, required, UNSTAFFED_PENALTY * self.scale // required)
        people = [(fid, prep.people[fid]) for fid in prep.candidates[mid]]
        most = required - peers_needed(required)
        advisors = [fid for fid, p in people if p.kind != Kind.PEER]
        first_peers = [fid for fid, p in people if p.kind == Kind.PEER and p.first_time]
        advisor_gate = first_gate = source
        if len(advisors) > most:
            advisor_gate = self._node()
            self._arc(source, advisor_gate, most)
        if len(first_peers) > 1:
            first_gate = self._node()
            self._arc(source, first_gate, 1)
        gates = dict.fromkeys(advisors, advisor_gate) | dict.fromkeys(first_peers, first_gate)
        return [(fid, gates.get(fid, source)) for fid, _ in people]

    def _person(self, fid, items: list) -> None:
        prep = self.prep
        person, me = prep.people[fid], self._node()
        count = Counter(prep.month[mid] for mid, _ in items)
        months, most = {}, 0
        for month, n in count.items():
            seats = min(n, max(0, prep.remaining_cap(person, month)))
            months[month] = me  # a month of its own only where the cap binds
            if seats < n:
                months[month] = self._node()
                self._arc(months[month], me, seats)
            most += seats
        into = {}
        for clique in clash_cliques(prep, items):
            free = [mid for mid, _ in clique if mid not in into]
            spans = {prep.month[mid] for mid in free}
            if len(free) > 1 and len(spans) == 1:
                group = self._node()
                self._arc(group, months[spans.pop()], 1)
                into |= dict.fromkeys(free, group)
        tails, heads, capacity, cost = self.arcs
        tails += [gate for _, gate in items]
        heads += [into.get(mid) or months[prep.month[mid]] for mid, _ in items]
        tails += [me] * most
        heads += [0] * most
        capacity += [1] * (len(items) + most)
        cost += [0] * len(items)
        cost += range(
            LOAD_WEIGHT * self.scale,
            LOAD_WEIGHT * self.scale * (2 * most + 1),
            2 * LOAD_WEIGHT * self.scale,
        )
