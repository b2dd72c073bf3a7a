"""Who leads which session: the scheduling problem is built from the database, solved by
`nearpeer.scheduling.assign`, and written back. The coordinator's hand edits are in
`facilitation.py`; "staff this series, now or in the background" is in `staffing_queue.py`.

Only future, scheduled meetings are ever (re)staffed: past meetings keep who led them.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nearpeer import scheduling
from nearpeer.accounts.models import User
from nearpeer.meetings.models import (
    Facilitation,
    Meeting,
    MeetingChange,
    Series,
)
from nearpeer.meetings.services.staffing_problem import build_problem, fill_held, names_of
from nearpeer.meetings.tasks import reminders as reminder_tasks
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Program

SOLVE_SECONDS = 10


@dataclass
class StaffingOutcome:
    """What a solve did, for the page, the API and the task's result."""

    meetings: int = 0
    staffed: int = 0
    changed: int = 0
    unstaffed: list[str] = field(default_factory=list)
    status: str = ""
    queued: bool = False
    task_id: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


# --- Who may lead a program's sessions ------------------------------------------------------


def tell_assigned(pairs) -> None:
    """Once the pairing is committed, email each newly paired facilitator (a task, once each)."""
    if not pairs:
        return
    pairs = [[meeting_id, user_id] for meeting_id, user_id in pairs]
    transaction.on_commit(lambda: reminder_tasks.facilitators_assigned_task.enqueue(pairs))


def staff_meetings(
    *,
    program: Program,
    meetings: list[Meeting],
    by: User,
    time_limit_s: float = SOLVE_SECONDS,
    notify: bool = True,
) -> StaffingOutcome:
    """Solve and write back staffing for these meetings of one program (pins kept). Callers
    check the policy and choose the meetings; the demo uses it for a whole year (`notify=False`:
    seeded pairings email nobody)."""
    if not meetings:
        return StaffingOutcome(status="NOTHING_TO_STAFF")
    built = build_problem(program, meetings)
    assignments, unstaffed, status = {}, {}, "NOTHING_TO_SOLVE"
    if built.problem.meetings:
        result = scheduling.assign(built.problem, time_limit_s=time_limit_s)
        assignments, unstaffed, status = result.assignments, result.unstaffed, result.status
        if _current_is_as_good(built.problem, meetings, result):
            assignments, status = _current(meetings, built.problem), f"{status} (kept as it was)"
        elif kept := _replanned(built.problem, meetings, result, time_limit_s):
            assignments, unstaffed, status = kept
    fill_held(built, assignments, unstaffed)
    return _write(meetings, assignments, unstaffed, status, by, notify=notify)


def _current(meetings: list[Meeting], problem) -> dict:
    solved = {m.id for m in problem.meetings}
    teams = defaultdict(list)
    for mid, uid in Facilitation.objects.filter(meeting__in=meetings).values_list(
        "meeting_id", "user_id"
    ):
        if mid in solved:
            teams[mid].append(uid)
    return dict(teams)


def _current_is_as_good(problem, meetings, result) -> bool:
    """Re-solving shouldn't reshuffle people for nothing: the staffing in place stays when it
    breaks no rule and scores no worse than the solver's answer (many answers tie)."""
    current = _current(meetings, problem)
    if not current or scheduling.violations(problem, current):
        return False
    return scheduling.score(problem, current) <= result.objective


def _replanned(problem, meetings, result, time_limit_s: float):
    """When people who led sessions can no longer (their role ended, or they stopped being
    available), re-staff only their seats and keep everyone else where they were, rather than
    take the fresh solve that may reshuffle the whole season. Used when the re-plan breaks no
    rule and staffs every session the fresh solve staffs; else None (the fresh solve stands)."""
    current = _current(meetings, problem)
    known = {f.id for f in problem.facilitators}
    gone = sorted({uid for team in current.values() for uid in team if uid not in known}, key=str)
    if not gone:
        return None
    plan, moved, unstaffed = current, 0, {}
    for uid in gone:
        replanned = scheduling.replan(problem, plan, dropped=uid, time_limit_s=time_limit_s)
        plan, moved = replanned.assignments, moved + len(replanned.moved)
        unstaffed |= replanned.unstaffed
    plan = {mid: team for mid, team in plan.items() if team}
    if scheduling.violations(problem, plan) or set(result.assignments) - set(plan):
        return None
    unstaffed = {mid: why for mid, why in unstaffed.items() if mid not in plan}
    for m in problem.meetings:
        if m.id not in plan and m.id not in unstaffed:
            unstaffed[m.id] = result.unstaffed.get(m.id, "")
    return plan, unstaffed, f"re-planned: {len(gone)} left, {moved} other moved"


def _write(meetings: list[Meeting], assignments, unstaffed, status, by, *, notify=True):
    current = defaultdict(dict)
    for mid, uid, pinned in Facilitation.objects.filter(meeting__in=meetings).values_list(
        "meeting_id", "user_id", "pinned"
    ):
        current[mid][uid] = pinned
    team_of = {m.pk: set(assignments.get(m.pk) or ()) for m in meetings}
    names = names_of(set().union(*team_of.values(), *(set(c) for c in current.values())))
    drop, add, changes, noted = Q(pk__in=[]), [], [], []
    now = timezone.now()
    outcome = StaffingOutcome(meetings=len(meetings), status=status)
    for meeting in meetings:
        team, had = team_of[meeting.pk], current.get(meeting.pk, {})
        gone = [uid for uid, pinned in had.items() if not pinned and uid not in team]
        new = [uid for uid in team if uid not in had]
        if gone:
            drop |= Q(meeting_id=meeting.pk, user_id__in=gone)
        add += [Facilitation(meeting_id=meeting.pk, user_id=uid, assigned_at=now) for uid in new]
        note = "" if team else unstaffed.get(meeting.pk, "")[:300]
        if note:
            outcome.unstaffed.append(note)
        else:
            outcome.staffed += 1
        if note != meeting.staffing_note:
            meeting.staffing_note = note
            noted.append(meeting)
        if gone or new:
            before = ", ".join(sorted(names[u] for u in had)) or "no one"
            after = ", ".join(sorted(names[u] for u in (set(had) - set(gone)) | set(new)))
            changes.append(
                MeetingChange(
                    meeting=meeting,
                    by=by,
                    what=f"Facilitators: {before} → {after or 'no one'}"[:300],
                    reason="Staffed by the scheduler",
                )
            )
    Facilitation.objects.filter(drop).delete()
    Facilitation.objects.bulk_create(add)
    if notify:
        tell_assigned([(f.meeting_id, f.user_id) for f in add])
    Meeting.objects.bulk_update(noted, ["staffing_note"])
    MeetingChange.objects.bulk_create(changes)
    outcome.changed = len(changes)
    return outcome


def _future(meetings):
    return list(
        meetings.filter(status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now())
        .select_related("series")
        .order_by("starts_at", "pk")
    )


@transaction.atomic
def series_schedule(
    *, series: Series, by: User, time_limit_s: float = SOLVE_SECONDS
) -> StaffingOutcome:
    """Staff the series' future sessions with the solver, keeping pinned facilitators."""
    if not policy.can_manage_program(by, series.program):
        raise PermissionDenied("You don't run this program.")
    Program.objects.select_for_update().filter(pk=series.program_id).first()  # one solve at a time
    meetings = _future(series.meetings.all())
    return staff_meetings(
        program=series.program, meetings=meetings, by=by, time_limit_s=time_limit_s
    )


@transaction.atomic
def program_staff(
    *, program: Program, by: User, time_limit_s: float = SOLVE_SECONDS
) -> StaffingOutcome:
    """Staff every future session of the program (all its series) in one solve."""
    if not policy.can_manage_program(by, program):
        raise PermissionDenied("You don't run this program.")
    Program.objects.select_for_update().filter(pk=program.pk).first()
    meetings = _future(Meeting.objects.filter(program=program))
    return staff_meetings(program=program, meetings=meetings, by=by, time_limit_s=time_limit_s)
