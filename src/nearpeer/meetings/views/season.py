"""Program staff's pages: the season, new series, and staffing (now or in the background)."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.forms import form_submit
from nearpeer.meetings import forms, selectors, services
from nearpeer.meetings.views import progress
from nearpeer.once import submit_once


def _say(outcome) -> str:
    if outcome.queued:
        return (
            f"{outcome.meetings} sessions are being staffed in the background: this page shows "
            "the result when it's done."
        )
    if not outcome.meetings:
        return "There are no upcoming sessions to staff."
    text = f"{outcome.staffed} of {outcome.meetings} upcoming sessions are staffed."
    if outcome.unstaffed:
        text += " Not staffed: " + "; ".join(outcome.unstaffed[:5])
        text += "…" if len(outcome.unstaffed) > 5 else "."
    return text


# --- Program staff: season, series, staffing --------------------------------------------------


@login_required
def season(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    today = timezone.localdate()
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    year = year or selectors.academic_year_of(today)
    context = {"program": program, "pending": progress.pending(request, program)}
    month = request.GET.get("month")
    if request.GET.get("view") == "calendar" or month:
        first = _month(month, today if year == selectors.academic_year_of(today) else None, year)
        the_season = selectors.season(request.user, program, year, month=first)
        context |= {
            "season": the_season,
            "month": first,
            "grid": selectors.month_grid(the_season.rows, first.year, first.month),
            "previous_month": (first - datetime.timedelta(days=1)).replace(day=1),
            "next_month": (first + datetime.timedelta(days=32)).replace(day=1),
        }
        return render(request, "meetings/season_calendar.html", context)
    the_season = selectors.season(request.user, program, year, page=request.GET.get("page"))
    context |= {"season": the_season, "page": the_season.page}
    return render(request, "meetings/season.html", context)


def _month(value, today, year) -> datetime.date:
    try:
        return datetime.date.fromisoformat(f"{value}-01")
    except (TypeError, ValueError):
        return (today or datetime.date(year, 9, 1)).replace(day=1)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def series_create(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    plans = selectors.plans_for_series(request.user, program)
    form = forms.SeriesForm(request.POST or None, plans=plans)
    if saved := form_submit(
        request,
        form,
        lambda _: services.series_create(by=request.user, program=program, **form.service_kwargs()),
    ):
        series, notes = saved.value
        messages.success(
            request, f"{series.name} was set up with {series.meetings.count()} sessions."
        )
        for note in notes:
            messages.info(request, note)
        return redirect("meetings:season", program.pk)

    return render(request, "meetings/series_form.html", {"form": form, "program": program})


@login_required
@require_POST
def series_staff(request, series_id: int):
    series = selectors.series_managed_by_user(request.user, series_id)
    return _staff(request, series.program, series=series)


@login_required
@require_POST
def program_staff(request, program_id: int):
    program = selectors.program_managed_by_user(request.user, program_id)
    return _staff(request, program)


def _staff(request, program, series=None):
    try:
        outcome = services.staffing_request(by=request.user, series=series, program=program)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        progress.remember(request, program, outcome)
        messages.success(request, _say(outcome))
    return redirect("meetings:season", program.pk)


@login_required
def staffing_status(request, program_id: int):
    """Polled by the season page while a background solve runs (htmx)."""
    program = selectors.program_managed_by_user(request.user, program_id)
    pending = progress.pending(request, program)
    response = render(
        request, "meetings/_staffing_status.html", {"pending": pending, "program": program}
    )
    if not pending:
        response["HX-Refresh"] = "true"
    return response


@login_required
def staffing(request):
    needs = selectors.staffing_needs(request.user)
    if not needs:
        raise Http404
    return render(
        request, "meetings/staffing.html", {"needs": needs, "rule": selectors.STAFFING_RULE}
    )
