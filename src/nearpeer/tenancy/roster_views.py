"""Roster import page: program staff upload a CSV of people, checked whole before anything is saved."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from nearpeer.once import submit_once
from nearpeer.tenancy import policy, roster_file, roster_jobs, selectors
from nearpeer.tenancy.models import Role

ERRORS_SHOWN = 200  # rows listed on the page; the summary still gives the full count


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster file (CSV)",
        help_text="A CSV file saved as UTF-8, with one person per line.",
    )


def result_message(program, summary: dict) -> str:
    """The counts of a finished import, in words ("3 roles added, 2 people invited, ...")."""
    invited, roles = summary.get("invited", 0), summary.get("roles_added", 0)
    parts = [
        f"{roles} role{'' if roles == 1 else 's'} added",
        f"{invited} {'person' if invited == 1 else 'people'} invited by email "
        "(their roles start when they accept)",
        f"{summary.get('unchanged', 0)} already there (unchanged)",
    ]
    if summary.get("cohorts_changed"):
        parts.append(f"{summary['cohorts_changed']} moved to a new cohort")
    if summary.get("ended_kept"):
        parts.append(f"{summary['ended_kept']} whose role had ended left as they were")
    return f"Roster imported into {program.name}: " + ", ".join(parts) + "."


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def roster_import(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # Read one byte past the limit: enough for the service to say "too large".
        data = upload.read(settings.NEARPEER_ROSTER_MAX_BYTES + 1)
        try:
            job = roster_jobs.roster_upload(
                by=request.user, program=program, data=data, filename=upload.name, request=request
            )
        except roster_file.RosterRejected as exc:
            errors = exc.errors
        else:
            return redirect("roster_import_status", program.pk, job.pk)
    roles = policy.grantable_roles(request.user, program, program.institution)
    context = {
        "program": program,
        "form": form,
        "errors": errors[:ERRORS_SHOWN] if errors else errors,
        "error_count": len(errors or ()),
        "errors_cut": len(errors or ()) > ERRORS_SHOWN,
        "whole_file": any(e.line == roster_file.FILE_LINE for e in errors or ()),
        "errors_shown": ERRORS_SHOWN,
        "roles": [r for r in Role if r.value in roles],
        "max_size": roster_file.plain_size(settings.NEARPEER_ROSTER_MAX_BYTES),
        "max_rows": f"{settings.NEARPEER_ROSTER_MAX_ROWS:,}",
    }
    return render(request, "tenancy/roster_import.html", context)


@login_required
@require_GET
def roster_import_status(request, program_id: int, import_id: int):
    """Where an import stands; while it runs, htmx polls this view for the status part alone."""
    job = selectors.roster_import_for_user(request.user, import_id, program_id=program_id)
    context = {
        "job": job,
        "program": job.program,
        "message": result_message(job.program, job.summary) if job.summary else "",
        "whole_file": any(e["line"] == roster_file.FILE_LINE for e in job.errors),
        "errors": job.errors[:ERRORS_SHOWN],
        "errors_cut": len(job.errors) > ERRORS_SHOWN,
        "errors_shown": ERRORS_SHOWN,
    }
    partial = request.htmx and not request.htmx.boosted
    template = "_roster_import_status.html" if partial else "roster_import_status.html"
    return render(request, f"tenancy/{template}", context)


@login_required
@require_GET
def roster_template(request, program_id: int):
    """An empty roster with the right column names, with a byte-order mark so Excel reads UTF-8."""
    selectors.program_managed_by_user(request.user, program_id)
    response = HttpResponse(
        "\ufeff" + ",".join(roster_file.COLUMNS) + "\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="roster-template.csv"'
    return response
