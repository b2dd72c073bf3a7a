"""JSON endpoints for roster imports: uploading a program's roster and following the import.

Every line is checked before anything is imported; a big file is applied in the background
(tenancy/roster_jobs.py).
"""

import datetime

from django.conf import settings
from django.urls import reverse
from ninja import Field, File, Router, Schema, UploadedFile
from ninja.responses import Status

from nearpeer.api.schemas import named_choices
from nearpeer.tenancy import roster_file, roster_jobs, selectors
from nearpeer.tenancy.models import RosterImport

router = Router(tags=["memberships"])

RosterImportStatus = named_choices(RosterImport.Status, "RosterImportStatus")

# --- What the API answers ------------------------------------------------------------------


class RosterOut(Schema):
    invited: int = Field(
        0, description="People you can't see yet in your programs: emailed an invitation."
    )
    roles_added: int
    unchanged: int
    rows: int
    cohorts_changed: int = 0
    ended_kept: int = 0


class RowErrorOut(Schema):
    line: int
    reason: str


class RosterRejectedOut(Schema):
    detail: str
    errors: list[RowErrorOut]


class RosterImportOut(Schema):
    id: int
    program_id: int
    status: RosterImportStatus
    rows: int
    rows_done: int
    result: RosterOut | None = Field(None, description="The counts, once the import is done.")
    errors: list[RowErrorOut] = Field(description="Why nothing was imported, if it failed.")
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    status_url: str

    @staticmethod
    def resolve_rows(job) -> int:
        return job.row_count

    @staticmethod
    def resolve_result(job):
        return job.summary if job.status == RosterImport.Status.DONE else None

    @staticmethod
    def resolve_status_url(job):
        return reverse("api:roster_import_detail", args=[job.pk])


# --- Endpoints -----------------------------------------------------------------------------


@router.post(
    "/programs/{program_id}/roster",
    response={202: RosterImportOut, 400: RosterRejectedOut},
    tags=["memberships"],
)
def roster_upload(request, program_id: int, file: File[UploadedFile]):
    """Add people and roles from a CSV roster (columns: name, email, program, cohort, role).
    Every line is checked first: if any is wrong, nothing is imported and the 400 answer lists
    every line to fix. Otherwise the answer is the import (202), applied whole: at once for a
    small file (status `done`), in the background for a bigger one; follow `status_url`."""
    program = selectors.program_for_user(request.user, program_id)
    # Read one byte past the limit at most: the import then refuses the file as too large.
    data = file.read(settings.NEARPEER_ROSTER_MAX_BYTES + 1)
    try:
        job = roster_jobs.roster_upload(
            by=request.user, program=program, data=data, filename=file.name, request=request
        )
    except roster_file.RosterRejected as exc:
        detail = f"Nothing was imported: {len(exc.errors)} problem(s) to fix in the file."
        return Status(400, {"detail": detail, "errors": exc.errors})
    return Status(202, job)


@router.get(
    "/roster-imports/{import_id}",
    response=RosterImportOut,
    tags=["memberships"],
    url_name="roster_import_detail",
)
def roster_import_detail(request, import_id: int):
    """Where a roster import stands: queued, running, done (with counts) or failed (with why)."""
    return selectors.roster_import_for_user(request.user, import_id)
