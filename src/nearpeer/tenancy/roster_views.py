"""Roster import page: program staff upload a CSV of people, checked whole before anything is saved."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from nearpeer.tenancy import policy, roster, selectors
from nearpeer.tenancy.models import Role

ERRORS_SHOWN = 200  # rows listed on the page; the summary still gives the full count


class RosterUploadForm(forms.Form):
    file = forms.FileField(
        label="Roster file (CSV)",
        help_text="A CSV file saved as UTF-8, with one person per line.",
    )


def _success_message(program, result: roster.RosterResult) -> str:
    parts = [
        f"{result.people_added} {'person' if result.people_added == 1 else 'people'} added to nearpeer",
        f"{result.roles_added} role{'' if result.roles_added == 1 else 's'} added",
        f"{result.unchanged} already there (unchanged)",
    ]
    if result.cohorts_changed:
        parts.append(f"{result.cohorts_changed} moved to a new cohort")
    if result.ended_kept:
        parts.append(f"{result.ended_kept} whose role had ended left as they were")
    return f"Roster imported into {program.name}: " + ", ".join(parts) + "."


@login_required
@require_http_methods(["GET", "POST"])
def roster_import(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    errors = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        # Read one byte past the limit: enough for the service to say "too large".
        data = upload.read(settings.NEARPEER_ROSTER_MAX_BYTES + 1)
        try:
            result = roster.roster_import(
                by=request.user, program=program, data=data, filename=upload.name, request=request
            )
        except roster.RosterRejected as exc:
            errors = exc.errors
        else:
            messages.success(request, _success_message(program, result))
            return redirect("program_detail", program.pk)
    roles = policy.grantable_roles(request.user, program, program.institution)
    context = {
        "program": program,
        "form": form,
        "errors": errors[:ERRORS_SHOWN] if errors else errors,
        "error_count": len(errors or ()),
        "errors_cut": len(errors or ()) > ERRORS_SHOWN,
        "whole_file": any(e.line == roster.FILE_LINE for e in errors or ()),
        "errors_shown": ERRORS_SHOWN,
        "roles": [r for r in Role if r.value in roles],
        "max_size": roster.plain_size(settings.NEARPEER_ROSTER_MAX_BYTES),
    }
    return render(request, "tenancy/roster_import.html", context)


@login_required
@require_GET
def roster_template(request, program_id: int):
    """An empty roster with the right column names, with a byte-order mark so Excel reads UTF-8."""
    selectors.program_managed_by_user(request.user, program_id)
    response = HttpResponse(
        "\ufeff" + ",".join(roster.COLUMNS) + "\r\n", content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="roster-template.csv"'
    return response
