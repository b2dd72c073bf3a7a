"""Pages for contact records and referrals (mentors and professionals), the resource directory
(everyone reads it, the office edits it) and the demand dashboard (office, program staff,
professionals). Views parse, authorize through the policy, call one service and render."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.forms import apply_service_errors, form_submit
from nearpeer.supportline.forms.records import (
    ContactForm,
    ReferralForm,
    ReferralOutcomeForm,
    ResourceCreateForm,
    ResourceForm,
)
from nearpeer.supportline.selectors import dashboard
from nearpeer.supportline.selectors import records as records_selectors
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.services import records, resources
from nearpeer.tenancy import policy

# --- Contact record and referrals --------------------------------------------------------------


def _contact_page(request, support_request, form=None, referral_form=None, status=200):
    contact = records.contact_notes_read(
        by=request.user, request=support_request, http_request=request
    )
    if form is None:
        initial = (
            {k: getattr(contact, k) for k in ContactForm.base_fields} if contact else {"minutes": 0}
        )
        form = ContactForm(initial=initial)
    directory = records_selectors.referral_resources(support_request)
    context = {
        "support_request": support_request,
        "contact": contact,
        "form": form,
        "referrals": records_selectors.request_referrals(support_request),
        "referral_form": referral_form or ReferralForm(resources=directory),
        "outcome_form": ReferralOutcomeForm(),
        "purged": support_request.purged_at is not None,
    }
    return render(request, "supportline/records_contact.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def contact(request, request_id: int):
    support_request = selectors.request_readable(request.user, request_id)
    if request.method == "GET":
        return _contact_page(request, support_request)
    form = ContactForm(request.POST)
    if form.is_valid():
        try:
            records.contact_record(
                by=request.user, request=support_request, http_request=request, **form.cleaned_data
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "The contact record was saved.")
            return redirect("supportline:support_records_contact", support_request.pk)
    return _contact_page(request, support_request, form=form, status=400)


@login_required
@require_POST
def referral_create(request, request_id: int):
    support_request = selectors.request_readable(request.user, request_id)
    directory = records_selectors.referral_resources(support_request)
    form = ReferralForm(request.POST, resources=directory)
    if form.is_valid():
        try:
            records.referral_create(
                by=request.user,
                request=support_request,
                http_request=request,
                **form.cleaned_data,
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "The referral was recorded. We'll remind you to check in.")
            return redirect("supportline:support_records_contact", support_request.pk)
    return _contact_page(request, support_request, referral_form=form, status=400)


@login_required
@require_POST
def referral_outcome(request, referral_id: int):
    referral = records_selectors.referral_for_user(request.user, referral_id)
    form = ReferralOutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose what came of the referral.")
    else:
        try:
            records.referral_outcome_set(
                by=request.user, referral=referral, outcome=form.cleaned_data["outcome"]
            )
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, "The referral's outcome was saved.")
    return redirect("supportline:support_records_contact", referral.request_id)


# --- Resource directory ------------------------------------------------------------------------


@login_required
def resource_list(request):
    if not policy.institutions_for(request.user).exists():
        raise Http404
    listed = records_selectors.resources_for(request.user).order_by(
        "institution__name", "-is_crisis", "kind", "name"
    )
    editable_ids = set(policy.administered_institutions(request.user).values_list("pk", flat=True))
    context = {"resources": listed, "editable_ids": editable_ids}
    return render(request, "supportline/records_resources.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resource_create(request):
    institutions = policy.administered_institutions(request.user)
    if not institutions.exists():
        raise Http404
    form = ResourceCreateForm(request.POST or None, institutions=institutions)
    if saved := form_submit(
        request, form, lambda data: resources.resource_create(by=request.user, **data)
    ):
        messages.success(request, f"{saved.value.name} was added to the directory.")
        return redirect("supportline:support_records_resources")
    context = {"form": form, "title": "Add a service"}
    return render(request, "supportline/records_resource_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resource_edit(request, resource_id: int):
    resource = records_selectors.resource_managed_by_user(request.user, resource_id)
    form = ResourceForm(request.POST or None, instance=copy.deepcopy(resource))
    if form_submit(
        request,
        form,
        lambda data: resources.resource_update(by=request.user, resource=resource, **data),
    ):
        messages.success(request, "Your changes were saved.")
        return redirect("supportline:support_records_resources")

    context = {"form": form, "title": f"Edit {resource.name}", "resource": resource}
    return render(request, "supportline/records_resource_form.html", context)


@login_required
@require_POST
def resource_delete(request, resource_id: int):
    resource = records_selectors.resource_managed_by_user(request.user, resource_id)
    try:
        resources.resource_delete(by=request.user, resource=resource)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{resource.name} was removed from the directory.")
    return redirect("supportline:support_records_resources")


# --- Demand and staffing dashboard -------------------------------------------------------------


@login_required
def dashboard_list(request):
    lines = list(dashboard.lines_with_dashboard(request.user))
    if not lines:
        raise Http404
    if len(lines) == 1:
        return redirect("supportline:support_records_dashboard", lines[0].pk)
    return render(request, "supportline/records_dashboards.html", {"lines": lines})


@login_required
def dashboard_page(request, line_id: int):
    line = dashboard.line_for_dashboard(request.user, line_id)
    board = dashboard.line_dashboard(line)
    return render(request, "supportline/records_dashboard.html", {"board": board})
