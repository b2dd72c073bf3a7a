"""Plain data that goes in and out of the scheduling rules (no Django here)."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

MIN_DURATION_MINUTES = 60
MAX_DURATION_MINUTES = 90


class Cadence(enum.StrEnum):
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"  # every two months
    QUARTERLY = "quarterly"
    BIWEEKLY = "biweekly"  # every other week
    CUSTOM = "custom"  # explicit dates


@dataclass(frozen=True)
class DateRange:
    """Inclusive range of local dates, e.g. a blackout such as winter finals."""

    first: date
    last: date
    label: str = ""

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass(frozen=True)
class SeriesSpec:
    """How a program's sessions repeat through one academic year.

    `first_date` anchors the pattern (default: the first preferred weekday on or after `year_first`);
    for custom cadence `custom_dates` lists the dates and `weekday` is only used for fallbacks.
    """

    cadence: Cadence
    weekday: int  # 0 = Monday
    start_time: time  # local wall time
    duration_minutes: int
    tz: str  # IANA name, e.g. "America/Chicago"
    year_first: date
    year_last: date
    first_date: date | None = None
    custom_dates: tuple[date, ...] = ()


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime  # aware, in the series' time zone
    ends_at: datetime
    moved_from: date | None = None
    note: str = ""


@dataclass(frozen=True)
class Unplaced:
    original: date
    reason: str


@dataclass(frozen=True)
class Expansion:
    occurrences: list[Occurrence]
    unplaced: list[Unplaced]


class Kind(enum.StrEnum):
    PEER = "peer"
    ADVISOR = "advisor"  # wellness advisor


@dataclass(frozen=True)
class Meeting:
    """One session to staff. `starts_at`/`ends_at` are aware and in the program's local time zone."""

    id: int | str
    program_id: int | str
    starts_at: datetime
    ends_at: datetime
    required: int = 2


@dataclass(frozen=True)
class Facilitator:
    """Someone who may lead sessions.

    `available` is the set of meeting ids this person can make (see `availability.available_meetings`);
    `used` counts sessions already booked outside this problem, keyed by "YYYY-MM".
    """

    id: int | str
    kind: Kind
    program_ids: frozenset
    available: frozenset
    first_time: bool = False
    monthly_cap: int = 2
    used: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Pin:
    meeting_id: int | str
    facilitator_id: int | str


@dataclass(frozen=True)
class AssignmentProblem:
    """Meetings and facilitators to match.

    `previous` maps a program id to the facilitators who led its last session before these meetings,
    so continuity can carry over from the previous term.
    """

    meetings: list[Meeting]
    facilitators: list[Facilitator]
    pins: list[Pin] = field(default_factory=list)
    previous: Mapping = field(default_factory=dict)
    travel_buffer_minutes: int = 30


@dataclass
class AssignmentResult:
    assignments: dict  # meeting id -> list of facilitator ids
    unstaffed: dict  # meeting id -> plain-words reason
    objective: float
    best_bound: float
    gap: float  # relative, 0.01 == 1 %
    status: str
    wall_time_s: float
    load: dict = field(default_factory=dict)  # facilitator id -> sessions in this problem
    components: int = 1


@dataclass
class ReplanResult:
    """A re-plan after one facilitator dropped out (see dropout.py)."""

    assignments: dict  # meeting id -> facilitator ids, for the whole problem
    moved: list  # (meeting id, facilitator id): someone else taken off a meeting still staffed
    added: list  # (meeting id, facilitator id): new seats, the dropped person's and any moves'
    emptied: list  # meeting ids staffed before and not now: no one could take the place
    unstaffed: dict  # meeting id -> plain-words reason, for the re-planned component
    objective: int  # of the re-planned component (rules.score)
    meetings: int  # in the re-planned component
    status: str  # OPTIMAL: each solve proven (sessions kept, then moves, then the objective); else
    # the clock stopped one: FEASIBLE, or UNKNOWN (nothing found: the held assignments)
    wall_time_s: float


@dataclass(frozen=True)
class Recommendation:
    facilitators: int
    groups_per_session: int
    seats_per_year: int
    explanation: str
