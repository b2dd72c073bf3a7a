"""Roster imports as records: the upload checks the whole file at once; a big file is then applied
by a background task, whole, while its RosterImport says how it is going.

The rules of a roster live in `roster_file` (reading the file) and `roster` (the checks against
the database, what a row does); this module only decides when they run and keeps the record.
"""

import dataclasses
import logging

from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.tenancy import policy, roster, roster_file
from nearpeer.tenancy.models import Program, RosterImport
from nearpeer.tenancy.roster_file import FILE_LINE, RosterRejected, RowError

logger = logging.getLogger(__name__)

APPLY_IN_REQUEST_ROWS = 200  # files this small are imported during the upload; bigger ones queued

_OUR_FAULT = RowError(
    FILE_LINE,
    "Something went wrong on our side, so nothing was imported. Please upload the file again; "
    "if it happens again, tell your well-being office.",
)
_UPLOADER_LEFT = RowError(
    FILE_LINE,
    "The person who uploaded this file no longer runs this program, so nothing was imported. "
    "Someone who runs it can upload the file again.",
)


def roster_upload(
    *, by: User, program: Program, data: bytes, filename: str = "", request=None
) -> RosterImport:
    """Check the whole file now (nothing changes if any line is wrong), then import it: at once
    when it has at most APPLY_IN_REQUEST_ROWS rows, else by a background task queued when the
    request commits. Either way the answer is the RosterImport whose status to show.
    Raises PermissionDenied if ``by`` doesn't run ``program``, RosterRejected if nothing was imported.
    """
    roster.require_manager(by, program)
    rows, problems = roster_file.parse_roster(data)
    record = {"program": program, "uploaded_by": by, "filename": filename[:255]}
    if len(rows) <= APPLY_IN_REQUEST_ROWS:
        with transaction.atomic():
            result = roster.roster_apply_checked(
                by=by,
                program=program,
                rows=rows,
                problems=problems,
                filename=filename,
                request=request,
            )
            now = timezone.now()
            return RosterImport.objects.create(
                **record,
                status=RosterImport.Status.DONE,
                row_count=result.rows,
                rows_done=result.rows,
                summary=dataclasses.asdict(result),
                started_at=now,
                finished_at=now,
            )
    with transaction.atomic():
        roster.roster_check(by=by, program=program, rows=rows, problems=problems)
        job = RosterImport.objects.create(
            **record, row_count=len(rows), content=data.decode("utf-8-sig")
        )
        transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(import_id: int) -> None:
    from nearpeer.tenancy.tasks import roster_import_task  # the task module imports this one

    roster_import_task.enqueue(import_id)


def roster_import_run(*, import_id: int) -> RosterImport | None:
    """Apply a queued import whole, in one transaction (the background task's work). The import
    is claimed by a conditional UPDATE, so a retried task never applies a file twice; returns
    None when it was already claimed."""
    claimed = RosterImport.objects.filter(pk=import_id, status=RosterImport.Status.QUEUED).update(
        status=RosterImport.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = RosterImport.objects.select_related("program__institution", "uploaded_by").get(
        pk=import_id
    )
    try:
        _apply_whole(job)
    except RosterRejected as exc:
        _finish_failed(job, exc.errors)
    except Exception:
        logger.exception("Roster import %s failed", import_id)
        _finish_failed(job, [_OUR_FAULT])
    return job


def _apply_whole(job: RosterImport) -> None:
    """Re-check (people may have changed since the upload) and write; the import is marked done
    in the same transaction, so "done" and the writes commit together or not at all. Progress is
    by phase (queued, running, done): a second connection writing row counts while this
    transaction holds SQLite's lock would wait for it."""
    by, program = job.uploaded_by, job.program
    if by is None or not policy.can_manage_program(by, program):
        raise RosterRejected([_UPLOADER_LEFT])
    rows, problems = roster_file.parse_roster_text(
        job.content, max_rows=None
    )  # limits held at upload
    with transaction.atomic():
        # One import at a time per program (PostgreSQL; SQLite has one writer anyway).
        Program.objects.select_for_update().filter(pk=program.pk).first()
        result = roster.roster_apply_checked(
            by=by,
            program=program,
            rows=rows,
            problems=problems,
            filename=job.filename,
            request=None,
        )
        job.status, job.rows_done = RosterImport.Status.DONE, job.row_count
        job.summary, job.content = dataclasses.asdict(result), ""
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "rows_done", "summary", "content", "finished_at"])


def _finish_failed(job: RosterImport, errors: list[RowError]) -> None:
    job.status, job.content = RosterImport.Status.FAILED, ""
    job.errors = [{"line": e.line, "reason": e.reason} for e in errors]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "content", "errors", "finished_at"])
