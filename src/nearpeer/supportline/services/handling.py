"""Handling a request once it has arrived: the conversation, risk changes, accepting, passing on,
acknowledging and closing, and reading the call-back number.

Safety rules kept here and nowhere else:
- risk goes up automatically (every requester message is screened) but only a professional of the
  line lowers it, with a reason;
- a request that is or ever was high risk closes only after a professional's acknowledgement (the
  database refuses a closed, unacknowledged high-risk request as well).

Arriving (triage, routing, the crisis path on arrival) is intake.py; the checks of free text and
the crisis path that both need are kept there.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.audit.services import access_record
from nearpeer.errors import field_error
from nearpeer.supportline import access, triage
from nearpeer.supportline.models import (
    RISK_ORDER,
    Message,
    Notification,
    Risk,
    RiskChange,
    SupportRequest,
)
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.services import notifications, offers
from nearpeer.supportline.services.intake import clean_text, fit_reason, flag_high

Status = SupportRequest.Status

MAX_MESSAGE = 4000
MAX_NOTE = 4000
PASS_REASONS = {
    "knows_requester": "may know the person",
    "not_available": "can't take it right now",
    "better_match": "someone else is a better match",
    "other": "another reason",
}


# --- Who may do what on a request --------------------------------------------------------------


def _is_reader(user, request: SupportRequest) -> bool:
    return access.support_requests_readable(user).filter(pk=request.pk).exists()


def _is_professional(user, request: SupportRequest) -> bool:
    return access.is_line_professional(user, request.line)


def _locked(request: SupportRequest) -> SupportRequest:
    """The request's row, re-read under a lock (where the database has row locks)."""
    return (
        SupportRequest.objects.select_for_update()
        .select_related("line__institution")
        .get(pk=request.pk)
    )


def _log(by, request: SupportRequest, action: str, summary: str, http=None) -> None:
    access_record(
        actor=by,
        institution=request.line.institution,
        action=action,
        record_type="support_request",
        record_id=request.pk,
        summary=summary,
        request=http,
    )


def messages_read_record(*, by: User, request: SupportRequest, summary: str, http=None) -> None:
    """Write the access log for a staff read of a request's conversation (pages and API alike)."""
    access_record(
        actor=by,
        institution=request.line.institution,
        action="read",
        record_type="support_request_messages",
        record_id=request.pk,
        summary=summary,
        request=http,
    )


def _still_open(request: SupportRequest) -> None:
    if request.status == Status.CLOSED:
        raise ValidationError("This conversation has already ended.", code="closed")


# --- The conversation --------------------------------------------------------------------------


@transaction.atomic
def message_send(
    *, request: SupportRequest, body: str, by: User | None = None, as_requester: bool, at=None
) -> Message:
    """Add a message. A requester's message is screened too: risk may rise, never fall."""
    at = at or timezone.now()
    request = _locked(request)
    _still_open(request)
    body = clean_text(body, field="body", limit=MAX_MESSAGE, required=True, what="a message")
    if as_requester:
        if not request.anonymous and (by is None or by.pk != request.requester_id):
            raise PermissionDenied("Only the person who reached out can write here.")
        message = Message.objects.create(
            request=request,
            sender=Message.Sender.REQUESTER,
            author=None if request.anonymous else by,
            body=body,
            created_at=at,
        )
        _screen_message(request, message, at=at)
        return message
    mentor_talking = request.mentor_id == getattr(by, "pk", None) and request.status == (
        Status.ACTIVE
    )
    if not (mentor_talking and _is_reader(by, request)) and not _is_professional(by, request):
        raise PermissionDenied("Accept the request before writing to the person.")
    return Message.objects.create(
        request=request, sender=Message.Sender.MENTOR, author=by, body=body, created_at=at
    )


def _earlier_words(request: SupportRequest, message: Message) -> str:
    """The requester's words before this message: the opening message and earlier messages."""
    earlier = request.messages.filter(sender=Message.Sender.REQUESTER, pk__lt=message.pk)
    bodies = [request.opening_message, *earlier.order_by("pk").values_list("body", flat=True)]
    # one space apart, not a line: people split a sentence over chat messages ("nobody would
    # notice" / "if I was gone"); a message's own full stop still ends its clause
    return " ".join(b for b in bodies if b)


def _screen_message(request: SupportRequest, message: Message, *, at) -> None:
    """Screen a requester's message alone and with their earlier words, so a follow-up that only
    means something beside the first message counts. Only what the new message adds may raise
    risk: earlier words a professional already weighed do not raise it again."""
    earlier = _earlier_words(request, message)
    alone = triage.screen(message.body)
    risk, reasons, review = alone.risk, list(alone.reasons), alone.needs_human_review
    if earlier:
        before = triage.screen(earlier)
        together = triage.screen(f"{earlier} {message.body}")
        if RISK_ORDER[together.risk] > RISK_ORDER[before.risk]:
            risk = triage.raise_only(risk, together.risk)
            reasons += [r for r in together.reasons if r not in before.reasons]
            review = review or together.needs_human_review
    raised = RISK_ORDER[risk] > RISK_ORDER[request.risk]
    if (review or raised) and not request.needs_human_review:
        request.needs_human_review = True
        request.save(update_fields=["needs_human_review"])
    if raised:
        reason = "a later message, read with their earlier words: " + "; ".join(
            dict.fromkeys(reasons)
        )
        _raise(request, to=risk, by=None, reason=reason, at=at)
        if risk == Risk.ELEVATED and request.mentor_id:
            level = request.risk_changes.count()
            notifications.notifications_create(
                request, [request.mentor_id], Notification.Kind.RISK_RAISED, level
            )


def messages_after(request: SupportRequest, after: int = 0) -> list[Message]:
    return list(
        request.messages.filter(pk__gt=after).select_related("author").order_by("created_at", "pk")
    )


# --- Risk --------------------------------------------------------------------------------------


def _raise(request: SupportRequest, *, to: str, by: User, reason: str, at) -> bool:
    new = triage.raise_only(request.risk, to)
    if new == request.risk:
        return False
    RiskChange.objects.create(
        request=request,
        from_risk=request.risk,
        to_risk=new,
        by=by,
        reason=fit_reason(reason),
        at=at,
    )
    request.risk = new
    request.save(update_fields=["risk"])
    if new == Risk.HIGH:
        flag_high(request, at)
    return True


def _risk_value(risk: str) -> str:
    if risk not in Risk.values:
        raise field_error("risk", "Choose low, elevated or high.", "bad_risk")
    return risk


@transaction.atomic
def request_risk_raise(*, by: User, request: SupportRequest, risk: str, reason: str, at=None):
    """The mentor or a professional raises the risk level, saying why."""
    at = at or timezone.now()
    request = _locked(request)
    if not _is_reader(by, request):
        raise PermissionDenied("Only the request's mentor or the line's professionals can do this.")
    reason = clean_text(reason, field="reason", limit=300, required=True, what="the reason")
    risk = _risk_value(risk)
    if RISK_ORDER[risk] <= RISK_ORDER[request.risk]:
        raise field_error(
            "risk", f"The risk is already {request.get_risk_display().lower()}.", "not_higher"
        )
    _raise(request, to=risk, by=by, reason=reason, at=at)
    _log(by, request, "change", f"risk raised to {risk}")
    return request


@transaction.atomic
def request_risk_lower(*, by: User, request: SupportRequest, risk: str, reason: str, at=None):
    """Only a professional of the line lowers risk, with a reason; nothing lowers it by itself."""
    at = at or timezone.now()
    request = _locked(request)
    if not _is_professional(by, request):
        raise PermissionDenied("Only a professional of this line can lower the risk level.")
    reason = clean_text(reason, field="reason", limit=300, required=True, what="the reason")
    risk = _risk_value(risk)
    if RISK_ORDER[risk] >= RISK_ORDER[request.risk]:
        raise field_error(
            "risk", f"Choose a level below {request.get_risk_display().lower()}.", "not_lower"
        )
    RiskChange.objects.create(
        request=request, from_risk=request.risk, to_risk=risk, by=by, reason=reason, at=at
    )
    request.risk = risk
    request.save(update_fields=["risk"])
    _log(by, request, "change", f"risk lowered to {risk}")
    return request


@transaction.atomic
def request_risk_change(*, by: User, request: SupportRequest, risk: str, reason: str, at=None):
    """Raise or lower, whichever the new level means (each with its own rule)."""
    risk = _risk_value(risk)
    if RISK_ORDER[risk] < RISK_ORDER[request.risk]:
        return request_risk_lower(by=by, request=request, risk=risk, reason=reason, at=at)
    return request_risk_raise(by=by, request=request, risk=risk, reason=reason, at=at)


# --- Mentor and professional actions -----------------------------------------------------------


@transaction.atomic
def request_accept(*, by: User, request: SupportRequest, at=None) -> SupportRequest:
    """The mentor the request was offered to takes it on."""
    request = _locked(request)
    _still_open(request)
    if request.mentor_id != by.pk or not _is_reader(by, request):
        raise PermissionDenied("This request was not offered to you.")
    if request.status != Status.OFFERED:
        raise ValidationError("You have already accepted this request.", code="not_offered")
    request.status, request.accepted_at = Status.ACTIVE, at or timezone.now()
    request.save(update_fields=["status", "accepted_at"])
    _log(by, request, "change", "accepted by the mentor")
    return request


@transaction.atomic
def request_pass(*, by: User, request: SupportRequest, reason: str = "", at=None) -> SupportRequest:
    """The mentor passes the request on (for example, they may know the person): it goes to the
    next best-matched mentor on call; with nobody else on call it goes back to the waiting list
    (on the professionals' board) and the backup is told. A high-risk one keeps escalating."""
    at = at or timezone.now()
    request = _locked(request)
    _still_open(request)
    if request.mentor_id != by.pk or request.status not in (Status.OFFERED, Status.ACTIVE):
        raise PermissionDenied("This request is not with you.")
    if reason and reason not in PASS_REASONS:
        raise field_error("reason", "Choose one of the reasons offered.", "bad_reason")
    request.passed_by = [*(request.passed_by or []), by.pk]
    request.accepted_at = None
    request.save(update_fields=["passed_by", "accepted_at"])
    _log(by, request, "change", "passed on: " + PASS_REASONS.get(reason, "no reason given"))
    if not offers.request_offer(request, at):
        offers.backups_tell(request, at, Notification.Kind.UNACCEPTED, len(request.passed_by))
    return request


def pass_outcome_text(request: SupportRequest) -> str:
    """What became of a request just passed on, in plain words for the mentor who passed it."""
    if request.status == Status.OFFERED:
        return "Thank you: the request was passed on to another mentor on call."
    text = (
        "Nobody else is on call right now, so the request is back on the waiting list. The "
        "professional backup has been told, and it goes to the next mentor who comes on call."
    )
    if request.risk == Risk.HIGH and not request.acknowledged_at:
        text += (
            " Because it is high risk, it keeps escalating until a professional acknowledges it."
        )
    return text


@transaction.atomic
def request_acknowledge(*, by: User, request: SupportRequest, note: str, at=None) -> SupportRequest:
    """A professional records that they have seen the request and what they did."""
    request = _locked(request)
    _still_open(request)
    if not _is_professional(by, request):
        raise PermissionDenied("Only a professional of this line can acknowledge a request.")
    note = clean_text(note, field="note", limit=MAX_NOTE, required=True, what="what you did")
    if request.acknowledged_at:
        raise ValidationError(
            "This request is already acknowledged; add anything new to the conversation.",
            code="already_acknowledged",
        )
    earlier = request.acknowledgement
    request.acknowledged_by, request.acknowledged_at = by, at or timezone.now()
    request.acknowledgement = f"{earlier}\n\n{note}" if earlier else note
    request.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement"])
    _log(by, request, "change", "acknowledged by a professional")
    return request


def close_check(*, by: User, request: SupportRequest) -> None:
    """Raise what stands in the way of `by` closing the request now (nothing: they may)."""
    _still_open(request)
    is_mentor = request.mentor_id == by.pk and _is_reader(by, request)
    is_professional = _is_professional(by, request)
    if not is_mentor and not is_professional:
        raise PermissionDenied("Only the request's mentor or a professional can close it.")
    if not is_professional and request.status != Status.ACTIVE:
        raise ValidationError(
            "Accept the request before closing it. If you can't take it, pass it on instead.",
            code="not_accepted",
        )
    if selectors.ever_high(request) and not request.acknowledged_at:
        raise ValidationError(
            "This request was high risk: a professional of the line must acknowledge it and "
            "record what was done before it can be closed.",
            code="needs_acknowledgement",
        )


@transaction.atomic
def request_close(*, by: User, request: SupportRequest, at=None) -> SupportRequest:
    """The mentor or a professional ends the conversation; the call-back number is purged at once.
    A request that is or ever was high risk needs a professional's acknowledgement first."""
    request = _locked(request)
    close_check(by=by, request=request)
    request.status, request.closed_at, request.closed_by = Status.CLOSED, at or timezone.now(), by
    request.callback_phone = ""
    request.save(update_fields=["status", "closed_at", "closed_by", "callback_phone"])
    _log(by, request, "change", "closed; call-back number purged")
    return request


def callback_phone_read(*, by: User, request: SupportRequest, http=None) -> str:
    """The number to call back, for the mentor who accepted it or a professional, while the request
    is open. Every read is logged."""
    if request.status == Status.CLOSED or not request.callback_phone:
        return ""
    is_mentor = request.mentor_id == by.pk and request.status == Status.ACTIVE
    if not (is_mentor and _is_reader(by, request)) and not _is_professional(by, request):
        raise PermissionDenied("Accept the request to see the number.")
    _log(by, request, "read", "call-back number read", http)
    return request.callback_phone
