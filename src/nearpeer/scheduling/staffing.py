"""How many facilitators a program needs, so coordinators know how many to recruit.

`facilitators_for_schedule` reads the program's actual schedule with the scheduler's own rules
(seats per session, the monthly cap, no double booking); the page uses it. `recommend_facilitators`
is the estimate from headcount alone, for a program with nothing scheduled. Its rule, in order:
1. Attendees meet in groups of up to `group_size` (default 18); each group has 2 facilitators.
2. In the busiest month a program runs ceil(sessions_per_year / months) sessions, so it needs
   groups x 2 x that many seats; each facilitator takes at most `cap_per_month` of them.
3. At least 2 per group are needed at once (one session runs all its groups at the same time).
4. Add a reserve (default 25 %) for absences, exams and graduation; round up.
5. Never fewer than `minimum` (default 4) so that pairs can rotate.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter

from nearpeer.scheduling.rules import month_key
from nearpeer.scheduling.types import Meeting, Recommendation


def recommend_facilitators(
    headcount: int,
    sessions_per_year: int,
    cap_per_month: int = 2,
    *,
    group_size: int = 18,
    months: int = 10,
    reserve: float = 0.25,
    minimum: int = 4,
) -> Recommendation:
    """Facilitators to recruit for a program of `headcount` trainees (rule in the module docstring)."""
    if headcount < 0 or sessions_per_year < 0:
        raise ValueError("Headcount and sessions per year can't be negative.")
    if cap_per_month < 1 or group_size < 1 or months < 1 or reserve < 0:
        raise ValueError(
            "Cap, group size and months must be at least 1; the reserve can't be negative."
        )
    groups = math.ceil(headcount / group_size)
    busiest_month = math.ceil(sessions_per_year / months)
    needed = max(2 * groups, math.ceil(2 * groups * busiest_month / cap_per_month))
    total = max(minimum, math.ceil(needed * (1 + reserve) - 1e-9))
    explanation = (
        f"{groups} group(s) of up to {group_size}, 2 facilitators each, up to {busiest_month} "
        f"session(s) a month, at most {cap_per_month} a month per facilitator: {needed} needed, "
        f"plus a {round(reserve * 100)} % reserve (at least {minimum})."
    )
    return Recommendation(
        facilitators=total,
        groups_per_session=groups,
        seats_per_year=2 * groups * sessions_per_year,
        explanation=explanation,
    )


def staffing_gap(recommended: Recommendation | int, current: int) -> int:
    """How many more facilitators to recruit (0 when the program has enough)."""
    target = recommended.facilitators if isinstance(recommended, Recommendation) else recommended
    return max(0, target - current)


def facilitators_for_schedule(
    meetings: list[Meeting],
    cap_per_month: int = 2,
    *,
    reserve: float = 0.25,
    minimum: int = 4,
) -> Recommendation:
    """Facilitators a schedule needs under the rules the scheduler itself keeps: each session has
    `required` facilitators, nobody leads more than `cap_per_month` sessions in a month, nobody is
    in two sessions at once. The busiest month (or the most seats at one time) sets the need; a
    reserve covers exams and absences. `meetings` are in the program's local time."""
    if cap_per_month < 1 or reserve < 0:
        raise ValueError("The cap must be at least 1; the reserve can't be negative.")
    if not meetings:
        return Recommendation(
            facilitators=minimum,
            groups_per_session=1,
            seats_per_year=0,
            explanation=(
                "No sessions are scheduled yet. A session a month needs 2 facilitators; "
                f"{minimum} lets pairs rotate and covers absences."
            ),
        )
    seats: Counter = Counter()
    sessions: Counter = Counter()
    for m in meetings:
        seats[month_key(m)] += m.required
        sessions[month_key(m)] += 1
    busiest = max(seats, key=lambda k: (seats[k], k))
    at_once = _most_seats_at_once(meetings)
    needed = max(at_once, math.ceil(seats[busiest] / cap_per_month))
    total = max(minimum, math.ceil(needed * (1 + reserve) - 1e-9))
    month = datetime.date.fromisoformat(f"{busiest}-01").strftime("%B %Y")
    explanation = (
        f"The busiest month, {month}, has {sessions[busiest]} session(s) needing "
        f"{seats[busiest]} facilitator places; each facilitator leads at most {cap_per_month} "
        f"a month, so the schedule needs {needed} people"
        + (f" ({at_once} at the same time)" if at_once == needed else "")
        + f". With a {round(reserve * 100)} % reserve for exams and absences, and never fewer "
        f"than {minimum} so pairs can rotate: {total}."
    )
    return Recommendation(
        facilitators=total,
        groups_per_session=1,
        seats_per_year=sum(seats.values()),
        explanation=explanation,
    )


def _most_seats_at_once(meetings: list[Meeting]) -> int:
    events = sorted(
        [(m.starts_at, 1, m.required) for m in meetings]
        + [(m.ends_at, 0, -m.required) for m in meetings]
    )  # an end sorts before a start at the same minute
    now = most = 0
    for _, _, change in events:
        now += change
        most = max(most, now)
    return most
