"""Background work for session reminders: the periodic run, queued by `nearpeer meetings_tick`."""

from django_tasks import task

from nearpeer.meetings import reminders


@task()
def send_due_reminders() -> dict:
    """Claim and send every reminder that is due (see `reminders.reminders_send_due`)."""
    return reminders.reminders_send_due()
