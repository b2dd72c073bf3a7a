"""Roster import page (filled in by the roster work)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from nearpeer.tenancy import selectors


@login_required
def roster_import(request, program_id: int):
    selectors.program_managed_by_user(request.user, program_id)
    return HttpResponse("Roster import is being built.")
