"""Background work for the spine: big roster imports. Tasks receive ids and call the service."""

from django_tasks import task

from nearpeer.tenancy import roster_jobs


@task()
def roster_import_task(import_id: int) -> str:
    """Apply one queued roster import (see `roster_jobs.roster_import_run`); returns its status."""
    job = roster_jobs.roster_import_run(import_id=import_id)
    return job.status if job is not None else "already claimed"
