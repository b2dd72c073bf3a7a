"""The access log, for the well-being office of each institution."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import policy


@login_required
def access_log(request):
    institutions = list(policy.administered_institutions(request.user))
    if not institutions:
        raise Http404
    entries = policy.access_logs_for(request.user).select_related("institution")
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    for institution in institutions:
        access_record(
            actor=request.user,
            institution=institution,
            action=AccessLog.Action.READ,
            record_type="access_log",
            summary="Viewed the access log",
            request=request,
        )
    return render(request, "audit/access_log.html", {"page": page})
