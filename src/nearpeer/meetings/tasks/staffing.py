"""Background work for sessions: long staffing solves. Tasks receive ids and call the service."""

from django.contrib.auth import get_user_model
from django_tasks import task

from nearpeer.meetings.models import Series
from nearpeer.meetings.services import staffing
from nearpeer.tenancy.models import Program


@task()
def series_schedule_task(series_id: int, by_id: int) -> dict:
    """Staff a series' future sessions (see `staffing.series_schedule`)."""
    series = Series.objects.select_related("program").get(pk=series_id)
    by = get_user_model().objects.get(pk=by_id)
    return staffing.series_schedule(series=series, by=by).as_dict()


@task()
def program_staff_task(program_id: int, by_id: int) -> dict:
    """Staff every future session of a program (see `staffing.program_staff`)."""
    program = Program.objects.get(pk=program_id)
    by = get_user_model().objects.get(pk=by_id)
    return staffing.program_staff(program=program, by=by).as_dict()
