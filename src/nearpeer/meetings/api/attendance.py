"""JSON endpoints for attendance, check-in, feedback figures and calendar links (at /api/v1/).

Reads start from the policy module, so a session or link the caller may not see is a 404; writes
call the same services as the pages. Feedback is only ever answered as suppressed figures."""

import datetime
from typing import Annotated

from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import StringConstraints

from nearpeer.api.schemas import FilterId as Id
from nearpeer.api.schemas import In
from nearpeer.meetings import feedback, feeds
from nearpeer.meetings.services import attendance
from nearpeer.tenancy import policy

router = Router(tags=["attendance"])


class AttendeeOut(Schema):
    user_id: int
    name: str
    rsvp: bool
    present: bool
    via: str


class AttendanceOut(Schema):
    meeting_id: int
    present_count: int
    people: list[AttendeeOut]


class MarkIn(In):
    user_id: Id
    present: bool


class MarkOut(Schema):
    meeting_id: int
    user_id: int
    present: bool
    present_count: int


class CheckInIn(In):
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class CheckInOut(Schema):
    meeting_id: int
    new: bool


class FeedbackSummaryOut(Schema):
    meeting_id: int
    shown: bool
    responses: int | None = Field(description="None when fewer than 5 answered.")
    mean_helpfulness: float | None
    what_helped: list[str]
    what_to_change: list[str]
    note: str


class FeedOut(Schema):
    id: int
    program_id: int | None
    created_at: datetime.datetime
    revoked_at: datetime.datetime | None


class FeedCreateIn(In):
    program_id: Id | None = Field(
        None, description="A program you run; leave out for your own calendar."
    )


class FeedCreatedOut(FeedOut):
    url: str = Field(description="The secret calendar URL. Shown this once only.")


def _people(people) -> list[dict]:
    return [
        {"user_id": p.id, "name": p.name, "rsvp": p.rsvp, "present": p.present, "via": p.via}
        for p in people
    ]


@router.get("/meetings/{meeting_id}/attendance", response=AttendanceOut)
def attendance_get(request, meeting_id: Id):
    meeting = attendance.meeting_for_attendance(request.user, meeting_id)
    return {
        "meeting_id": meeting.pk,
        "present_count": attendance.present_count(meeting),
        "people": _people(attendance.roster(request.user, meeting)),
    }


@router.post("/meetings/{meeting_id}/attendance", response=MarkOut)
def attendance_mark(request, meeting_id: Id, payload: MarkIn):
    meeting = attendance.meeting_for_attendance(request.user, meeting_id)
    attendance.person_on_roster(request.user, meeting, payload.user_id)
    present = attendance.attendance_set(
        by=request.user, meeting=meeting, person_id=payload.user_id, present=payload.present
    )
    return {
        "meeting_id": meeting.pk,
        "user_id": payload.user_id,
        "present": present,
        "present_count": attendance.present_count(meeting),
    }


@router.post("/check-in", response=CheckInOut)
def check_in(request, payload: CheckInIn):
    mark, new = attendance.attendance_check_in(user=request.user, code=payload.code)
    return {"meeting_id": mark.meeting_id, "new": new}


@router.get("/meetings/{meeting_id}/feedback-summary", response=FeedbackSummaryOut)
def feedback_summary(request, meeting_id: Id):
    figure = feedback.meeting_feedback(request.user, meeting_id)
    return {
        "meeting_id": figure.meeting.pk,
        "shown": not figure.hidden,
        "responses": figure.responses,
        "mean_helpfulness": figure.mean,
        "what_helped": figure.comments_helped,
        "what_to_change": figure.comments_change,
        "note": feedback.NOT_SHOWN if figure.hidden else "",
    }


@router.get("/feeds", response=list[FeedOut])
def feed_list(request):
    return feeds.feeds_visible(request.user)


@router.post("/feeds", response={201: FeedCreatedOut})
def feed_create(request, payload: FeedCreateIn):
    program = None
    if payload.program_id is not None:
        from django.shortcuts import get_object_or_404

        program = get_object_or_404(policy.programs_managed(request.user), pk=payload.program_id)
    feed, raw = feeds.feed_create(by=request.user, program=program)
    return Status(201, {
        "id": feed.pk, "program_id": feed.program_id, "created_at": feed.created_at,
        "revoked_at": feed.revoked_at, "url": feeds.feed_url(raw),
    })  # fmt: skip


@router.delete("/feeds/{feed_id}", response={204: None})
def feed_revoke(request, feed_id: Id):
    feeds.feed_revoke(by=request.user, feed=feeds.feed_for_user(request.user, feed_id))
    return Status(204, None)
