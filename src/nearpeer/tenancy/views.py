"""Pages where program staff and the well-being office run programs, members and calendars."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.forms import apply_service_errors, form_submit
from nearpeer.once import submit_once
from nearpeer.paging import page_of
from nearpeer.tenancy import blackout_sessions, forms, invitations, policy, selectors, services
from nearpeer.tenancy.models import Invitation

# Edit forms get a copy of the object: a ModelForm writes cleaned values onto its instance while
# validating, and the service must see the stored values to know what changed.


@login_required
def institution_detail(request, institution_id: int):
    institution = selectors.institution_administered_by_user(request.user, institution_id)
    context = {
        "institution": institution,
        "members": selectors.institution_wide_members(request.user, institution),
        "invitations": selectors.invitations_waiting(request.user, institution=institution),
    }
    return render(request, "tenancy/institution_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def institution_edit(request, institution_id: int):
    institution = selectors.institution_administered_by_user(request.user, institution_id)
    form = forms.InstitutionForm(request.POST or None, instance=copy.deepcopy(institution))
    if form_submit(
        request,
        form,
        lambda data: services.institution_update(by=request.user, institution=institution, **data),
    ):
        messages.success(request, "Your changes were saved.")
        return redirect("institution_detail", institution.pk)
    title = f"Edit {institution.name}"
    return render(request, "tenancy/program_form.html", {"form": form, "title": title})


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
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
@submit_once
def program_create(request):
    institutions = policy.administered_institutions(request.user)
    if not institutions.exists():
        raise Http404
    form = forms.ProgramCreateForm(request.POST or None, institutions=institutions)
    if saved := form_submit(
        request, form, lambda data: services.program_create(by=request.user, **data)
    ):
        messages.success(request, f"{saved.value.name} was added.")
        return redirect("program_detail", saved.value.pk)
    return render(request, "tenancy/program_form.html", {"form": form, "title": "Add a program"})


@login_required
def program_detail(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    find = request.GET.get("find", "")[:100]
    page = page_of(request, selectors.program_members(request.user, program, find=find))
    context = {
        "program": program,
        "members": page,
        "page": page,
        "find": find,
        "invitations": selectors.invitations_waiting(request.user, program=program),
    }
    return render(request, "tenancy/program_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def program_edit(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    form = forms.ProgramForm(request.POST or None, instance=copy.deepcopy(program))
    if form_submit(
        request,
        form,
        lambda data: services.program_update(by=request.user, program=program, **data),
    ):
        messages.success(request, "Your changes were saved.")
        return redirect("program_detail", program.pk)
    return render(
        request, "tenancy/program_form.html", {"form": form, "title": f"Edit {program.name}"}
    )


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def membership_add(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    return _membership_add(request, institution=program.institution, program=program)


def _membership_add(request, *, institution, program):
    roles = policy.grantable_roles(request.user, program, institution)
    form = forms.MembershipAddForm(request.POST or None, roles=roles, program=program)
    if saved := form_submit(
        request,
        form,
        lambda data: invitations.person_add(
            by=request.user, institution=institution, program=program, request=request, **data
        ),
    ):
        messages.success(request, _added_message(saved.value, program or institution))
        if program is None:
            return redirect("institution_detail", institution.pk)
        return redirect("program_detail", program.pk)
    context = {"form": form, "program": program, "institution": institution}
    return render(request, "tenancy/membership_form.html", context)


def _added_message(added, place) -> str:
    if isinstance(added, Invitation):
        return (
            f"We emailed an invitation to {added.email}. Their role in {place} starts when "
            "they accept it."
        )
    return f"{added.user.display_name} was added to {place}."


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
@submit_once
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
@submit_once
def calendar_detail(request, calendar_id: int):
    calendar = selectors.calendar_for_user(request.user, calendar_id)
    can_edit = policy.calendars_managed(request.user).filter(pk=calendar.pk).exists()
    form = forms.BlackoutForm(request.POST or None) if can_edit else None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if saved := form_submit(
            request,
            form,
            lambda data: services.blackout_create(by=request.user, calendar=calendar, **data),
        ):
            _say_added(request, saved.value)
            return redirect("calendar_detail", calendar.pk)

    blackouts = list(calendar.blackouts.all())
    on_blackouts = (
        blackout_sessions.sessions_on_blackouts(request.user, blackouts) if can_edit else {}
    )
    context = {
        "calendar": calendar,
        "blackouts": blackouts,
        "form": form,
        "can_edit": can_edit,
        "clashes": [(b, on_blackouts[b.pk]) for b in blackouts if on_blackouts.get(b.pk)],
    }
    return render(request, "tenancy/calendar_detail.html", context)


def _say_added(request, blackout) -> None:
    clashing = blackout_sessions.sessions_on_blackouts(request.user, [blackout])[blackout.pk]
    if not clashing:
        messages.success(request, f"{blackout.name} was added.")
        return
    messages.warning(
        request,
        f"{blackout.name} was added, but {len(clashing)} scheduled session(s) fall on those "
        "days. They are listed under “Sessions still scheduled on these days”: move or cancel "
        "each one.",
    )


@login_required
@require_http_methods(["GET", "POST"])
def blackout_delete(request, blackout_id: int):
    """Removing days off asks first: the page says what removing means, and only its own
    button (which sends `confirm`) removes."""
    blackout = selectors.blackout_managed_by_user(request.user, blackout_id)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(request, "tenancy/blackout_delete.html", {"blackout": blackout})
    services.blackout_delete(by=request.user, blackout=blackout)
    messages.success(request, f"{blackout.name} was removed.")
    return redirect("calendar_detail", blackout.calendar_id)


# --- Invitations ---------------------------------------------------------------------------


@require_POST
@login_required
def invitation_revoke(request, invitation_id: int):
    invitation = selectors.invitation_managed_by_user(request.user, invitation_id)
    try:
        invitations.invitation_revoke(by=request.user, invitation=invitation, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The invitation to {invitation.email} was withdrawn.")
    if invitation.program_id:
        return redirect("program_detail", invitation.program_id)
    return redirect("institution_detail", invitation.institution_id)


@require_http_methods(["GET", "POST"])
def invitation_open(request, token: str):
    """The page an emailed invitation link opens: accept, sign in first, or set a password."""
    invitation = invitations.invitation_from_token(token)
    if invitation is None:
        return render(request, "tenancy/invitation_missing.html", status=404)
    user = request.user
    needs_sign_in = not user.is_authenticated and invitations.invitee_has_password(invitation)
    form = None
    if not user.is_authenticated and not needs_sign_in:
        form = forms.InvitationAcceptForm(
            request.POST or None, initial={"full_name": invitation.full_name}
        )
    if request.method == "POST" and not needs_sign_in:
        done = _invitation_accept(request, invitation, form)
        if done is not None:
            return done
    context = {
        "invitation": invitation,
        "form": form,
        "needs_sign_in": needs_sign_in,
        "wrong_person": user.is_authenticated and user.email.lower() != invitation.email,
    }
    return render(request, "tenancy/invitation.html", context)


def _invitation_accept(request, invitation, form):
    """Accept as the signed-in person, or make the account from the form; None on errors."""
    try:
        if request.user.is_authenticated:
            invitations.invitation_accept(invitation=invitation, user=request.user, request=request)
        elif form.is_valid():
            invitations.invitation_accept_new_account(
                invitation=invitation,
                full_name=form.cleaned_data["full_name"],
                password=form.cleaned_data["password1"],
                request=request,
            )
            # Sign in through the ordinary page, so the second step applies as always.
            messages.success(
                request, "Your account is ready and your role has started. Please sign in."
            )
            return redirect(f"{reverse('account_login')}?next={reverse('home')}")
        else:
            return None
    except ValidationError as exc:
        if form is not None:
            apply_service_errors(form, exc)
        else:
            messages.error(request, " ".join(exc.messages))
        return None
    place = invitation.program or invitation.institution
    messages.success(request, f"Welcome to {place}. Your role has started.")
    return redirect("home")
