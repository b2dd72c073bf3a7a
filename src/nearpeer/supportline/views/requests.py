"""Pages for reaching out, the conversation, the mentor's queue and the professionals' live board.

Sending the form redirects to the conversation page (post/redirect/get), and the form carries a
one-time key, so reloading or sending it twice makes one request and one alert. Crisis resources are
at the top of that page whenever the request is high risk. Every page that shows request content to
staff writes the access log.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.forms import apply_service_errors, form_submit
from nearpeer.supportline import access
from nearpeer.supportline.forms import requests as forms
from nearpeer.supportline.models import Risk, SupportRequest, Topic
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.services import handling, intake
from nearpeer.tenancy import policy, zones

UNLOCKED_KEY = "nearpeer.support_unlocked"
# Anonymous requests sent from this browser: {request id: private link token}, to answer a second
# send of the same form; and {request id: code}, shown once on the confirmation page, then dropped.
SENT_KEY = "nearpeer.support_sent"
CODE_KEY = "nearpeer.support_code"
STAFF = ("mentor", "professional")


def _unlock(request, support_request: SupportRequest) -> None:
    unlocked = [i for i in request.session.get(UNLOCKED_KEY, []) if i != support_request.pk]
    request.session[UNLOCKED_KEY] = [*unlocked[-9:], support_request.pk]


def _unlocked(request, token: str) -> SupportRequest:
    """The anonymous request behind a private link, if this browser already gave its code."""
    support_request = selectors.request_by_token(token)
    if support_request.pk not in request.session.get(UNLOCKED_KEY, []):
        raise Http404
    return support_request


# --- Reaching out ------------------------------------------------------------------------------


def _nobody(request, lines, *, no_line: bool = False):
    institutions = {line.institution_id: line.institution for line in lines}
    if no_line:
        institutions = {i.pk: i for i in policy.institutions_for(request.user)}
    context = {
        "no_line": no_line,
        "lines": [{"line": line, "next_start": selectors.next_shift_start(line)} for line in lines],
        "places": [
            {
                "institution": inst,
                "crisis": selectors.crisis_resources(inst),
                "counseling": selectors.counseling_resources(inst),
            }
            for inst in institutions.values()
        ],
    }
    return render(request, "supportline/requests_nobody.html", context)


@login_required
def talk(request):
    lines = selectors.lines_for_requester(request.user)
    if not lines:
        return _nobody(request, [], no_line=True)
    return _talk(request, lines, public=False)


@login_required
def mine(request):
    """A signed-in requester's own named conversations (anonymous ones are reached by their link)."""
    rows = selectors.conversations_of_requester(request.user)
    return render(request, "supportline/requests_mine.html", {"rows": rows})


def talk_public(request, line_id: int):
    return _talk(request, [selectors.line_public(line_id)], public=True)


def _talk(request, lines, *, public: bool):
    on_call = [line for line in lines if selectors.is_on_call(line)]
    if not on_call:
        return _nobody(request, lines)
    form = forms.TalkForm(request.POST or None, lines=on_call, public=public)
    if request.method == "POST" and form.is_valid():
        line = form.cleaned_data.get("line") or on_call[0]
        requester = None if public else request.user
        try:
            submitted = intake.request_create(
                line=line, requester=requester, **form.service_fields()
            )
        except intake.NobodyOnCall:
            return _nobody(request, [line])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return _sent(request, submitted, public=public)
    context = {
        "form": form,
        "public": public,
        "line": on_call[0],
        "topics": Topic,
        "open_conversations": []
        if public
        else selectors.conversations_of_requester(request.user, open_only=True),
    }
    return render(request, "supportline/requests_talk.html", context)


def _sent(request, submitted, *, public: bool):
    """Redirect to the conversation, so a reload of the confirmation sends nothing again."""
    support_request = submitted.request
    if not support_request.anonymous:
        return redirect(
            reverse("supportline:support_request", args=[support_request.pk]) + "?sent=1"
        )
    pk = str(support_request.pk)
    sent = request.session.get(SENT_KEY, {})
    if submitted.return_token:
        _unlock(request, support_request)
        sent = dict(list(sent.items())[-9:]) | {pk: submitted.return_token}
        request.session[SENT_KEY] = sent
        request.session[CODE_KEY] = {pk: submitted.return_code}
    token = sent.get(pk)
    if token is None:  # sent again from a browser that no longer holds its private link
        messages.info(
            request,
            "This request was already sent. Use the private link and code you were given to "
            "come back to it.",
        )
        if public:
            return redirect("supportline:support_talk_public", line_id=support_request.line_id)
        return redirect("supportline:support_talk")
    return redirect(reverse("supportline:support_return", args=[token]) + "?sent=1")


# --- The conversation --------------------------------------------------------------------------


def _messages_url(support_request, token: str = "") -> str:
    if token:
        return reverse("supportline:support_return_messages", args=[token])
    return reverse("supportline:support_request_messages", args=[support_request.pk])


def _zone(request, support_request) -> str:
    """Signed-in people read times in their own zone; someone anonymous, in the line's."""
    if request.user.is_authenticated:
        return zones.zone_name_for(request.user)
    return support_request.line.institution.time_zone


def _conversation(request, support_request, viewer: str, *, sent=False, token="", code=""):
    items = handling.messages_after(support_request)
    if viewer in STAFF:
        # one entry for all the page shows: messages, screening reasons, risk history, preferences
        handling.messages_read_record(
            by=request.user, request=support_request, summary="conversation page", http=request
        )
    context = {
        "req": support_request,
        "viewer": viewer,
        "is_staff_view": viewer in STAFF,
        "zone": _zone(request, support_request),
        "items": items,
        "last_id": items[-1].pk if items else 0,
        "messages_url": _messages_url(support_request, token),
        "crisis": selectors.crisis_resources(support_request.line.institution),
        "submitted": sent and viewer == "requester",
        "return_url": request.build_absolute_uri(
            reverse("supportline:support_return", args=[token])
        )
        if sent and token
        else "",
        "return_code": intake.format_code(code) if code else "",
        "message_form": forms.MessageForm(),
        "topic_labels": [Topic(t).label for t in support_request.topics if t in Topic.values],
        "can_write": _can_write(request.user, support_request, viewer),
    }
    if viewer in STAFF:
        context |= {
            "risk_changes": support_request.risk_changes.select_related("by"),
            "risk_form": forms.RiskForm(),
            "pass_form": forms.PassForm(),
            "acknowledge_form": forms.AcknowledgeForm(),
            "ever_high": selectors.ever_high(support_request),
            "is_mine": support_request.mentor_id == request.user.pk,
        }
    return render(request, "supportline/requests_conversation.html", context)


def _can_write(user, support_request, viewer: str) -> bool:
    if support_request.status == SupportRequest.Status.CLOSED:
        return False
    if viewer == "mentor":
        return support_request.status == SupportRequest.Status.ACTIVE
    return True


def _messages(request, support_request, viewer: str, token: str = ""):
    """Poll (GET) or write (POST) the conversation; answers only what is new since `after`."""
    try:
        after = int(request.POST.get("after") or request.GET.get("after") or 0)
    except ValueError:
        after = 0
    form = forms.MessageForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                handling.message_send(
                    request=support_request,
                    body=form.cleaned_data["body"],
                    by=request.user if request.user.is_authenticated else None,
                    as_requester=viewer == "requester",
                )
                form = forms.MessageForm()
            except ValidationError as exc:
                apply_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
        support_request.refresh_from_db()
        if not request.htmx:
            for error in form.errors.values():
                messages.error(request, " ".join(error))
            target = (
                reverse("supportline:support_return", args=[token])
                if token
                else reverse("supportline:support_request", args=[support_request.pk])
            )
            return redirect(target)
    items = handling.messages_after(support_request, after)
    if items and viewer in STAFF:
        handling.messages_read_record(
            by=request.user, request=support_request, summary="new messages", http=request
        )
    context = {
        "req": support_request,
        "viewer": viewer,
        "zone": _zone(request, support_request),
        "items": items,
        "last_id": items[-1].pk if items else after,
        "messages_url": _messages_url(support_request, token),
        "message_form": form,
        "posted": request.method == "POST",
        "crisis": selectors.crisis_resources(support_request.line.institution),
        "can_write": _can_write(request.user, support_request, viewer),
    }
    return render(request, "supportline/requests__poll.html", context)


def return_page(request, token: str):
    """An anonymous requester's private link: the code first, then the conversation."""
    support_request = selectors.request_by_token(token)
    if support_request.pk in request.session.get(UNLOCKED_KEY, []):
        codes = request.session.get(CODE_KEY, {})
        code = codes.pop(str(support_request.pk), "")
        if code:
            request.session[CODE_KEY] = codes
        sent = request.GET.get("sent") == "1"
        return _conversation(
            request, support_request, "requester", sent=sent, token=token, code=code
        )
    form = forms.ReturnCodeForm(request.POST or None)
    if form_submit(
        request, form, lambda data: intake.request_unlock(token=token, code=data["code"])
    ):
        _unlock(request, support_request)
        return redirect("supportline:support_return", token=token)

    context = {"form": form, "crisis": selectors.crisis_resources(support_request.line.institution)}
    return render(request, "supportline/requests_return.html", context)


def return_messages(request, token: str):
    return _messages(request, _unlocked(request, token), "requester", token=token)


@login_required
def request_detail(request, request_id: int):
    support_request, viewer = selectors.request_for_user(request.user, request_id)
    sent = request.GET.get("sent") == "1"
    return _conversation(request, support_request, viewer, sent=sent)


@login_required
def request_messages(request, request_id: int):
    support_request, viewer = selectors.request_for_user(request.user, request_id)
    return _messages(request, support_request, viewer)


# --- Mentor and professional actions -----------------------------------------------------------


def _act(request, request_id: int, action, done: str, form_class=None):
    support_request = selectors.request_readable(request.user, request_id)
    fields = {}
    if form_class is not None:
        form = form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, " ".join(errors))
            return redirect("supportline:support_request", request_id=request_id)
        fields = form.cleaned_data
    try:
        action(by=request.user, request=support_request, **fields)
    except (ValidationError, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        messages.error(request, text)
    else:
        messages.success(request, done)
    return redirect("supportline:support_request", request_id=request_id)


@login_required
@require_POST
def request_accept(request, request_id: int):
    return _act(request, request_id, handling.request_accept, "You've accepted this request.")


@login_required
@require_POST
def request_pass(request, request_id: int):
    support_request = selectors.request_readable(request.user, request_id)
    form = forms.PassForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        passed = handling.request_pass(by=request.user, request=support_request, reason=reason)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("supportline:support_request", request_id=request_id)
    messages.success(request, handling.pass_outcome_text(passed))
    return redirect("supportline:support_queue")


@login_required
@require_POST
def request_acknowledge(request, request_id: int):
    return _act(
        request,
        request_id,
        handling.request_acknowledge,
        "Acknowledged. Thank you for recording what was done.",
        forms.AcknowledgeForm,
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_close(request, request_id: int):
    """Closing asks first, on a page of its own; only a POST that confirms closes."""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _act(request, request_id, handling.request_close, "The conversation is closed.")
    support_request = selectors.request_readable(request.user, request_id)
    try:
        handling.close_check(by=request.user, request=support_request)
    except (ValidationError, PermissionDenied) as exc:
        refusal = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    else:
        refusal = ""
    context = {"req": support_request, "refusal": refusal}
    return render(request, "supportline/requests_close.html", context)


@login_required
@require_POST
def request_risk(request, request_id: int):
    return _act(
        request, request_id, handling.request_risk_change, "Risk level updated.", forms.RiskForm
    )


@login_required
@require_POST
def request_phone(request, request_id: int):
    support_request = selectors.request_readable(request.user, request_id)
    try:
        phone = handling.callback_phone_read(by=request.user, request=support_request, http=request)
    except PermissionDenied as exc:
        phone, error = "", str(exc)
    else:
        error = "" if phone else "There is no number to show: the conversation has ended."
    context = {"phone": phone, "error": error, "req": support_request}
    return render(request, "supportline/requests__phone.html", context)


# --- Queues ------------------------------------------------------------------------------------


@login_required
def queue(request):
    lines = list(access.support_lines_mentored(request.user))
    if not lines:
        raise Http404
    context = {
        "rows": selectors.queue_for_mentor(request.user),
        "on_call": selectors.lines_on_call_for(request.user, lines),
        "lines": lines,
        "now": timezone.now(),
    }
    return render(request, "supportline/requests_queue.html", context)


@login_required
def board(request):
    if not access.support_lines_backed(request.user).exists():
        raise Http404
    context = {
        "rows": list(selectors.board_for(request.user)),
        "now": timezone.now(),
        "high": Risk.HIGH,
    }
    template = "requests__board_rows.html" if request.htmx else "requests_board.html"
    return render(request, f"supportline/{template}", context)
