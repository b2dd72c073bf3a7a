"""Demo attendance and anonymous feedback for the demo programs' past sessions. Safe to run
again: a session that already has attendance is left as it is. Works with no sessions at all."""

import hashlib
import random
import secrets

from django.utils import timezone

from nearpeer.meetings.models import Attendance, Feedback, FeedbackInvite, Meeting
from nearpeer.tenancy.models import Membership, Role

PAST_SESSIONS = 6
HELPED = [
    "Hearing that others feel the same way.",
    "The breathing exercise at the start.",
    "Having an hour that wasn't about work.",
    "The facilitators shared first, which made it easier.",
    "Small groups: I could actually talk.",
    "",
]
CHANGE = [
    "More time for the small-group part.",
    "A quieter room.",
    "Nothing, it was good.",
    "Start on time so we can leave for clinic.",
    "",
]


def attendance_build(demo) -> None:
    """Attendance and feedback for the latest past sessions of each demo program: every other
    session gets at least five answers (figures show), the others fewer (figures stay hidden)."""
    now = timezone.now()
    for program in demo.programs.values():
        rng = random.Random(f"nearpeer-demo-attendance:{program.pk}")  # noqa: S311 (demo only)
        trainees = list(
            Membership.objects.active()
            .filter(program=program, role=Role.TRAINEE)
            .order_by("user_id")
            .values_list("user_id", flat=True)
            .distinct()
        )
        past = list(
            Meeting.objects.filter(
                program=program, status=Meeting.Status.SCHEDULED, ends_at__lt=now
            ).order_by("-starts_at")[:PAST_SESSIONS]
        )
        for index, meeting in enumerate(past):
            if not trainees or Attendance.objects.filter(meeting=meeting).exists():
                continue
            came = rng.sample(trainees, min(len(trainees), rng.randint(8, 14)))
            answers = min(len(came), (6 + index % 3) if index % 2 == 0 else (2 + index % 3))
            _record(meeting, came, answers, rng)


def _record(meeting: Meeting, came: list[int], answers: int, rng: random.Random) -> None:
    Attendance.objects.bulk_create(
        Attendance(
            meeting=meeting,
            user_id=uid,
            via=Attendance.Via.SELF if n % 3 else Attendance.Via.FACILITATOR,
            at=meeting.starts_at,
        )
        for n, uid in enumerate(came)
    )
    FeedbackInvite.objects.bulk_create(
        FeedbackInvite(
            meeting=meeting,
            user_id=uid,
            # Demo invites are never mailed: their random token is thrown away.
            token_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
            used=n < answers,
        )
        for n, uid in enumerate(came)
    )
    Feedback.objects.bulk_create(
        Feedback(
            meeting=meeting,
            helpfulness=rng.choice([3, 4, 4, 5, 5]),
            what_helped=rng.choice(HELPED),
            what_to_change=rng.choice(CHANGE),
        )
        for _ in range(answers)
    )
