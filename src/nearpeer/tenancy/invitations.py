"""Adding a person by email, and the invitations that carry a role to someone new.

The rule: a person the adder can already see (they hold a role the adder may see) gets the role at
once. Anyone else, new to nearpeer or known only elsewhere, is invited: the role takes effect
when they accept through the emailed link. The answer to the adder is the same whether or not the
email has an account, and never shows a name the adder could not already see.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.tenancy import policy
from nearpeer.tenancy.models import Cohort, Institution, Invitation, Membership, Program
from nearpeer.tenancy.services import membership_create, role_place_check

INVITATION_DAYS = 14
_SALT = "nearpeer.invitation"


def invitation_link(invitation: Invitation) -> str:
    """The full link the invited person opens; signed, so the database alone cannot make one."""
    token = signing.dumps([invitation.pk, invitation.nonce], salt=_SALT, compress=True)
    return settings.SITE_URL.rstrip("/") + reverse("invitation_open", args=[token])


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None for a link that was altered or never made."""
    try:
        pk, nonce = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return (
        Invitation.objects.select_related("institution", "program", "cohort", "invited_by")
        .filter(pk=pk, nonce=nonce)
        .first()
    )


@transaction.atomic
def person_add(
    *,
    by: User,
    email: str,
    role: str,
    institution: Institution,
    program: Program | None = None,
    cohort: Cohort | None = None,
    full_name: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    request=None,
) -> Membership | Invitation:
    """Give a role to the person with this email: at once if the adder can already see them,
    otherwise by invitation. Returns the new membership or the invitation."""
    role_place_check(by=by, role=role, institution=institution, program=program, cohort=cohort)
    email = get_user_model().objects.normalize_email(email).strip().lower()
    known = policy.people_for(by).filter(email=email).first()
    if known is not None:
        return membership_create(
            by=by,
            user=known,
            role=role,
            institution=institution,
            program=program,
            cohort=cohort,
            starts_on=starts_on,
            ends_on=ends_on,
            request=request,
        )
    return invitation_create(
        by=by,
        email=email,
        full_name=full_name,
        role=role,
        institution=institution,
        program=program,
        cohort=cohort,
        starts_on=starts_on,
        ends_on=ends_on,
        request=request,
    )


@transaction.atomic
def invitation_create(
    *,
    by: User,
    email: str,
    role: str,
    institution: Institution,
    program: Program | None = None,
    cohort: Cohort | None = None,
    full_name: str = "",
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    request=None,
) -> Invitation:
    """Invite someone to a role; an earlier pending invitation to the same role is replaced."""
    role_place_check(by=by, role=role, institution=institution, program=program, cohort=cohort)
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError(
            {"ends_on": "A role can't end before it starts."}, code="ends_before_start"
        )
    now = timezone.now()
    Invitation.objects.filter(
        institution=institution,
        program=program,
        role=role,
        email=email,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=now)
    invitation = Invitation(
        institution=institution,
        program=program,
        cohort=cohort,
        role=role,
        email=email,
        full_name=full_name.strip()[:200],
        starts_on=starts_on,
        ends_on=ends_on,
        nonce=secrets.token_hex(16),
        invited_by=by,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    _log(by, invitation, AccessLog.Action.CREATE, f"invited {email}: {invitation}", request)
    from nearpeer.tenancy.tasks import invitation_send_task

    transaction.on_commit(lambda: invitation_send_task.enqueue(invitation.pk))
    return invitation


def invitations_create_many(*, by: User, invites: list[dict]) -> int:
    """Invitations for a whole roster at once (the caller checked the roles and holds the
    transaction): earlier pending ones to the same roles are replaced, and the emails go out
    through the task worker after commit. Returns how many were made."""
    if not invites:
        return 0
    now = timezone.now()
    rows = [
        Invitation(
            institution_id=i["program"].institution_id,
            program=i["program"],
            cohort=i["cohort"],
            role=i["role"],
            email=i["email"],
            full_name=i["full_name"][:200],
            nonce=secrets.token_hex(16),
            invited_by=by,
            expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
        )
        for i in invites
    ]
    pending = Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    keys = {(i.email, i.program_id, i.role) for i in rows}
    for batch in _batches(sorted({i.email for i in rows})):
        stale = [
            pk
            for pk, email, program_id, role in pending.filter(email__in=batch).values_list(
                "pk", "email", "program_id", "role"
            )
            if (email, program_id, role) in keys
        ]
        Invitation.objects.filter(pk__in=stale).update(revoked_at=now)
    made = Invitation.objects.bulk_create(rows, batch_size=500)
    ids = [i.pk for i in made]
    from nearpeer.tenancy.tasks import invitations_send_task

    for batch in _batches(ids):
        transaction.on_commit(lambda batch=batch: invitations_send_task.enqueue(batch))
    return len(made)


def _batches(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def invitation_send(*, invitation_id: int) -> bool:
    """Email the invitation once (a retried task sends nothing twice); True when it went out."""
    from django.core.mail import send_mail

    claimed = Invitation.objects.filter(
        pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(sent_at=timezone.now())
    if not claimed:
        return False
    invitation = Invitation.objects.select_related("institution", "program", "invited_by").get(
        pk=invitation_id
    )
    send_mail(*invitation_message(invitation), None, [invitation.email])
    return True


def invitation_message(invitation: Invitation) -> tuple[str, str]:
    """Subject and body of the invitation email, in plain words."""
    place = invitation.program or invitation.institution
    inviter = (
        invitation.invited_by.display_name if invitation.invited_by else "The well-being office"
    )
    hello = f"Hello {invitation.full_name}," if invitation.full_name else "Hello,"
    expires = timezone.localtime(invitation.expires_at, timezone=_zone(invitation)).strftime(
        "%-d %B %Y"
    )
    body = (
        f"{hello}\n\n{inviter} invited you to join {place} ({invitation.institution}) on "
        f"nearpeer as {invitation.get_role_display().lower()}.\n\n"
        f"To accept, open this link:\n{invitation_link(invitation)}\n\n"
        f"The link works until {expires}. If you weren't expecting this, you can ignore "
        "this email: nothing changes unless you accept.\n"
    )
    return f"You're invited to {place} on nearpeer", body


def _zone(invitation: Invitation):
    import zoneinfo

    return zoneinfo.ZoneInfo((invitation.program or invitation.institution).time_zone)


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user, request=None) -> Membership:
    """The invited person takes the role. The inviter must still be allowed to give it."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _check_open(invitation)
    if user.email.lower() != invitation.email:
        raise ValidationError(
            f"This invitation was sent to {invitation.email}. Sign in with that email to accept it.",
            code="other_person",
        )
    inviter = invitation.invited_by
    if inviter is None or invitation.role not in policy.grantable_roles(
        inviter, invitation.program, invitation.institution
    ):
        raise ValidationError(
            "This invitation is no longer valid, because the person who sent it can no longer "
            "give this role. Ask the program to invite you again.",
            code="inviter_gone",
        )
    membership = Membership.objects.active().filter(
        user=user,
        role=invitation.role,
        program=invitation.program,
        institution=invitation.institution,
    ).first() or membership_create(
        by=inviter,
        user=user,
        role=invitation.role,
        institution=invitation.institution,
        program=invitation.program,
        cohort=invitation.cohort,
        starts_on=invitation.starts_on,
        ends_on=invitation.ends_on,
        request=request,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def invitee_has_password(invitation: Invitation) -> bool:
    """Whether the invited email already signs in with a password (then they sign in first, and
    the link can't set a new one). Told only to whoever holds the link sent to that email."""
    user = get_user_model().objects.filter(email=invitation.email).first()
    return bool(user and user.has_usable_password())


@transaction.atomic
def invitation_accept_new_account(
    *, invitation: Invitation, full_name: str, password: str, request=None
) -> tuple:
    """Someone with no password yet sets one from the link (which proves the email is theirs),
    then accepts. Returns (user, membership)."""
    _check_open(invitation)
    users = get_user_model().objects
    user = users.filter(email=invitation.email).first()
    if user is not None and user.has_usable_password():
        raise ValidationError(
            "You already have a nearpeer account: sign in, then open the link again.",
            code="has_account",
        )
    full_name = full_name.strip()
    if not full_name:
        raise ValidationError({"full_name": "Please tell us your name."}, code="name_required")
    if user is None:
        user = users.model(email=invitation.email, full_name=full_name[:200])
    else:
        user.full_name = full_name[:200]
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}, code="weak_password") from exc
    user.set_password(password)
    user.save()
    return user, invitation_accept(invitation=invitation, user=user, request=request)


def _check_open(invitation: Invitation) -> None:
    messages = {
        Invitation.Status.ACCEPTED: "This invitation has already been accepted.",
        Invitation.Status.REVOKED: "This invitation was withdrawn. Ask the program for a new one.",
        Invitation.Status.EXPIRED: "This invitation has expired. Ask the program for a new one.",
    }
    if invitation.status in messages:
        raise ValidationError(messages[invitation.status], code=invitation.status)


@transaction.atomic
def invitation_revoke(*, by: User, invitation: Invitation, request=None) -> Invitation:
    """Withdraw a pending invitation; its link stops working."""
    if not policy.invitations_managed(by).filter(pk=invitation.pk).exists():
        raise PermissionDenied("You can't change this invitation.")
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(
            "Only an invitation that is still waiting can be withdrawn.", code="not_pending"
        )
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    _log(
        by, invitation, AccessLog.Action.END, f"withdrew invitation to {invitation.email}", request
    )
    return invitation


def _log(by, invitation, action, summary, request) -> None:
    access_record(
        actor=by,
        institution=invitation.institution,
        action=action,
        record_type="invitation",
        record_id=invitation.pk,
        summary=summary,
        request=request,
    )
