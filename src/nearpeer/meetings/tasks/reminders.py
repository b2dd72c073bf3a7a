"""Background work for session emails: the periodic reminder run, queued by
`nearpeer meetings_tick`, and the note to each newly paired facilitator."""

from django_tasks import task

from nearpeer.meetings.services import reminders


@task()
def send_due_reminders() -> dict:
    """Claim and send every reminder that is due (see `reminders.reminders_send_due`)."""
    return reminders.reminders_send_due()


@task()
def facilitators_assigned_task(pairs: list) -> int:
    """Email each newly paired facilitator once: pairs of [meeting id, user id]."""
    return reminders.assigned_notify(pairs=[tuple(p) for p in pairs])
