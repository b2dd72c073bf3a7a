"""Reaching out to the support line: a request is triaged, routed to an on-call mentor, and (when it
signals risk to life) flagged, sent to professional backup at once and escalated until a professional
acknowledges it. An anonymous requester comes back with their private link and code.

Safety rules kept here and nowhere else:
- a request is never accepted into a line with nobody on call (NobodyOnCall);
- risk on arrival comes from the explicit questions, the message and the topics; a high-risk
  request alerts its mentor and the shift's backup at once (flag_high, also used when risk rises
  later);
- notifications are unique rows created in the same transaction as the change that needs them;
  e-mail goes out from a task after commit, claimed atomically, so nothing is sent twice.

The conversation, risk changes, accepting, passing on and closing are in handling.py, which uses
the text checks and the crisis path kept here. The time-driven side (escalating unacknowledged
high-risk requests, re-offering unaccepted ones, e-mailing notifications) is in escalation.py;
creating notifications and offering a request to a mentor, which both need, are in
notifications.py and offers.py.
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
from nearpeer.accounts.tokens import hash_token
from nearpeer.errors import field_error
from nearpeer.supportline import access, triage
from nearpeer.supportline.models import (
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
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: easy to read back
CODE_TRIES = 5
CODE_WINDOW_SECONDS = 15 * 60
_PHONE = re.compile(r"^\+?[0-9()./\-\s]+(?:\s*(?:x|ext\.?)\s*[0-9]{1,6})?$", re.IGNORECASE)
# A topic chip that itself says someone may be at risk.
SAFETY_TOPICS = {
    Topic.SUICIDAL_THOUGHTS: "chose the topic: thoughts of ending their life",
    Topic.PARTNER_VIOLENCE: "chose the topic: someone at home hurting or scaring them",
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


def clean_text(value, *, field: str, limit: int, required: bool = False, what: str = "") -> str:
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
        "gender": clean_text(preferences.get("gender"), field="gender", limit=60),
        "language": clean_text(preferences.get("language"), field="language", limit=40),
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


def flag_high(request: SupportRequest, at) -> None:
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


def fit_reason(reason: str, limit: int = 300) -> str:
    """A risk change's reason within its column: whole reasons only, then "…" if any are left."""
    if len(reason) <= limit:
        return reason
    cut = reason[: limit - 1].rsplit("; ", 1)[0]
    return f"{cut}…"


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
    message = clean_text(message, field="message", limit=MAX_OPENING)
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
        reason=fit_reason(
            "triage on arrival: " + ("; ".join(reasons) or "nothing of concern found")
        ),
        at=at,
    )
    offers.request_offer(request, at)
    if risk == Risk.HIGH:
        flag_high(request, at)
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
