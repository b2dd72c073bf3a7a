"""Background work for tenancy: invitation emails. Tasks receive ids and call the service."""

from django_tasks import task

from nearpeer.tenancy import invitations


@task()
def invitation_send_task(invitation_id: int) -> bool:
    """Email one invitation (see `invitations.invitation_send`)."""
    return invitations.invitation_send(invitation_id=invitation_id)
