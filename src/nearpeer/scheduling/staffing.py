"""How many facilitators a program needs, so coordinators know how many to recruit.

The rule, in order:
1. Attendees meet in groups of up to `group_size` (default 18); each group has 2 facilitators.
2. In the busiest month a program runs ceil(sessions_per_year / months) sessions, so it needs
   groups x 2 x that many seats; each facilitator takes at most `cap_per_month` of them.
3. At least 2 per group are needed at once (one session runs all its groups at the same time).
4. Add a reserve (default 25 %) for absences, exams and graduation; round up.
5. Never fewer than `minimum` (default 4) so that pairs can rotate.
"""

from __future__ import annotations

import math

from nearpeer.scheduling.types import Recommendation


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
