"""Pure scheduling rules: cadences around blackouts, facilitator assignment, staffing (no Django)."""

from nearpeer.scheduling.availability import WeeklyWindow, available_meetings
from nearpeer.scheduling.cadence import expand, planned_dates
from nearpeer.scheduling.cpsat import assign
from nearpeer.scheduling.dropout import replan
from nearpeer.scheduling.greedy import assign_greedy
from nearpeer.scheduling.rules import score, violations
from nearpeer.scheduling.staffing import (
    facilitators_for_schedule,
    recommend_facilitators,
    staffing_gap,
)
from nearpeer.scheduling.types import (
    AssignmentProblem,
    AssignmentResult,
    Cadence,
    DateRange,
    Expansion,
    Facilitator,
    Kind,
    Meeting,
    Occurrence,
    Pin,
    Recommendation,
    ReplanResult,
    SeriesSpec,
    Unplaced,
)

__all__ = [
    "AssignmentProblem",
    "AssignmentResult",
    "Cadence",
    "DateRange",
    "Expansion",
    "Facilitator",
    "Kind",
    "Meeting",
    "Occurrence",
    "Pin",
    "Recommendation",
    "ReplanResult",
    "SeriesSpec",
    "Unplaced",
    "WeeklyWindow",
    "assign",
    "assign_greedy",
    "available_meetings",
    "expand",
    "facilitators_for_schedule",
    "planned_dates",
    "recommend_facilitators",
    "replan",
    "score",
    "staffing_gap",
    "violations",
]
