"""Which support lines and requests a person may see, built only from the facts about their roles
that `tenancy.policy` holds. Every read of support-line data starts here.

Content (messages, notes, call-back numbers) is for the assigned mentor and the line's
professionals (faculty and wellness advisors serving it) only. Program staff and the office see
the rota and de-identified counts, never content.
"""

from django.db.models import Q, QuerySet

from nearpeer.supportline.models import SupportLine, SupportRequest
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import PROGRAM_STAFF_ROLES, Role

PROFESSIONAL_ROLES = frozenset({Role.FACULTY_ADVISOR, Role.WELLNESS_ADVISOR})


def _lines_where(user, roles) -> Q:
    """Lines the user serves in one of these roles: institution-wide, or in a program the line serves."""
    mine = policy.own_memberships(user).filter(role__in=list(roles))
    return Q(institution_id__in=mine.filter(program__isnull=True).values("institution_id")) | Q(
        programs__in=mine.filter(program__isnull=False).values("program_id")
    )


def support_lines_for_requester(user) -> QuerySet[SupportLine]:
    """Lines a person may reach out to: those serving any program they belong to."""
    return SupportLine.objects.filter(
        is_active=True, programs__in=policy.programs_for(user).values("pk")
    ).distinct()


def support_lines_mentored(user) -> QuerySet[SupportLine]:
    """Lines the user is a peer mentor on (the training gate is checked separately)."""
    return SupportLine.objects.filter(_lines_where(user, {Role.PEER_MENTOR})).distinct()


def support_lines_backed(user) -> QuerySet[SupportLine]:
    """Lines the user is a professional backup and supervisor for."""
    return SupportLine.objects.filter(_lines_where(user, PROFESSIONAL_ROLES)).distinct()


def support_lines_managed(user) -> QuerySet[SupportLine]:
    """Lines whose rota and counts the user runs: the office, and staff of a program it serves."""
    staff = policy.own_memberships(user).filter(
        role__in=list(PROGRAM_STAFF_ROLES), program__isnull=False
    )
    return SupportLine.objects.filter(
        Q(institution_id__in=policy.administered_institutions(user).values("pk"))
        | Q(programs__in=staff.values("program_id"))
    ).distinct()


def support_requests_readable(user) -> QuerySet[SupportRequest]:
    """Requests whose content the user may read: assigned to them as mentor (or offered to them),
    or on a line they back up as a professional."""
    if not policy.signed_in(user):
        return SupportRequest.objects.none()
    return SupportRequest.objects.filter(
        Q(mentor_id=user.pk, line_id__in=support_lines_mentored(user).values("pk"))
        | Q(line_id__in=support_lines_backed(user).values("pk"))
    )


def support_requests_own(user) -> QuerySet[SupportRequest]:
    """A signed-in requester's own, named requests."""
    if not policy.signed_in(user):
        return SupportRequest.objects.none()
    return SupportRequest.objects.filter(requester_id=user.pk, anonymous=False)


def is_line_professional(user, line) -> bool:
    return support_lines_backed(user).filter(pk=line.pk).exists()
