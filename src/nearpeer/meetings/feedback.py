"""Anonymous feedback after a session.

Each person who came gets a one-time link (a FeedbackInvite holding only a hash of its token). An
answer is saved as a Feedback row with no person, no invite and no time, and the invite only
records that it was used. Figures are shown per session, series and program with small cells
hidden (`feedback_cells`), and comments only where at least five people answered, shuffled.
"""

import datetime
import random
import secrets
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone

from nearpeer.accounts.tokens import hash_token
from nearpeer.meetings import access
from nearpeer.meetings.models import Feedback, FeedbackInvite, Meeting
from nearpeer.meetings.rules.feedback_cells import PROGRAM, hidden_figures
from nearpeer.privacy import mean_if_enough, suppress
from nearpeer.tenancy import policy

THRESHOLD = 5
# A link works for this long after the session ends, so late answers can't be tied to a face.
INVITE_DAYS = 30
TEXT_MAX = 2000
NOT_SHOWN = f"Not shown: fewer than {THRESHOLD} responses"


# --- Invites and answers ----------------------------------------------------------------------


@transaction.atomic
def feedback_invite_issue(*, meeting: Meeting, user) -> str | None:
    """A fresh one-time token for this person and session (None if they already answered).
    Issuing again replaces the token, so only the newest link works."""
    raw = secrets.token_urlsafe(24)
    invite, created = FeedbackInvite.objects.select_for_update().get_or_create(
        meeting=meeting, user=user, defaults={"token_hash": hash_token(raw)}
    )
    if created:
        return raw
    if invite.used:
        return None
    invite.token_hash = hash_token(raw)
    invite.save(update_fields=["token_hash"])
    return raw


def invite_for_token(raw: str) -> FeedbackInvite:
    """The unused, unexpired invite behind a link; anything else is a 404."""
    invite = get_object_or_404(
        FeedbackInvite.objects.select_related("meeting", "meeting__plan", "meeting__series"),
        token_hash=hash_token(raw or ""),
    )
    return invite


def invite_state(invite: FeedbackInvite) -> str:
    """ "open", "used" or "expired"."""
    if invite.used:
        return "used"
    if timezone.now() > invite.meeting.ends_at + datetime.timedelta(days=INVITE_DAYS):
        return "expired"
    return "open"


def _answer_errors(helpfulness, what_helped: str, what_to_change: str) -> dict:
    errors = {}
    if isinstance(helpfulness, bool) or helpfulness not in range(1, 6):
        errors["helpfulness"] = "Choose how helpful the session was, from 1 to 5."
    for name, text in (("what_helped", what_helped), ("what_to_change", what_to_change)):
        if len(text) > TEXT_MAX:
            errors[name] = f"Please keep this under {TEXT_MAX} characters ({len(text)} now)."
    return errors


def feedback_submit(
    *, token: str, helpfulness: int, what_helped: str = "", what_to_change: str = ""
) -> None:
    """Save one anonymous answer and use up the link, together or not at all."""
    what_helped, what_to_change = (what_helped or "").strip(), (what_to_change or "").strip()
    errors = _answer_errors(helpfulness, what_helped, what_to_change)
    if errors:
        raise ValidationError(errors, code="invalid")
    with transaction.atomic():
        invite = invite_for_token(token)
        state = invite_state(invite)
        # The conditional update is the claim: of two submissions at once, one wins.
        claimed = FeedbackInvite.objects.filter(pk=invite.pk, used=False).update(used=True)
        if state != "open" or not claimed:
            raise ValidationError(
                "This link has already been used or has expired: each link works once, and "
                f"for {INVITE_DAYS} days after the session.",
                code="used" if state != "expired" else "expired",
            )
        Feedback.objects.create(
            meeting_id=invite.meeting_id,
            helpfulness=helpfulness,
            what_helped=what_helped,
            what_to_change=what_to_change,
        )


# --- Figures ----------------------------------------------------------------------------------


@dataclass
class Figure:
    """Responses and mean helpfulness of one session, series or program; None when hidden."""

    label: str
    responses: int | None
    mean: float | None
    hidden: bool
    meeting: Meeting | None = None
    comments_helped: list[str] = field(default_factory=list)
    comments_change: list[str] = field(default_factory=list)


@dataclass
class ProgramFeedback:
    program: object
    total: Figure
    series: list[tuple[Figure, list[Figure]]]


def _figure(label, key, values, hidden, meeting=None) -> Figure:
    shown = suppress({key: len(values)}, threshold=THRESHOLD)[key]
    if key in hidden:
        return Figure(label, None, None, True, meeting)
    return Figure(label, shown, mean_if_enough(values, THRESHOLD), False, meeting)


def _program_figures(program, meetings: list[Meeting]) -> tuple[ProgramFeedback, dict]:
    """Every figure of a program from its sessions and answers (two queries in all)."""
    values: dict[int, list[int]] = {m.pk: [] for m in meetings}
    for meeting_id, helpfulness in Feedback.objects.filter(meeting_id__in=list(values)).values_list(
        "meeting_id", "helpfulness"
    ):
        values[meeting_id].append(helpfulness)
    by_series: dict[int, list[Meeting]] = {}
    for m in meetings:
        by_series.setdefault(m.series_id, []).append(m)
    hidden = hidden_figures(
        {sid: {m.pk: len(values[m.pk]) for m in ms} for sid, ms in by_series.items()}, THRESHOLD
    )
    figures = {}
    rows = []
    for sid, ms in by_series.items():
        series_values = [v for m in ms for v in values[m.pk]]
        series_figure = _figure(ms[0].series.name, ("series", sid), series_values, hidden)
        meeting_figures = []
        for m in ms:
            figures[m.pk] = _figure(str(m), ("meeting", m.pk), values[m.pk], hidden, m)
            meeting_figures.append(figures[m.pk])
        rows.append((series_figure, meeting_figures))
    all_values = [v for vs in values.values() for v in vs]
    total = _figure(program.name, PROGRAM, all_values, hidden)
    return ProgramFeedback(program=program, total=total, series=rows), figures


def _program_meetings(program) -> list[Meeting]:
    return list(
        Meeting.objects.filter(program=program, starts_at__lte=timezone.now())
        .select_related("series", "plan")
        .order_by("series__starts_on", "series_id", "starts_at", "pk")
    )


def program_feedback(user, program_id: int) -> ProgramFeedback:
    """Figures for a program the user runs, by series and session; others get a 404."""
    program = get_object_or_404(policy.programs_managed(user), pk=program_id)
    summary, _ = _program_figures(program, _program_meetings(program))
    return summary


def meeting_feedback(user, meeting_id: int) -> Figure:
    """Figures and shuffled comments for a session the user leads or runs; others get a 404."""
    meeting = get_object_or_404(
        access.meetings_led_or_managed(user).select_related("program", "series", "plan"),
        pk=meeting_id,
    )
    meetings = _program_meetings(meeting.program)
    if meeting.pk not in {m.pk for m in meetings}:
        meetings.append(meeting)
    _, figures = _program_figures(meeting.program, meetings)
    figure = figures[meeting.pk]
    if not figure.hidden and (figure.responses or 0) >= THRESHOLD:
        texts = list(Feedback.objects.filter(meeting=meeting).values_list(
            "what_helped", "what_to_change"))  # fmt: skip
        shuffle = random.SystemRandom().shuffle
        figure.comments_helped = [a for a, _ in texts if a]
        figure.comments_change = [b for _, b in texts if b]
        shuffle(figure.comments_helped)
        shuffle(figure.comments_change)
    return figure
