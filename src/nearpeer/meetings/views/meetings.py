"""Sessions pages: one session and who leads it, facilitators' and trainees' lists, and
availability. Views parse, authorize through selectors, call one service
and render."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.forms import form_submit
from nearpeer.meetings import access, forms, selectors, services
from nearpeer.once import submit_once
from nearpeer.paging import page_of
from nearpeer.tenancy import policy

# --- One session ------------------------------------------------------------------------------


def _detail(request, meeting, status=200, **bound):
    manages = policy.can_manage_program(request.user, meeting.program)
    context = {
        "meeting": meeting,
        "local_start": meeting.starts_at.astimezone(_zone(meeting)),
        "local_end": meeting.ends_at.astimezone(_zone(meeting)),
        "manages": manages,
        "leads": any(f.user_id == request.user.pk for f in meeting.facilitations.all()),
    }
    if manages:
        context |= _staff_forms(request, meeting, **bound)
        context["history"] = selectors.history(meeting)
    return render(request, "meetings/meeting_detail.html", context, status=status)


def _zone(meeting):
    return ZoneInfo(meeting.program.time_zone)


def _staff_forms(request, meeting, **bound) -> dict:
    local = meeting.starts_at.astimezone(_zone(meeting))
    plans = selectors.plans_for_series(request.user, meeting.program)
    candidates = selectors.facilitator_candidates(request.user, meeting)
    current = meeting.facilitators.all()
    edit_initial = {
        "modality": meeting.modality,
        "room": meeting.room,
        "video_link": meeting.video_link,
        "plan": meeting.plan_id,
    }
    return {
        "move_form": bound.get("move_form")
        or forms.MoveForm(initial={"on": local.date(), "at": local.time()}),
        "cancel_form": bound.get("cancel_form") or forms.CancelForm(),
        "edit_form": bound.get("edit_form")
        or forms.MeetingEditForm(initial=edit_initial, plans=plans),
        "pin_form": bound.get("pin_form") or forms.PinForm(candidates=candidates),
        "swap_form": bound.get("swap_form")
        or forms.SwapForm(current=current, candidates=candidates),
        "staff_error": bound.get("staff_error", ""),
    }


@login_required
def meeting_detail(request, meeting_id: int):
    return _detail(request, selectors.meeting_for_user(request.user, meeting_id))


def _meeting_action(request, meeting_id, form_name, form, call):
    """Run one form-backed change to a meeting and come back to its page."""
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    if form_submit(request, form, lambda data: call(meeting, data)):
        return redirect("meetings:meeting_detail", meeting.pk)
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    return _detail(request, meeting, status=400, **{form_name: form})


@login_required
@require_POST
@submit_once
def meeting_move(request, meeting_id: int):
    form = forms.MoveForm(request.POST)

    def call(meeting, data):
        starts_at = form.starts_at(meeting.program.time_zone)
        services.meeting_move(
            by=request.user, meeting=meeting, starts_at=starts_at, reason=data["reason"]
        )
        messages.success(
            request, "The session was moved; attendees and facilitators are told by email."
        )

    return _meeting_action(request, meeting_id, "move_form", form, call)


@login_required
@require_POST
def meeting_cancel(request, meeting_id: int):
    form = forms.CancelForm(request.POST)

    def call(meeting, data):
        services.meeting_cancel(by=request.user, meeting=meeting, reason=data["reason"])
        messages.success(
            request, "The session was cancelled; attendees and facilitators are told by email."
        )

    return _meeting_action(request, meeting_id, "cancel_form", form, call)


@login_required
@require_POST
def meeting_edit(request, meeting_id: int):
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    plans = selectors.plans_for_series(request.user, meeting.program)
    form = forms.MeetingEditForm(request.POST, plans=plans)

    def call(meeting, data):
        services.meeting_update(by=request.user, meeting=meeting, **data)
        messages.success(request, "Your changes were saved.")

    return _meeting_action(request, meeting_id, "edit_form", form, call)


# --- Facilitators of one session (htmx re-renders the block) ----------------------------------


def _facilitators_changed(request, meeting_id, call, form=None):
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    error = ""
    if form is not None and not form.is_valid():
        error = "Choose a facilitator from the list."
    else:
        try:
            call(meeting, form.cleaned_data if form is not None else {})
        except ValidationError as exc:
            error = " ".join(exc.messages)
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    if request.htmx:
        context = {"meeting": meeting, "manages": True} | _staff_forms(
            request, meeting, staff_error=error
        )
        return render(request, "meetings/_facilitators.html", context, status=400 if error else 200)
    if error:
        return _detail(request, meeting, status=400, staff_error=error)
    return redirect("meetings:meeting_detail", meeting.pk)


@login_required
@require_POST
def facilitator_pin(request, meeting_id: int):
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    form = forms.PinForm(
        request.POST, candidates=selectors.facilitator_candidates(request.user, meeting)
    )

    def call(meeting, data):
        services.facilitation_pin(by=request.user, meeting=meeting, user=data["user"])

    return _facilitators_changed(request, meeting_id, call, form)


@login_required
@require_POST
def facilitator_swap(request, meeting_id: int):
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    form = forms.SwapForm(
        request.POST,
        current=meeting.facilitators.all(),
        candidates=selectors.facilitator_candidates(request.user, meeting),
    )

    def call(meeting, data):
        services.facilitation_swap(by=request.user, meeting=meeting, **data)

    return _facilitators_changed(request, meeting_id, call, form)


@login_required
@require_POST
def facilitator_unpin(request, meeting_id: int, user_id: int):
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    person = selectors.facilitator_on_meeting(request.user, meeting, user_id)
    return _facilitators_changed(
        request,
        meeting_id,
        lambda m, _: services.facilitation_unpin(by=request.user, meeting=m, user=person),
    )


@login_required
@require_POST
def facilitator_remove(request, meeting_id: int, user_id: int):
    meeting = selectors.meeting_managed_by_user(request.user, meeting_id)
    person = selectors.facilitator_on_meeting(request.user, meeting, user_id)
    return _facilitators_changed(
        request,
        meeting_id,
        lambda m, _: services.facilitation_remove(by=request.user, meeting=m, user=person),
    )


# --- Facilitators and trainees ----------------------------------------------------------------


@login_required
def mine(request):
    page = page_of(request, selectors.my_upcoming_queryset(request.user))
    context = {
        "rows": _local_rows(page),
        "page": page,
        "leads": access.can_facilitate(request.user),
    }
    return render(request, "meetings/mine.html", context)


@login_required
def upcoming(request):
    page = page_of(request, selectors.upcoming_for_member_queryset(request.user))
    context = {
        "rows": _local_rows(page),
        "page": page,
        "runs": selectors.programs_run(request.user),
    }
    return render(request, "meetings/upcoming.html", context)


def _local_rows(meetings):
    return [(m, m.starts_at.astimezone(ZoneInfo(m.program.time_zone))) for m in meetings]


@login_required
@require_POST
def rsvp(request, meeting_id: int):
    meeting = selectors.meeting_for_user(request.user, meeting_id)
    try:
        if request.POST.get("going") == "1":
            services.rsvp_create(user=request.user, meeting=meeting)
            messages.success(
                request, "Thanks, you're on the list. We'll remind you the day before."
            )
        else:
            services.rsvp_delete(user=request.user, meeting=meeting)
            messages.success(request, "You're no longer on the list for this session.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    if request.POST.get("next") == "detail":
        return redirect("meetings:meeting_detail", meeting.pk)
    return redirect("meetings:upcoming")


# --- Availability -----------------------------------------------------------------------------


def _facilitator_only(request):
    if not access.can_facilitate(request.user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def availability(request):
    _facilitator_only(request)
    window_form = forms.WindowForm(request.POST if request.POST.get("form") == "window" else None)
    exception_form = forms.ExceptionForm(
        request.POST if request.POST.get("form") == "exception" else None
    )
    mine_now = selectors.my_availability(request.user)
    cap_form = forms.CapForm(
        request.POST if request.POST.get("form") == "cap" else None,
        initial={"monthly_cap": mine_now.monthly_cap},
    )
    bound = next((f for f in (window_form, exception_form, cap_form) if f.is_bound), None)
    if bound is not None and form_submit(
        request, bound, lambda _: _availability_save(request.user, bound)
    ):
        messages.success(request, "Saved. Thank you: this helps us plan sessions around you.")
        return redirect("meetings:availability")

    context = {
        "mine": mine_now,
        "window_form": window_form,
        "exception_form": exception_form,
        "cap_form": cap_form,
    }
    return render(request, "meetings/availability.html", context, status=400 if bound else 200)


def _availability_save(user, form) -> None:
    data = form.cleaned_data
    if isinstance(form, forms.WindowForm):
        services.availability_window_add(user=user, **data)
    elif isinstance(form, forms.ExceptionForm):
        services.availability_exception_set(user=user, **data)
    else:
        services.facilitator_cap_set(user=user, **data)


@login_required
@require_POST
def availability_window_remove(request, window_id: int):
    window = selectors.own_window(request.user, window_id)
    services.availability_window_remove(user=request.user, window=window)
    messages.success(request, "That time was removed.")
    return redirect("meetings:availability")


@login_required
@require_POST
def availability_exception_remove(request, exception_id: int):
    exception = selectors.own_exception(request.user, exception_id)
    services.availability_exception_remove(user=request.user, exception=exception)
    messages.success(request, "That date was removed.")
    return redirect("meetings:availability")
