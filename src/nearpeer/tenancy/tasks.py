"""Background work for the spine: invitation emails and big roster imports. Tasks receive ids
and call the service."""

from django_tasks import task

from nearpeer.tenancy import invitations, roster_jobs


@task()
def invitation_send_task(invitation_id: int) -> bool:
    """Email one invitation (see `invitations.invitation_send`)."""
    return invitations.invitation_send(invitation_id=invitation_id)


@task()
def invitations_send_task(invitation_ids: list[int]) -> int:
    """Email a roster's invitations; each goes out once however often this runs."""
    return sum(invitations.invitation_send(invitation_id=pk) for pk in invitation_ids)


@task()
def roster_import_task(import_id: int) -> str:
    """Apply one queued roster import (see `roster_jobs.roster_import_run`); returns its status."""
    job = roster_jobs.roster_import_run(import_id=import_id)
    return job.status if job is not None else "already claimed"
