"""Reads of series and sessions, always starting from meetings/access.py; a foreign or unknown id
is a 404. Page reads run a fixed number of queries however many sessions there are."""

from nearpeer.meetings.selectors.meetings import (
    STAFFING_RULE,
    facilitator_candidate,
    facilitator_candidates,
    facilitator_on_meeting,
    history,
    meeting_for_user,
    meeting_managed_by_user,
    meetings_visible,
    my_upcoming,
    my_upcoming_queryset,
    newly_paired,
    plans_for_series,
    programs_run,
    series_for_user,
    series_managed_by_user,
    series_meetings,
    series_visible,
    upcoming_for_member,
    upcoming_for_member_queryset,
)
from nearpeer.meetings.selectors.season import (
    academic_year_of,
    month_grid,
    season,
)
from nearpeer.meetings.selectors.staffing import (
    my_availability,
    own_exception,
    own_window,
    staff_attention,
    staffing_needs,
)
from nearpeer.tenancy.selectors import program_for_user, program_managed_by_user

__all__ = [
    "STAFFING_RULE",
    "academic_year_of",
    "facilitator_candidate",
    "facilitator_candidates",
    "facilitator_on_meeting",
    "history",
    "meeting_for_user",
    "meeting_managed_by_user",
    "meetings_visible",
    "month_grid",
    "my_availability",
    "my_upcoming",
    "my_upcoming_queryset",
    "newly_paired",
    "own_exception",
    "own_window",
    "plans_for_series",
    "program_for_user",
    "program_managed_by_user",
    "programs_run",
    "season",
    "series_for_user",
    "series_managed_by_user",
    "series_meetings",
    "series_visible",
    "staff_attention",
    "staffing_needs",
    "upcoming_for_member",
    "upcoming_for_member_queryset",
]
