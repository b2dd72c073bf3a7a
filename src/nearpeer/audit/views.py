"""The access log, for the well-being office of each institution."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from nearpeer.audit import selectors
from nearpeer.audit.forms import LogFilterForm
from nearpeer.audit.labels import entry_label
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import policy

PAGE_SIZE = 50


@login_required
def access_log(request):
    institutions = list(policy.administered_institutions(request.user))
    if not institutions:
        raise Http404
    # Recorded first, so that this very visit is counted and listed like any other.
    for institution in institutions:
        access_record(
            actor=request.user,
            institution=institution,
            action=AccessLog.Action.READ,
            record_type="access_log",
            summary="Viewed the access log",
            request=request,
        )
    form = LogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = {name: value for name, value in filters.items() if value}
    entries = selectors.log_entries(request.user, **filters)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [(entry, entry_label(entry.record_type, entry.action)) for entry in page],
        "form": form,
        "filtered": bool(filters),
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page" and v}),
    }
    return render(request, "audit/access_log.html", context, status=400 if form.errors else 200)
