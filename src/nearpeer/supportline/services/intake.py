"""Reaching out to the support line: a request is triaged, routed to an on-call mentor, and (when it
signals risk to life) flagged, sent to professional backup at once and escalated until a professional
acknowledges it. Also the conversation, risk changes, accepting, passing on and closing.

Safety rules kept here and nowhere else:
- a request is never accepted into a line with nobody on call (NobodyOnCall);
- risk goes up automatically (the explicit questions, the topics, every requester message) but only
  a professional of the line lowers it, with a reason;
- a request that is or ever was high risk closes only after a professional's acknowledgement (the
  database refuses a closed, unacknowledged high-risk request as well);
- notifications are unique rows created in the same transaction as the change that needs them;
  e-mail goes out from a task after commit, claimed atomically, so nothing is sent twice.

The time-driven side (escalating unacknowledged high-risk requests, re-offering unaccepted ones,
e-mailing notifications) is in escalation.py; creating notifications and offering a request to
a mentor, which both need, are in notifications.py and offers.py.
"""

import datetime
import hashlib
import hmac
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from nearpeer import ratelimit
from nearpeer.accounts.models import User
from nearpeer.accounts.tokens import hash_token
from nearpeer.audit.services import access_record
from nearpeer.errors import field_error
from nearpeer.supportline import access, triage
from nearpeer.supportline.models import (
    RISK_ORDER,
    Message,
    Notification,
    Risk,
    RiskChange,
    SupportLine,
    SupportRequest,
    Topic,
)
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.selectors import rota as rota_selectors
from nearpeer.supportline.services import notifications, offers, submissions

Status = SupportRequest.Status

MAX_OPENING = 2000
MAX_MESSAGE = 4000
MAX_NOTE = 4000
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read back
CODE_TRIES = 5
CODE_WINDOW_SECONDS = 15 * 60
_PHONE = re.compile(r"^\+?[0-9()./\-\s]+(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)
# A topic chip that itself says someone may be at risk.
SAFETY_TOPICS = {
    Topic.SUICIDAL_THOUGHTS: "chose the topic: thoughts of ending their life",
    Topic.PARTNER_VIOLENCE: "chose the topic: someone at home hurting or scaring them",
}
PASS_REASONS = {
    "knows_requester": "may know the person",
    "not_available": "can't take it right now",
    "better_match": "someone else is a better match",
    "other": "another reason",
}


class NobodyOnCall(ValidationError):
    """Nobody is on call: the request is refused, with when the next shift starts."""

    def __init__(self, line: SupportLine, next_start: datetime.datetime | None):
        self.line = line
        self.next_start = next_start
        super().__init__(nobody_on_call_text(line, next_start), code="nobody_on_call")


def local_time_text(line: SupportLine, when: datetime.datetime) -> str:
    zone = ZoneInfo(line.institution.time_zone)
    local = when.astimezone(zone)
    return f"{local:%A %-d %B at %H:%M} ({line.institution.time_zone})"


def nobody_on_call_text(line: SupportLine, next_start: datetime.datetime | None) -> str:
    text = "Nobody is on call on this line right now, so your request was not sent."
    if next_start:
        text += f" The next mentor is on call from {local_time_text(line, next_start)}."
    return text + " If you need help now, please use the resources on this page."


@dataclass
class Submitted:
    request: SupportRequest
    return_token: str = ""  # only for an anonymous request: shown once, never stored
    return_code: str = ""
    again: bool = False  # the same form was sent before: this is that request, nothing new


# --- Input checks ------------------------------------------------------------------------------


def _text(value, *, field: str, limit: int, required: bool = False, what: str = "") -> str:
    text = (value or "").strip()
    if required and not text:
        raise field_error(field, f"Please write {what or 'something'} first.", "required")
    if len(text) > limit:
        raise field_error(
            field, f"Please keep this under {limit} characters (it has {len(text)}).", "too_long"
        )
    return text


def clean_phone(value: str) -> str:
    """A call-back number, checked loosely: digits with common separators, 7 to 15 digits."""
    phone = " ".join((value or "").split())
    digits = sum(c.isdigit() for c in phone)
    if not phone or not _PHONE.match(phone) or not 7 <= digits <= 20 or len(phone) > 40:
        raise field_error(
            "callback_phone",
            "Please give a phone number we can call, for example 555 010 1234.",
            "bad_phone",
        )
    return phone


def _topics(topics: Iterable[str]) -> list[str]:
    chosen = list(dict.fromkeys(topics or ()))
    unknown = [t for t in chosen if t not in Topic.values]
    if unknown:
        raise field_error("topics", f"Unknown topic: {', '.join(map(str, unknown))}.", "bad_topic")
    return chosen


def _preferences(preferences: dict | None) -> dict:
    preferences = preferences or {}
    clean = {
        "gender": _text(preferences.get("gender"), field="gender", limit=60),
        "language": _text(preferences.get("language"), field="language", limit=40),
        "not_my_program": bool(preferences.get("not_my_program")),
        "not_my_cohort": bool(preferences.get("not_my_cohort")),
    }
    return {k: v for k, v in clean.items() if v}


def _check_line(line: SupportLine, requester) -> None:
    if not line.is_active:
        raise ValidationError("This support line is not taking requests.", code="inactive_line")
    if (
        requester is not None
        and not access.support_lines_for_requester(requester).filter(pk=line.pk).exists()
    ):
        raise PermissionDenied("This support line does not serve your program.")


# --- The crisis path ---------------------------------------------------------------------------


def _flag_high(request: SupportRequest, at) -> None:
    """Tell the mentor and the shift's professional backup at once; start the escalation clock."""
    request.escalated_at = at
    fields = ["escalated_at"]
    if request.acknowledged_at:  # acknowledged at a lower level: a professional must look again
        request.acknowledged_at, request.acknowledged_by = None, None
        fields += ["acknowledged_at", "acknowledged_by"]
    request.save(update_fields=fields)
    people = [request.mentor_id] + [u.pk for u in selectors.backups_on_call(request.line, at)]
    if not any(people[1:]):
        people += list(rota_selectors.line_professionals(request.line).values_list("pk", flat=True))
    notifications.notifications_create(
        request, people, Notification.Kind.HIGH_RISK, request.escalation_level
    )


def _fit(reason: str, limit: int = 300) -> str:
    """A risk change's reason within its column: whole reasons only, then "…" if any are left."""
    if len(reason) <= limit:
        return reason
    cut = reason[: limit - 1].rsplit("; ", 1)[0]
    return f"{cut}…"


def _raise(request: SupportRequest, *, to: str, by: User, reason: str, at) -> bool:
    new = triage.raise_only(request.risk, to)
    if new == request.risk:
        return False
    RiskChange.objects.create(
        request=request, from_risk=request.risk, to_risk=new, by=by, reason=_fit(reason), at=at
    )
    request.risk = new
    request.save(update_fields=["risk"])
    if new == Risk.HIGH:
        _flag_high(request, at)
    return True


# --- Reaching out ------------------------------------------------------------------------------


def code_hash(token_hash: str, code: str) -> str:
    normal = "".join(c for c in code.upper() if c.isalnum())
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{token_hash}:{normal}".encode(), hashlib.sha256).hexdigest()


@transaction.atomic
def request_create(
    *,
    line: SupportLine,
    requester=None,
    anonymous: bool = True,
    topics: Iterable[str] = (),
    self_harm_answer: bool | None = None,
    danger_answer: bool | None = None,
    message: str = "",
    channel: str = SupportRequest.Channel.IN_APP,
    callback_phone: str = "",
    preferences: dict | None = None,
    submission_key: str | None = None,
    at: datetime.datetime | None = None,
) -> Submitted:
    """Someone reaches out: check, triage, route to the on-call mentor; high risk alerts backup.
    The same form sent twice (same submission_key) finds the first request and creates nothing."""
    at = at or timezone.now()
    _check_line(line, requester)
    key = submissions.clean_key(submission_key)
    named = requester if requester is not None and not anonymous else None
    earlier = submissions.earlier(
        SupportRequest.objects.all(), key, requester_id=getattr(named, "pk", None)
    )
    if earlier is not None:
        return Submitted(request=earlier, again=True)
    chosen_topics = _topics(topics)
    message = _text(message, field="message", limit=MAX_OPENING)
    if channel not in SupportRequest.Channel.values:
        raise field_error("channel", "Choose how you'd like to talk.", "bad_channel")
    phone = clean_phone(callback_phone) if channel == SupportRequest.Channel.CALL_BACK else ""
    prefs = _preferences(preferences)
    if not selectors.is_on_call(line, at):
        raise NobodyOnCall(line, selectors.next_shift_start(line, at))

    screening = triage.assess(
        self_harm_answer=self_harm_answer, danger_answer=danger_answer, text=message
    )
    risk, reasons, review = screening.risk, list(screening.reasons), screening.needs_human_review
    for topic, reason in SAFETY_TOPICS.items():
        if topic in chosen_topics:
            risk, review = triage.raise_only(risk, Risk.HIGH), True
            reasons.append(reason)
    program, cohort = selectors.requester_place(requester, line) if requester else (None, None)
    anonymous = anonymous or requester is None
    request = SupportRequest(
        line=line,
        program=program,
        cohort=cohort,
        requester=None if anonymous else requester,
        anonymous=anonymous,
        topics=chosen_topics,
        channel=channel,
        callback_phone=phone,
        preferences=prefs,
        opening_message=message,
        submission_key=key,
        self_harm_answer=self_harm_answer,
        danger_answer=danger_answer,
        risk=risk,
        risk_reasons=reasons,
        needs_human_review=review,
        created_at=at,
    )
    submitted = Submitted(request=request)
    if anonymous:
        submitted.return_token = secrets.token_urlsafe(24)
        submitted.return_code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        request.return_token_hash = hash_token(submitted.return_token)
        request.return_code_hash = code_hash(request.return_token_hash, submitted.return_code)
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError:
        if key is None:
            raise
        # the same form, sent twice at once: the other submission made the request
        return Submitted(request=SupportRequest.objects.get(submission_key=key), again=True)
    RiskChange.objects.create(
        request=request,
        from_risk=Risk.LOW,
        to_risk=risk,
        reason=_fit("triage on arrival: " + ("; ".join(reasons) or "nothing of concern found")),
        at=at,
    )
    offers.request_offer(request, at)
    if risk == Risk.HIGH:
        _flag_high(request, at)
    return submitted


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def request_unlock(*, token: str, code: str) -> SupportRequest:
    """An anonymous requester comes back with the private link and the code. Wrong codes are
    counted per link; after CODE_TRIES the link rests for a while."""
    request = selectors.request_by_token(token)
    key = f"supportline:code-tries:{request.return_token_hash}"
    tries = ratelimit.tries(key)
    if tries >= CODE_TRIES:
        raise ValidationError(
            "That code didn't match several times, so this link is resting for 15 minutes to "
            "keep your conversation safe. Please try again later. If you need help now, call or "
            "text 988.",
            code="too_many_tries",
        )
    if not code or not hmac.compare_digest(
        code_hash(request.return_token_hash, code), request.return_code_hash
    ):
        ratelimit.count_try(key, CODE_WINDOW_SECONDS)
        left = CODE_TRIES - tries - 1
        raise ValidationError(
            f"That code doesn't match this link. Please check it and try again ({left} "
            f"{'try' if left == 1 else 'tries'} left).",
            code="wrong_code",
        )
    ratelimit.forget(key)
    return request


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
    body = _text(body, field="body", limit=MAX_MESSAGE, required=True, what="a message")
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
    reason = _text(reason, field="reason", limit=300, required=True, what="the reason")
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
    reason = _text(reason, field="reason", limit=300, required=True, what="the reason")
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
    note = _text(note, field="note", limit=MAX_NOTE, required=True, what="what you did")
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
