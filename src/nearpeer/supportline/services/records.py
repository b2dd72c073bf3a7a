"""Contact records and referrals: the writes (their reads are in selectors/records.py; the resource
directory a referral points to is resources.py). Every read of a mentor's private notes goes
through `contact_notes_read`, which writes one access-log entry per read.

Who may do what: the request's assigned mentor and the line's professionals (faculty and wellness
advisors), i.e. `access.support_requests_readable`; never program staff or the office.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.errors import field_error
from nearpeer.supportline import access
from nearpeer.supportline.models import (
    Contact,
    Notification,
    Referral,
    Resource,
    SupportRequest,
    Topic,
)
from nearpeer.supportline.selectors import records as records_selectors
from nearpeer.supportline.services import submissions
from nearpeer.tenancy import zones

FOLLOW_UP_DAYS = 7
MAX_MINUTES = 600
NOTES_MAX = 10_000


# --- Reading the notes ----------------------------------------------------------------------------


def contact_notes_read(*, by: User, request: SupportRequest, http_request=None) -> Contact | None:
    """The contact record with its private notes, for a reader; each call is logged."""
    if not access.support_requests_readable(by).filter(pk=request.pk).exists():
        raise PermissionDenied("Only the request's mentor and the line's professionals read notes.")
    contact = records_selectors.contact_of(request)
    if contact is not None:
        access_record(
            actor=by,
            institution=request.line.institution,
            action=AccessLog.Action.READ,
            record_type="support_contact_notes",
            record_id=contact.pk,
            summary=f"Read the contact notes of support request {request.pk}",
            request=http_request,
        )
    return contact


# --- Contact records --------------------------------------------------------------------------


def _check_writer(by, request: SupportRequest) -> None:
    if request.purged_at is not None:
        raise ValidationError(
            "This request's content was removed after the retention period.", code="purged"
        )
    if access.is_line_professional(by, request.line):
        return
    is_mentor = (
        request.mentor_id == by.pk
        and access.support_requests_readable(by).filter(pk=request.pk).exists()
    )
    if not is_mentor or request.accepted_at is None:
        raise PermissionDenied(
            "Only the mentor who took this request, or a professional of the line, can do this."
        )


def _clean_topics(topics) -> list[str]:
    unknown = [t for t in topics if t not in Topic.values]
    if unknown:
        raise field_error(
            "topics", f"Unknown topic: {', '.join(map(str, unknown))}.", "unknown_topic"
        )
    return list(dict.fromkeys(topics))


@transaction.atomic
def contact_record(
    *,
    by: User,
    request: SupportRequest,
    topics: list[str],
    minutes: int,
    outcome: str,
    follow_up_wanted: bool = False,
    notes: str = "",
    http_request=None,
) -> Contact:
    """The mentor (or a professional) records or updates the minimal record of a contact."""
    _check_writer(by, request)
    if outcome not in Contact.Outcome.values:
        raise field_error("outcome", "Choose how the contact ended.", "bad_outcome")
    if not 0 <= minutes <= MAX_MINUTES:
        raise field_error(
            "minutes", f"Give the minutes spent, from 0 to {MAX_MINUTES}.", "bad_minutes"
        )
    if len(notes) > NOTES_MAX:
        raise field_error("notes", f"Keep notes under {NOTES_MAX} characters.", "notes_too_long")
    values = {
        "topics": _clean_topics(topics),
        "minutes": minutes,
        "outcome": outcome,
        "follow_up_wanted": follow_up_wanted,
        "notes": notes.strip(),
    }
    contact = Contact.objects.select_for_update().filter(request=request).first()
    if contact is None:
        contact = Contact.objects.create(request=request, mentor=by, **values)
        action = AccessLog.Action.CREATE
    else:
        for key, value in values.items():
            setattr(contact, key, value)
        contact.save(update_fields=list(values))
        action = AccessLog.Action.CHANGE
    access_record(
        actor=by,
        institution=request.line.institution,
        action=action,
        record_type="support_contact_notes",
        record_id=contact.pk,
        summary=f"Recorded the contact of support request {request.pk}",
        request=http_request,
    )
    return contact


# --- Referrals --------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    by: User,
    request: SupportRequest,
    resource: Resource,
    consent: bool,
    follow_up_on: datetime.date | None = None,
    submission_key: str | None = None,
    http_request=None,
) -> Referral:
    """Refer the requester to a service, only with their consent; a follow-up date is set.
    The same form sent twice (same submission_key) records one referral."""
    _check_writer(by, request)
    key = submissions.clean_key(submission_key)
    earlier = submissions.earlier(Referral.objects.all(), key, request_id=request.pk)
    if earlier is not None:
        return earlier
    if consent is not True:
        raise field_error(
            "consent",
            "A referral is recorded only when the person agreed to it.",
            "consent_required",
        )
    if resource.institution_id != request.line.institution_id:
        raise field_error(
            "resource", "Choose a service from your institution's directory.", "wrong_institution"
        )
    today = timezone.localdate()
    follow_up_on = follow_up_on or today + datetime.timedelta(days=FOLLOW_UP_DAYS)
    if follow_up_on < today:
        raise field_error(
            "follow_up_on", "Choose a follow-up date from today on.", "past_follow_up"
        )
    referral = Referral.objects.create(
        request=request,
        resource=resource,
        consent=True,
        made_by=by,
        follow_up_on=follow_up_on,
        submission_key=key,
    )
    access_record(
        actor=by,
        institution=request.line.institution,
        action=AccessLog.Action.CREATE,
        record_type="support_referral",
        record_id=referral.pk,
        summary=f"Referral from support request {request.pk} to {resource.name}",
        request=http_request,
    )
    return referral


@transaction.atomic
def referral_outcome_set(*, by: User, referral: Referral, outcome: str) -> Referral:
    """Note what came of a referral."""
    _check_writer(by, referral.request)
    if outcome not in Referral.Outcome.values:
        raise field_error("outcome", "Choose what came of the referral.", "bad_outcome")
    referral.outcome = outcome
    referral.outcome_noted_at = timezone.now()
    referral.save(update_fields=["outcome", "outcome_noted_at"])
    return referral


# --- Referral follow-up reminders -------------------------------------------------------------


def referrals_due_for_follow_up(today: datetime.date) -> QuerySet[Referral]:
    """Referrals whose follow-up date has come and whose outcome isn't known yet."""
    return Referral.objects.filter(
        follow_up_on__lte=today,
        outcome=Referral.Outcome.PENDING,
        request__purged_at__isnull=True,
    )


def _follow_up_level(referral: Referral) -> int:
    """The referral's place among its request's referrals: one reminder per referral."""
    return Referral.objects.filter(request_id=referral.request_id, pk__lte=referral.pk).count()


@transaction.atomic
def referral_follow_up_send(*, referral_id: int) -> bool:
    """Remind the mentor who made a referral to follow it up; True when a reminder went out.
    The unique Notification row is claimed first, so a retry or a second tick sends nothing."""
    referral = (
        Referral.objects.select_related("request", "made_by", "resource")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or referral.outcome != Referral.Outcome.PENDING:
        return False
    to = referral.made_by or referral.request.mentor
    if to is None or not to.is_active:
        return False
    notice, created = Notification.objects.get_or_create(
        request=referral.request,
        user=to,
        kind=Notification.Kind.REFERRAL_FOLLOW_UP,
        level=_follow_up_level(referral),
    )
    if not created:
        return False
    link = reverse("supportline:support_records_contact", args=[referral.request_id])
    made_on = timezone.localtime(referral.created_at, zones.zone_for(to))  # in the mentor's zone
    send_mail(
        subject="nearpeer: time to follow up a referral",
        message=(
            f"Hello {to.display_name},\n\n"
            f"On {made_on.day} {made_on:%B} you referred someone you supported to "
            f"{referral.resource.name}. Today is the day you planned to check in with them.\n\n"
            "When you know how it went, note the outcome on the contact record:\n"
            f"{settings.SITE_URL.rstrip('/')}{link}\n\n"
            "Thank you for looking out for a peer."
        ),
        from_email=None,
        recipient_list=[to.email],
    )
    notice.sent_at = timezone.now()
    notice.save(update_fields=["sent_at"])
    return True
