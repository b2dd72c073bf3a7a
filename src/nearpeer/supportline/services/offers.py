"""Offering a request to the best-matched mentor on call, and telling the backups when nobody takes
it: shared by intake (a new request), handling (a passed-on one) and escalation (the re-offer
tick)."""

from collections.abc import Iterable

from nearpeer.supportline.models import Notification, SupportRequest
from nearpeer.supportline.rules import routing
from nearpeer.supportline.selectors import requests as selectors
from nearpeer.supportline.selectors import rota as rota_selectors
from nearpeer.supportline.services import notifications

Status = SupportRequest.Status


# --- Offering ------------------------------------------------------------------------------


def _need(request: SupportRequest, exclude: Iterable[int] = ()) -> routing.Need:
    prefs = request.preferences or {}
    return routing.Need(
        gender=prefs.get("gender", ""),
        language=prefs.get("language", ""),
        avoid_program_id=request.program_id if prefs.get("not_my_program") else None,
        avoid_cohort_id=request.cohort_id if prefs.get("not_my_cohort") else None,
        stage=request.cohort.name if request.cohort_id else "",
        excluded=frozenset(request.passed_by or ()) | frozenset(exclude),
    )


def request_offer(request: SupportRequest, at, *, avoid: int | None = None) -> bool:
    """Offer the request to the best-matched mentor on call (avoiding `avoid` if anyone else is
    free); with nobody left it waits, unassigned, and the board shows it."""
    mentors = selectors.routing_mentors(request.line, at)
    chosen = routing.choose(_need(request, {avoid} if avoid else ()), mentors)
    if chosen is None and avoid:
        chosen = routing.choose(_need(request), mentors)
    if chosen is None:
        request.mentor_id, request.status, request.offered_at = None, Status.WAITING, None
        request.save(update_fields=["mentor", "status", "offered_at"])
        return False
    request.mentor_id, request.status, request.offered_at = chosen.id, Status.OFFERED, at
    request.save(update_fields=["mentor", "status", "offered_at"])
    offers = request.notifications.filter(kind=Notification.Kind.OFFERED).count()
    notifications.notifications_create(request, [chosen.id], Notification.Kind.OFFERED, offers)
    return True


def backups_tell(request: SupportRequest, at, kind: str, level: int) -> None:
    """Tell the shift's backups on call now (or, with none, the line's professionals)."""
    people = [u.pk for u in selectors.backups_on_call(request.line, at)]
    if not people:
        people = list(rota_selectors.line_professionals(request.line).values_list("pk", flat=True))
    notifications.notifications_create(request, people, kind, level)
