"""Pages where program staff and the well-being office run programs, members and calendars."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.accounts.services import user_get_or_create
from nearpeer.forms import apply_service_errors
from nearpeer.tenancy import forms, policy, selectors, services

# Edit forms get a copy of the object: a ModelForm writes cleaned values onto its instance while
# validating, and the service must see the stored values to know what changed.


@login_required
def institution_detail(request, institution_id: int):
    institution = selectors.institution_administered_by_user(request.user, institution_id)
    members = selectors.institution_wide_members(request.user, institution)
    context = {"institution": institution, "members": members}
    return render(request, "tenancy/institution_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request, institution_id: int):
    institution = selectors.institution_administered_by_user(request.user, institution_id)
    form = forms.InstitutionForm(request.POST or None, instance=copy.deepcopy(institution))
    if request.method == "POST" and form.is_valid():
        try:
            services.institution_update(
                by=request.user, institution=institution, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Your changes were saved.")
            return redirect("institution_detail", institution.pk)
    title = f"Edit {institution.name}"
    return render(request, "tenancy/program_form.html", {"form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
def institution_membership_add(request, institution_id: int):
    institution = selectors.institution_administered_by_user(request.user, institution_id)
    return _membership_add(request, institution=institution, program=None)


@login_required
def program_list(request):
    programs = selectors.programs_with_counts(request.user)
    can_add = policy.administered_institutions(request.user).exists()
    return render(request, "tenancy/program_list.html", {"programs": programs, "can_add": can_add})


@login_required
@require_http_methods(["GET", "POST"])
def program_create(request):
    institutions = policy.administered_institutions(request.user)
    if not institutions.exists():
        raise Http404
    form = forms.ProgramCreateForm(request.POST or None, institutions=institutions)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            program = services.program_create(by=request.user, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, f"{program.name} was added.")
            return redirect("program_detail", program.pk)
    return render(request, "tenancy/program_form.html", {"form": form, "title": "Add a program"})


@login_required
def program_detail(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    members = selectors.program_members(request.user, program)
    return render(request, "tenancy/program_detail.html", {"program": program, "members": members})


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    form = forms.ProgramForm(request.POST or None, instance=copy.deepcopy(program))
    if request.method == "POST" and form.is_valid():
        try:
            services.program_update(by=request.user, program=program, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, "Your changes were saved.")
            return redirect("program_detail", program.pk)
    return render(
        request, "tenancy/program_form.html", {"form": form, "title": f"Edit {program.name}"}
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    return _membership_add(request, institution=program.institution, program=program)


def _membership_add(request, *, institution, program):
    roles = policy.grantable_roles(request.user, program, institution)
    form = forms.MembershipAddForm(request.POST or None, roles=roles, program=program)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                person, _ = user_get_or_create(email=data["email"], full_name=data["full_name"])
                services.membership_create(
                    by=request.user,
                    user=person,
                    role=data["role"],
                    institution=institution,
                    program=program,
                    cohort=data["cohort"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    request=request,
                )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(
                request, f"{person.display_name} was added to {program or institution}."
            )
            if program is None:
                return redirect("institution_detail", institution.pk)
            return redirect("program_detail", program.pk)
    context = {"form": form, "program": program, "institution": institution}
    return render(request, "tenancy/membership_form.html", context)


@login_required
@require_POST
def membership_end(request, membership_id: int):
    membership = selectors.membership_managed_by_user(request.user, membership_id)
    try:
        services.membership_end(by=request.user, membership=membership, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{membership.user.display_name}'s role as {membership.get_role_display()} has ended.",
        )
    if membership.program_id:
        return redirect("program_detail", membership.program_id)
    return redirect("institution_detail", membership.institution_id)


def _calendar_scopes(user) -> list[tuple[str, str]]:
    scopes = [
        (f"i{inst.pk}", f"All of {inst.name}") for inst in policy.administered_institutions(user)
    ]
    scopes += [(f"p{p.pk}", p.name) for p in policy.programs_managed(user).order_by("name")]
    return scopes


@login_required
@require_http_methods(["GET", "POST"])
def calendar_list(request):
    scopes = _calendar_scopes(request.user)
    form = forms.CalendarForm(request.POST or None, scopes=scopes) if scopes else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            calendar = _create_calendar(request, form)
            if calendar is not None:
                messages.success(
                    request, f"{calendar.name} was added. Now add its exams, holidays and finals."
                )
                return redirect("calendar_detail", calendar.pk)
    calendars = selectors.calendars_visible(request.user)
    return render(request, "tenancy/calendar_list.html", {"calendars": calendars, "form": form})


def _create_calendar(request, form):
    scope = form.cleaned_data["scope"]
    if scope.startswith("i"):
        institution = policy.administered_institutions(request.user).get(pk=int(scope[1:]))
        program = None
    else:
        program = (
            policy.programs_managed(request.user)
            .select_related("institution")
            .get(pk=int(scope[1:]))
        )
        institution = program.institution
    data = {k: form.cleaned_data[k] for k in ("name", "starts_on", "ends_on")}
    try:
        return services.calendar_create(
            by=request.user, institution=institution, program=program, **data
        )
    except ValidationError as exc:
        apply_service_errors(form, exc)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def calendar_detail(request, calendar_id: int):
    calendar = selectors.calendar_for_user(request.user, calendar_id)
    can_edit = policy.calendars_managed(request.user).filter(pk=calendar.pk).exists()
    form = forms.BlackoutForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.blackout_create(by=request.user, calendar=calendar, **form.cleaned_data)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, f"{form.cleaned_data['name']} was added.")
                return redirect("calendar_detail", calendar.pk)
    context = {
        "calendar": calendar,
        "blackouts": calendar.blackouts.all(),
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "tenancy/calendar_detail.html", context)


@login_required
@require_POST
def blackout_delete(request, blackout_id: int):
    blackout = selectors.blackout_managed_by_user(request.user, blackout_id)
    services.blackout_delete(by=request.user, blackout=blackout)
    messages.success(request, f"{blackout.name} was removed.")
    return redirect("calendar_detail", blackout.calendar_id)
