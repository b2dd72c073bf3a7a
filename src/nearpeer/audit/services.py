"""Writing the access log. There is no service to change or delete an entry."""

from django.http import HttpRequest

from nearpeer.audit.models import AccessLog


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
        ip_address=request.META.get("REMOTE_ADDR") if request else None,
    )
