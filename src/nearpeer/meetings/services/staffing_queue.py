"""A coordinator's "staff this series" (or the whole program): small solves run while they wait,
larger ones go to a background task once the request commits."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.meetings.models import Meeting, Series
from nearpeer.meetings.services.staffing import (
    StaffingOutcome,
    program_staff,
    series_schedule,
)
from nearpeer.meetings.tasks import staffing as staffing_tasks
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program

# Series with at most this many future sessions are staffed while the coordinator waits; larger
# ones (or a whole program) are solved by a background task.
SYNC_LIMIT = 40


def staffing_request(*, by: User, series: Series | None = None, program: Program | None = None):
    """ "Staff this series" (or the whole program): up to SYNC_LIMIT future sessions are solved
    now; more are left to a background task, queued once the request's transaction commits (the
    outcome then says `queued`, and carries the task's id once it is queued)."""
    program = series.program if series is not None else program
    if not policy.can_manage_program(by, program):
        raise PermissionDenied("You don't run this program.")
    meetings = series.meetings.all() if series is not None else program.meetings.all()
    count = meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()).count()
    if count <= SYNC_LIMIT:
        if series is not None:
            return series_schedule(series=series, by=by)
        return program_staff(program=program, by=by)
    outcome = StaffingOutcome(meetings=count, status="QUEUED", queued=True)

    def enqueue():
        if series is not None:
            result = staffing_tasks.series_schedule_task.enqueue(series.pk, by.pk)
        else:
            result = staffing_tasks.program_staff_task.enqueue(program.pk, by.pk)
        outcome.task_id = result.id

    transaction.on_commit(enqueue)
    return outcome
