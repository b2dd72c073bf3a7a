"""Reads of contact records, referrals and the resource directory, starting from
supportline/access.py and tenancy/policy.py: a foreign or unknown id is a 404. The private notes
of a contact are read only through `services.records.contact_notes_read`, which logs each read.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from nearpeer.supportline import access
from nearpeer.supportline.models import Contact, Referral, Resource, SupportRequest
from nearpeer.tenancy import policy


def contact_of(request: SupportRequest) -> Contact | None:
    """The request's contact record, loaded without logging: use `contact_notes_read` to show
    the notes."""
    return Contact.objects.filter(request=request).first()


def resources_for(user) -> QuerySet[Resource]:
    """The resource directory of the user's institutions."""
    return Resource.objects.filter(
        institution_id__in=policy.institutions_for(user).values("pk")
    ).select_related("institution")


def resources_managed(user) -> QuerySet[Resource]:
    return Resource.objects.filter(
        institution_id__in=policy.administered_institutions(user).values("pk")
    )


def resource_managed_by_user(user, resource_id: int) -> Resource:
    return get_object_or_404(resources_managed(user).select_related("institution"), pk=resource_id)


def referrals_readable(user) -> QuerySet[Referral]:
    return Referral.objects.filter(
        request_id__in=access.support_requests_readable(user).values("pk")
    )


def referral_for_user(user, referral_id: int) -> Referral:
    return get_object_or_404(
        referrals_readable(user).select_related("request__line__institution", "resource"),
        pk=referral_id,
    )


def request_referrals(request: SupportRequest) -> QuerySet[Referral]:
    return request.referrals.select_related("resource").order_by("created_at", "pk")


def referral_resources(request: SupportRequest) -> QuerySet[Resource]:
    """Resources a referral from this request may point to: its institution's."""
    return Resource.objects.filter(institution_id=request.line.institution_id)
