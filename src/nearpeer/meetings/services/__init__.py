"""Writes for sessions, one workflow per thing a person does, in one place for views, the API and
tasks. Each checks the policy itself. Attendance and reminders are read as `services.attendance`
and `services.reminders`."""

from nearpeer.meetings.services.availability import (
    availability_exception_remove,
    availability_exception_set,
    availability_set,
    availability_window_add,
    availability_window_remove,
    facilitator_cap_set,
)
from nearpeer.meetings.services.facilitation import (
    facilitation_pin,
    facilitation_remove,
    facilitation_swap,
    facilitation_unpin,
)
from nearpeer.meetings.services.meetings import (
    meeting_cancel,
    meeting_move,
    meeting_update,
    rsvp_create,
    rsvp_delete,
    series_create,
)
from nearpeer.meetings.services.staffing import program_staff, series_schedule
from nearpeer.meetings.services.staffing_queue import staffing_request

__all__ = [
    "availability_exception_remove",
    "availability_exception_set",
    "availability_set",
    "availability_window_add",
    "availability_window_remove",
    "facilitation_pin",
    "facilitation_remove",
    "facilitation_swap",
    "facilitation_unpin",
    "facilitator_cap_set",
    "meeting_cancel",
    "meeting_move",
    "meeting_update",
    "program_staff",
    "rsvp_create",
    "rsvp_delete",
    "series_create",
    "series_schedule",
    "staffing_request",
]
