"""Pages for attendance, self check-in, anonymous feedback and calendar links. Views parse,
authorize through the policy (a foreign id is a 404), call one service and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nearpeer.forms import form_submit
from nearpeer.meetings import feedback, feeds
from nearpeer.meetings.forms import CheckInForm, FeedbackForm, FeedCreateForm, ToggleForm
from nearpeer.meetings.services import attendance

# --- Attendance ---------------------------------------------------------------------------------


@login_required
@require_GET
def attendance_page(request, meeting_id: int):
    meeting = attendance.meeting_for_attendance(request.user, meeting_id)
    search = request.GET.get("q", "")
    context = {
        "meeting": meeting,
        "people": attendance.roster(request.user, meeting, search),
        "q": search,
        "present_count": attendance.present_count(meeting),
        "local_start": attendance.local_start(meeting),
        "is_open": attendance.is_open(meeting),
        "opens": meeting.starts_at - attendance.OPENS_BEFORE <= timezone.now(),
    }
    if request.htmx and request.htmx.target == "attendance-list":
        return render(request, "meetings/attendance_list.html", context)
    return render(request, "meetings/attendance_page.html", context)


@login_required
@require_POST
def attendance_toggle(request, meeting_id: int, user_id: int):
    meeting = attendance.meeting_for_attendance(request.user, meeting_id)
    attendance.person_on_roster(request.user, meeting, user_id)  # 404 for anyone else
    form = ToggleForm(request.POST)
    error = ""
    if not form.is_valid():
        error = "Say whether the person is present."
    else:
        try:
            attendance.attendance_set(
                by=request.user, meeting=meeting, person_id=user_id,
                present=form.cleaned_data["present"],
            )  # fmt: skip
        except ValidationError as exc:
            error = " ".join(exc.messages)
    if request.htmx:
        context = {
            "meeting": meeting,
            "person": attendance.person_on_roster(request.user, meeting, user_id),
            "q": request.POST.get("q", ""),
            "error": error,
            "present_count": attendance.present_count(meeting),
            "count_oob": True,
        }
        return render(request, "meetings/attendance_row.html", context)
    if error:
        messages.error(request, error)
    url = reverse("meetings:attendance", args=[meeting.pk])
    search = request.POST.get("q", "").strip()
    return redirect(f"{url}?q={search}#person-{user_id}" if search else f"{url}#person-{user_id}")


@login_required
@require_GET
def attendance_overview(request):
    meetings = attendance.attendance_overview(request.user)
    rows = [(m, attendance.local_start(m)) for m in meetings]
    return render(request, "meetings/attendance_overview.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request):
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if saved := form_submit(
        request,
        form,
        lambda data: attendance.attendance_check_in(user=request.user, code=data["code"]),
    ):
        mark, new = saved.value
        title = mark.meeting.plan.title if mark.meeting.plan else mark.meeting.series.name
        messages.success(
            request,
            f"You're checked in to “{title}”. Welcome!"
            if new
            else f"You were already checked in to “{title}”. Welcome!",
        )
        return redirect("meetings:check_in")
    status = 400 if form.is_bound else 200
    return render(request, "meetings/attendance_check_in.html", {"form": form}, status=status)


# --- Anonymous feedback -------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def feedback_give(request, token: str):
    invite = feedback.invite_for_token(token)
    state = feedback.invite_state(invite)
    meeting = invite.meeting
    if state != "open":
        return render(
            request,
            "meetings/feedback_closed.html",
            {"state": state, "meeting": meeting},
            status=410,
        )
    form = FeedbackForm(request.POST if request.method == "POST" else None)
    if form_submit(request, form, lambda data: feedback.feedback_submit(token=token, **data)):
        return render(request, "meetings/feedback_thanks.html", {"meeting": meeting})

    status = 400 if form.is_bound else 200
    context = {"form": form, "meeting": meeting, "local_start": attendance.local_start(meeting)}
    return render(request, "meetings/feedback_form.html", context, status=status)


@login_required
@require_GET
def meeting_feedback(request, meeting_id: int):
    figure = feedback.meeting_feedback(request.user, meeting_id)
    context = {
        "figure": figure,
        "meeting": figure.meeting,
        "local_start": attendance.local_start(figure.meeting),
        "not_shown": feedback.NOT_SHOWN,
    }
    return render(request, "meetings/feedback_summary.html", context)


@login_required
@require_GET
def program_feedback(request, program_id: int):
    summary = feedback.program_feedback(request.user, program_id)
    context = {"summary": summary, "not_shown": feedback.NOT_SHOWN}
    return render(request, "meetings/feedback_program.html", context)


# --- Calendars ----------------------------------------------------------------------------------


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def feed_list(request):
    programs = feeds.programs_for_feeds(request.user)
    form = FeedCreateForm(request.POST if request.method == "POST" else None, programs=programs)
    new_url = None
    if form.is_bound and form.is_valid():
        _, raw = feeds.feed_create(by=request.user, program=form.cleaned_data["program"])
        new_url = feeds.feed_url(raw)
        form = FeedCreateForm(programs=programs)
    context = {
        "form": form,
        "feeds": feeds.feeds_visible(request.user),
        "new_url": new_url,
        "manages": programs.exists(),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "meetings/feeds_list.html", context, status=status)


@login_required
@require_POST
def feed_revoke(request, feed_id: int):
    feed = feeds.feed_for_user(request.user, feed_id)
    feeds.feed_revoke(by=request.user, feed=feed)
    messages.success(request, "That calendar link no longer works. You can make a new one.")
    return redirect("meetings:feeds")


@never_cache
@require_GET
def feed_ics(request, token: str):
    return _ics(feeds.feed_calendar(token), "nearpeer.ics")


@login_required
@require_GET
def meeting_ics(request, meeting_id: int):
    meeting, body = feeds.meeting_calendar(request.user, meeting_id)
    return _ics(body, f"session-{meeting.pk}.ics")
