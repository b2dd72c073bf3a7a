"""Writing the access log. There is no service to change or delete an entry."""

from django.http import HttpRequest

from nearpeer.audit.models import AccessLog


def client_address(request: HttpRequest) -> str | None:
    """The person's address, honouring TRUSTED_PROXY_COUNT as sign-in protection does."""
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request)


def access_record(
    *,
    actor,
    institution,
    action: str,
    record_type: str,
    record_id: object = "",
    summary: str = "",
    request: HttpRequest | None = None,
) -> AccessLog:
    """Append one entry to the access log."""
    return AccessLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_email=getattr(actor, "email", "") or "",
        institution=institution,
        action=action,
        record_type=record_type,
        record_id=str(record_id or ""),
        summary=summary[:300],
        ip_address=client_address(request) if request else None,
    )
