"""The resource directory: the services a mentor may refer someone to; those marked as crisis
resources are also shown beside requests (selectors/requests.py, crisis_resources). Everyone in the
institution reads it (selectors/records.py); only the well-being office edits it, here.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from nearpeer.accounts.models import User
from nearpeer.errors import field_error
from nearpeer.supportline.models import Resource
from nearpeer.supportline.services import submissions
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Institution
from nearpeer.weblinks import NOT_A_WEB_ADDRESS, is_web_address

RESOURCE_FIELDS = (
    "kind",
    "name",
    "description",
    "phone",
    "text_number",
    "url",
    "hours",
    "how_to_reach",
    "is_crisis",
)


def _given(**values) -> dict:
    """The fields a caller passed; one left out (None) keeps its value, or the model's default."""
    return {key: value for key, value in values.items() if value is not None}


def _resource_clean(resource: Resource) -> None:
    if not (resource.phone or resource.text_number or resource.url or resource.how_to_reach):
        raise ValidationError(
            "Say how to reach this service: a phone or text number, a web address, or directions.",
            code="unreachable",
        )
    if resource.url and not is_web_address(resource.url):
        raise field_error("url", NOT_A_WEB_ADDRESS, "web_address")
    resource.full_clean()


@transaction.atomic
def resource_create(
    *,
    by: User,
    institution: Institution,
    kind: str | None = None,
    name: str | None = None,
    description: str | None = None,
    phone: str | None = None,
    text_number: str | None = None,
    url: str | None = None,
    hours: str | None = None,
    how_to_reach: str | None = None,
    is_crisis: bool | None = None,
    submission_key: str | None = None,
) -> Resource:
    """The well-being office adds a service to its institution's directory (once per form)."""
    fields = _given(
        kind=kind,
        name=name,
        description=description,
        phone=phone,
        text_number=text_number,
        url=url,
        hours=hours,
        how_to_reach=how_to_reach,
        is_crisis=is_crisis,
    )
    if not policy.can_administer_institution(by, institution):
        raise PermissionDenied("Only the well-being office edits the resource directory.")
    key = submissions.clean_key(submission_key)
    earlier = submissions.earlier(Resource.objects.all(), key, institution_id=institution.pk)
    if earlier is not None:
        return earlier
    resource = Resource(institution=institution, submission_key=key, **fields)
    _resource_clean(resource)
    resource.save()
    return resource


@transaction.atomic
def resource_update(
    *,
    by: User,
    resource: Resource,
    kind: str | None = None,
    name: str | None = None,
    description: str | None = None,
    phone: str | None = None,
    text_number: str | None = None,
    url: str | None = None,
    hours: str | None = None,
    how_to_reach: str | None = None,
    is_crisis: bool | None = None,
) -> Resource:
    """The well-being office changes a service's details (hours, numbers, crisis flag)."""
    fields = _given(
        kind=kind,
        name=name,
        description=description,
        phone=phone,
        text_number=text_number,
        url=url,
        hours=hours,
        how_to_reach=how_to_reach,
        is_crisis=is_crisis,
    )
    if not policy.can_administer_institution(by, resource.institution):
        raise PermissionDenied("Only the well-being office edits the resource directory.")
    changed = [k for k, v in fields.items() if k in RESOURCE_FIELDS and getattr(resource, k) != v]
    for key in changed:
        setattr(resource, key, fields[key])
    _resource_clean(resource)
    if changed:
        resource.save(update_fields=changed)
    return resource


@transaction.atomic
def resource_delete(*, by: User, resource: Resource) -> None:
    """The well-being office removes a service nobody has been referred to."""
    if not policy.can_administer_institution(by, resource.institution):
        raise PermissionDenied("Only the well-being office edits the resource directory.")
    try:
        with transaction.atomic():
            resource.delete()
    except ProtectedError as exc:
        raise ValidationError(
            "People have been referred to this service, so it stays in the directory. "
            "Edit its details instead.",
            code="has_referrals",
        ) from exc
