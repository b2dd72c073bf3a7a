"""JSON endpoints for reaching out, the mentor's queue, the professionals' board and the
conversation (mounted at /api/v1/). Same services and policy as the pages: an id the caller may
not read is a 404; content is answered only to those who may read it, and staff reads are logged.
"""

import datetime
import unicodedata
from typing import Annotated, Literal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import StringConstraints, field_validator

from nearpeer.api.schemas import FilterId, In, named_choices
from nearpeer.supportline import access
from nearpeer.supportline.models import Risk, SupportRequest, Topic
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.services import handling, intake

router = Router(tags=["support line"])

Answer = Literal["yes", "no", "prefer_not"] | None
_ANSWERS = {"yes": True, "no": False, "prefer_not": None, None: None}
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)]
SupportRequestStatus = named_choices(SupportRequest.Status, "SupportRequestStatus")
SupportRequestChannel = named_choices(SupportRequest.Channel, "SupportRequestChannel")


class _TextIn(In):
    """Like In, but line breaks and tabs are fine in people's own words."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value):
        if isinstance(value, str) and any(
            unicodedata.category(ch) == "Cc" and ch not in "\n\r\t" for ch in value
        ):
            raise ValueError("Remove the hidden control character from this text.")
        return value


class PreferencesIn(In):
    gender: Short = ""
    language: Short = ""
    not_my_program: bool = False
    not_my_cohort: bool = False


class RequestIn(_TextIn):
    line_id: FilterId | None = Field(
        None, description="Needed only when more than one line serves your programs."
    )
    topics: list[Topic] = Field(default_factory=list, max_length=len(Topic.values))
    self_harm_answer: Answer = Field(
        None, description="Are you having thoughts of harming yourself or ending your life?"
    )
    danger_answer: Answer = Field(None, description="Are you in danger from someone right now?")
    message: str = Field("", max_length=intake.MAX_OPENING)
    channel: SupportRequestChannel = SupportRequestChannel.IN_APP
    callback_phone: str = Field("", max_length=40)
    anonymous: bool = True
    preferences: PreferencesIn = Field(default_factory=PreferencesIn)


class CrisisResourceOut(Schema):
    name: str
    description: str
    phone: str
    text_number: str
    url: str
    hours: str


class SubmittedOut(Schema):
    id: int
    risk: Risk
    status: SupportRequestStatus
    needs_human_review: bool
    crisis_resources: list[CrisisResourceOut]
    return_link: str = Field("", description="Anonymous requests only: shown once.")
    return_code: str = Field("", description="Anonymous requests only: shown once.")


class NobodyOnCallOut(Schema):
    detail: str
    next_shift_starts_at: datetime.datetime | None
    crisis_resources: list[CrisisResourceOut]


class QueueItemOut(Schema):
    id: int
    line_id: int
    risk: Risk
    status: SupportRequestStatus
    needs_human_review: bool
    created_at: datetime.datetime
    waiting_seconds: int
    acknowledged: bool

    @staticmethod
    def resolve_waiting_seconds(obj):
        return int((timezone.now() - obj.created_at).total_seconds())

    @staticmethod
    def resolve_acknowledged(obj):
        return obj.acknowledged_at is not None


class RequestOut(QueueItemOut):
    mentor_id: int | None
    escalation_level: int
    closed_at: datetime.datetime | None


class MessageOut(Schema):
    id: int
    sender: str
    body: str
    created_at: datetime.datetime


class MessageSentOut(MessageOut):
    risk: Risk = Field(description="The request's risk level after this message was screened.")
    crisis_resources: list[CrisisResourceOut] = Field(
        description="Where to get help right now, when the risk is elevated or high (else empty)."
    )


class MessageIn(_TextIn):
    body: str = Field(..., min_length=1, max_length=handling.MAX_MESSAGE)


class PassIn(In):
    reason: Literal["", "knows_requester", "not_available", "better_match", "other"] = ""


class AcknowledgeIn(_TextIn):
    note: str = Field(..., min_length=1, max_length=handling.MAX_NOTE)


class RiskIn(In):
    risk: Risk
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]


# --- Reaching out ------------------------------------------------------------------------------


@router.post("/support/requests", response={201: SubmittedOut, 409: NobodyOnCallOut})
def request_create(request, payload: RequestIn):
    """Reach out to the line serving your program. Crisis resources are always in the answer; when
    nobody is on call the answer is 409 with when the next shift starts, and nothing is sent."""
    lines = selectors.lines_for_requester(request.user)
    if payload.line_id is not None:
        lines = [line for line in lines if line.pk == payload.line_id]
    if not lines:
        raise Http404
    on_call = [line for line in lines if selectors.is_on_call(line)]
    line = (on_call or lines)[0]
    try:
        submitted = intake.request_create(
            line=line,
            requester=request.user,
            anonymous=payload.anonymous,
            topics=[t.value for t in payload.topics],
            self_harm_answer=_ANSWERS[payload.self_harm_answer],
            danger_answer=_ANSWERS[payload.danger_answer],
            message=payload.message,
            channel=payload.channel,
            callback_phone=payload.callback_phone,
            preferences=payload.preferences.model_dump(),
        )
    except intake.NobodyOnCall as exc:
        crisis = selectors.crisis_resources(line.institution)
        body = {"detail": exc.messages[0], "next_shift_starts_at": exc.next_start}
        return Status(409, body | {"crisis_resources": crisis})
    created = submitted.request
    link = ""
    if submitted.return_token:
        link = request.build_absolute_uri(f"/support/r/{submitted.return_token}/")
    return Status(
        201,
        {
            "id": created.pk,
            "risk": created.risk,
            "status": created.status,
            "needs_human_review": created.needs_human_review,
            "crisis_resources": selectors.crisis_resources(line.institution),
            "return_link": link,
            "return_code": intake.format_code(submitted.return_code)
            if submitted.return_code
            else "",
        },
    )


# --- Queues ------------------------------------------------------------------------------------


@router.get("/support/queue", response=list[QueueItemOut])
def queue(request):
    """Requests offered to you or taken by you (peer mentors), most urgent first."""
    if not access.support_lines_mentored(request.user).exists():
        raise Http404
    return list(selectors.queue_for_mentor(request.user))


@router.get("/support/board", response=list[QueueItemOut])
def board(request):
    """Open high-risk, flagged and waiting requests of the lines you back up (professionals)."""
    if not access.support_lines_backed(request.user).exists():
        raise Http404
    return list(selectors.board_for(request.user))


# --- Actions -----------------------------------------------------------------------------------


@router.post("/support/requests/{request_id}/accept", response=RequestOut)
def request_accept(request, request_id: FilterId):
    found = selectors.request_readable(request.user, request_id)
    return handling.request_accept(by=request.user, request=found)


@router.post("/support/requests/{request_id}/pass", response=RequestOut)
def request_pass(request, request_id: FilterId, payload: PassIn):
    found = selectors.request_readable(request.user, request_id)
    return handling.request_pass(by=request.user, request=found, reason=payload.reason)


@router.post("/support/requests/{request_id}/acknowledge", response=RequestOut)
def request_acknowledge(request, request_id: FilterId, payload: AcknowledgeIn):
    """A professional records that they have seen a request and what they did."""
    found = selectors.request_readable(request.user, request_id)
    return handling.request_acknowledge(by=request.user, request=found, note=payload.note)


@router.post("/support/requests/{request_id}/close", response=RequestOut)
def request_close(request, request_id: FilterId):
    """Close the conversation (a high-risk request needs a professional's acknowledgement)."""
    found = selectors.request_readable(request.user, request_id)
    return handling.request_close(by=request.user, request=found)


@router.post("/support/requests/{request_id}/risk", response=RequestOut)
def request_risk(request, request_id: FilterId, payload: RiskIn):
    """Raise the risk (mentor or professional) or lower it (professionals only), with a reason."""
    found = selectors.request_readable(request.user, request_id)
    return handling.request_risk_change(
        by=request.user, request=found, risk=payload.risk, reason=payload.reason
    )


# --- The conversation --------------------------------------------------------------------------


@router.get("/support/requests/{request_id}/messages", response=list[MessageOut])
def messages_list(request, request_id: FilterId, after: int = 0):
    """The conversation's messages after message id `after` (the assigned mentor, the line's
    professionals, or the named requester). Staff reads are logged."""
    found, viewer = selectors.request_for_user(request.user, request_id)
    items = handling.messages_after(found, max(0, min(after, 2**62)))
    if viewer != "requester":
        handling.messages_read_record(
            by=request.user,
            request=found,
            summary="messages read through the API",
            http=request,
        )
    return items


@router.post("/support/requests/{request_id}/messages", response={201: MessageSentOut})
def message_send(request, request_id: FilterId, payload: MessageIn):
    """Write in the conversation. A requester's message is screened with their earlier words: the
    answer says the risk now and, when it is elevated or high, where to get help right now."""
    found, viewer = selectors.request_for_user(request.user, request_id)
    message = handling.message_send(
        request=found, body=payload.body, by=request.user, as_requester=viewer == "requester"
    )
    found.refresh_from_db(fields=["risk"])
    crisis = selectors.crisis_resources(found.line.institution) if found.risk != Risk.LOW else []
    return Status(
        201,
        {
            "id": message.pk,
            "sender": message.sender,
            "body": message.body,
            "created_at": message.created_at,
            "risk": found.risk,
            "crisis_resources": crisis,
        },
    )
