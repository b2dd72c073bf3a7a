"""Background staffing solves a coordinator started, remembered in their session so the season
page can say "still working" and then show the result."""

from django.contrib import messages

from nearpeer.meetings.tasks import staffing as tasks

KEY = "meetings_staffing_tasks"
FINISHED = {"SUCCESSFUL", "FAILED"}


def remember(request, program, outcome) -> None:
    if outcome.queued and outcome.task_id:
        pending = request.session.get(KEY, [])
        pending.append({"program": program.pk, "task": outcome.task_id})
        request.session[KEY] = pending


def pending(request, program) -> list[str]:
    """Task ids still running for this program; finished ones become a message and are dropped."""
    still = []
    kept = []
    for item in request.session.get(KEY, []):
        if item["program"] != program.pk:
            kept.append(item)
            continue
        result = _result(item["task"])
        if result is None:
            continue
        if str(result.status) not in FINISHED:
            still.append(item["task"])
            kept.append(item)
        elif str(result.status) == "SUCCESSFUL":
            value = result.return_value or {}
            messages.success(
                request,
                f"Staffing finished: {value.get('staffed', 0)} of {value.get('meetings', 0)} "
                "upcoming sessions are staffed.",
            )
        else:
            messages.error(request, "Staffing could not finish. Please try again.")
    if KEY in request.session:
        request.session[KEY] = kept
    return still


def _result(task_id: str):
    for task in (tasks.series_schedule_task, tasks.program_staff_task):
        try:
            return task.get_result(task_id)
        except Exception:  # noqa: BLE001, S112 (unknown id, other task, or a backend without results)
            continue
    return None
