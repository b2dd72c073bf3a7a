"""On-call rota pages: lines, a line's week and coverage, shifts, training, and a mentor's own
shifts. Views parse, authorize through the selectors (a foreign id is a 404), call one service
and render."""

import datetime

import icalendar
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.forms import form_submit
from nearpeer.supportline import access
from nearpeer.supportline.forms import rota as forms
from nearpeer.supportline.selectors import rota as rs
from nearpeer.supportline.services import rota, shifts
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import PROGRAM_STAFF_ROLES, Role


def _line_url(line, shift=None) -> str:
    url = reverse("supportline:support_rota_line", args=[line.pk])
    if shift is not None:
        monday = rs.monday_of(shift.starts_at.astimezone(rs.line_zone(line)).date())
        url += f"?week={monday.isoformat()}"
    return url


# --- Lines -------------------------------------------------------------------------------------


@login_required
def lines(request):
    visible = rs.lines_list(request.user)
    can_open = policy.administered_institutions(request.user).exists()
    # Program staff reach this page from the menu even before their office opens a line.
    runs_a_program = bool(policy.roles_of(request.user) & PROGRAM_STAFF_ROLES)
    if not visible and not can_open and not runs_a_program:
        raise Http404
    return render(request, "supportline/rota_lines.html", {"lines": visible, "can_open": can_open})


@login_required
@require_http_methods(["GET", "POST"])
def line_create(request):
    institutions = policy.administered_institutions(request.user)
    if not institutions.exists():
        raise Http404
    programs = policy.programs_managed(request.user).filter(institution__in=institutions)
    form = forms.LineForm(
        request.POST or None,
        institutions=institutions,
        programs=programs.select_related("institution"),
        initial={"institution": institutions.first()},
    )
    if saved := form_submit(
        request, form, lambda data: rota.support_line_create(by=request.user, **data)
    ):
        messages.success(request, f"{saved.value.name} is open. Next: add its shifts.")
        return redirect("supportline:support_rota_line", saved.value.pk)
    return render(request, "supportline/rota_line_form.html", {"form": form, "line": None})


@login_required
@require_http_methods(["GET", "POST"])
def line_edit(request, line_id: int):
    line = rs.line_administered_by_user(request.user, line_id)
    initial = {
        "name": line.name,
        "description": line.description,
        "programs": list(line.programs.all()),
        "escalation_minutes": line.escalation_minutes,
        "retention_days_after_year_end": line.retention_days_after_year_end,
    }
    form = forms.LineForm(
        request.POST or None,
        initial=initial,
        institutions=None,
        programs=line.institution.programs.all(),
        editing=True,
    )
    if form_submit(
        request, form, lambda data: rota.support_line_update(by=request.user, line=line, **data)
    ):
        messages.success(request, "The line's details are saved.")
        return redirect("supportline:support_rota_line", line.pk)
    return render(request, "supportline/rota_line_form.html", {"form": form, "line": line})


@login_required
def line_detail(request, line_id: int):
    line = rs.line_for_user(request.user, line_id)
    today = rs.line_today(line)
    try:
        monday = rs.monday_of(datetime.date.fromisoformat(request.GET.get("week", "")))
    except ValueError:
        monday = rs.monday_of(today)
    weeks = rs.clamp_weeks(request.GET.get("weeks"))
    trained = rs.trained_mentor_ids(line)
    report = rs.coverage(line, today, weeks * 7, trained)
    decides = rs.can_decide_swaps(request.user, line)
    context = {
        "line": line,
        "zone": line.institution.time_zone,
        "days": rs.week_grid(line, monday, trained),
        "monday": monday,
        "previous_week": monday - datetime.timedelta(days=7),
        "next_week": monday + datetime.timedelta(days=7),
        "weeks": weeks,
        "week_choices": [1, 2, 4, 8, 12],
        "gap_days": [d for d in report if d.gaps],
        "uncovered_hours": round(sum(d.uncovered_minutes for d in report) / 60, 1),
        "coverage_help": rs.COVERAGE_HELP,
        "manages": rs.can_manage_rota(request.user, line),
        "administers": policy.can_administer_institution(request.user, line.institution),
        "records_training": rs.can_record_training(request.user, line),
        "can_sign_up": rs.is_line_mentor(request.user, line) and request.user.pk in trained,
        "swaps": rs.pending_swaps(line) if decides else [],
        "now": timezone.now(),
    }
    return render(request, "supportline/rota_line.html", context)


# --- Training ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def training(request, line_id: int):
    line = rs.line_for_user(request.user, line_id)
    if not rs.can_record_training(request.user, line):
        raise Http404
    form = forms.TrainingForm(
        request.POST or None, line=line, initial={"completed_on": rs.line_today(line)}
    )
    if form_submit(
        request,
        form,
        lambda data: rota.mentor_training_record(by=request.user, line=line, **data),
    ):
        messages.success(
            request, f"{form.cleaned_data['user'].display_name}'s training is recorded."
        )
        return redirect("supportline:support_rota_training", line.pk)
    completed = dict(line.trainings.values_list("user_id", "completed_on"))
    mentors = [(m, completed.get(m.pk)) for m in rs.line_mentors(line)]
    return render(
        request, "supportline/rota_training.html", {"line": line, "form": form, "mentors": mentors}
    )


# --- Shifts ------------------------------------------------------------------------------------


def _managed_line(request, line_id):
    line = rs.line_for_user(request.user, line_id)
    if not rs.can_manage_rota(request.user, line):
        raise Http404
    return line


@login_required
@require_http_methods(["GET", "POST"])
def shift_create(request, line_id: int):
    line = _managed_line(request, line_id)
    form = forms.ShiftForm(request.POST or None, line=line)
    if saved := form_submit(
        request,
        form,
        lambda _: shifts.shift_create(by=request.user, line=line, **form.service_kwargs()),
    ):
        messages.success(request, "The shift is added.")
        return redirect(_line_url(line, saved.value))
    return render(
        request, "supportline/rota_shift_form.html", {"form": form, "line": line, "weekly": False}
    )


@login_required
@require_http_methods(["GET", "POST"])
def shifts_weekly(request, line_id: int):
    line = _managed_line(request, line_id)
    form = forms.WeeklyForm(request.POST or None, line=line)
    if saved := form_submit(
        request,
        form,
        lambda data: shifts.shifts_create_weekly(by=request.user, line=line, **data),
    ):
        added = saved.value
        messages.success(request, f"{len(added)} shifts are added.")
        return redirect(_line_url(line, added[0]))
    return render(
        request, "supportline/rota_shift_form.html", {"form": form, "line": line, "weekly": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_detail(request, shift_id: int):
    shift = rs.shift_for_user(request.user, shift_id)
    line = shift.line
    manages = rs.can_manage_rota(request.user, line)
    assign_form = None
    if manages:
        initial = {"mentor": shift.mentor_id, "backup": shift.backup_id}
        assign_form = forms.AssignForm(request.POST or None, line=line, initial=initial)
        if form_submit(
            request,
            assign_form,
            lambda data: shifts.shift_assign(by=request.user, shift=shift, **data),
        ):
            messages.success(request, "The shift's people are saved.")
            return redirect("supportline:support_rota_shift", shift.pk)
    elif request.method == "POST":
        raise Http404
    zone = rs.line_zone(line)
    context = {
        "shift": shift,
        "line": line,
        "local_start": shift.starts_at.astimezone(zone),
        "local_end": shift.ends_at.astimezone(zone),
        "manages": manages,
        "assign_form": assign_form,
        "back": _line_url(line, shift),
    }
    return render(request, "supportline/rota_shift.html", context)


def _act(request, service, shift, success: str):
    try:
        service(by=request.user, shift=shift)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


@login_required
@require_POST
def shift_publish(request, shift_id: int):
    shift = rs.shift_for_user(request.user, shift_id)
    _act(request, shifts.shift_publish, shift, "The shift is published.")
    return redirect(_line_url(shift.line, shift))


@login_required
@require_POST
def shift_cancel(request, shift_id: int):
    shift = rs.shift_for_user(request.user, shift_id)
    _act(request, shifts.shift_cancel, shift, "The shift is cancelled.")
    return redirect(_line_url(shift.line, shift))


@login_required
@require_POST
def shift_sign_up(request, shift_id: int):
    shift = rs.shift_for_user(request.user, shift_id)
    _act(request, shifts.shift_sign_up, shift, "Thank you: the shift is yours.")
    return redirect("supportline:support_rota_mine")


@login_required
@require_http_methods(["GET", "POST"])
def shift_swap(request, shift_id: int):
    shift = rs.shift_for_user(request.user, shift_id)
    if shift.mentor_id != request.user.pk:
        raise Http404
    form = forms.SwapForm(request.POST or None, partners=rs.swap_partners(request.user, shift))
    if form_submit(
        request,
        form,
        lambda data: shifts.shift_swap_request(by=request.user, shift=shift, **data),
    ):
        messages.success(request, "Your swap request is waiting for approval.")
        return redirect("supportline:support_rota_mine")

    zone = rs.line_zone(shift.line)
    context = {
        "shift": shift,
        "form": form,
        "local_start": shift.starts_at.astimezone(zone),
        "local_end": shift.ends_at.astimezone(zone),
    }
    return render(request, "supportline/rota_swap.html", context)


@login_required
@require_POST
def swap_decide(request, swap_id: int):
    swap = rs.swap_for_decider(request.user, swap_id)
    approve = request.POST.get("decision") == "approve"
    try:
        shifts.shift_swap_decide(by=request.user, swap=swap, approve=approve)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Swap approved." if approve else "Swap declined.")
    return redirect(_line_url(swap.shift.line, swap.shift))


# --- A mentor's own shifts ---------------------------------------------------------------------


def _mentor_lines(request) -> list:
    if Role.PEER_MENTOR not in policy.roles_of(request.user):
        raise Http404
    return list(access.support_lines_mentored(request.user).select_related("institution"))


@login_required
def mine(request):
    mentored = _mentor_lines(request)
    trained = set(
        request.user.mentor_trainings.filter(line__in=mentored).values_list("line_id", flat=True)
    )
    context = {
        "shifts": rs.my_upcoming_shifts(request.user),
        "open_shifts": [s for s in rs.open_shifts_for(request.user) if s.line_id in trained],
        "swaps": rs.my_swaps(request.user),
        "untrained": [line for line in mentored if line.pk not in trained],
        "no_line": not mentored,
    }
    return render(request, "supportline/rota_mine.html", context)


@login_required
def mine_ics(request):
    """The signed-in person's shifts as an .ics download (on call and as backup)."""
    if not (
        access.support_lines_mentored(request.user).exists()
        or access.support_lines_backed(request.user).exists()
    ):
        raise Http404
    now = timezone.now()
    calendar = icalendar.Calendar.new(
        name="My support-line shifts", prodid="-//nearpeer//support-line rota//EN"
    )
    for event in rs.shift_events_for(
        request.user, now - datetime.timedelta(days=30), now + datetime.timedelta(days=366)
    ):
        calendar.add_component(event)
    calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="support-line-shifts.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
