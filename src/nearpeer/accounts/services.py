"""Writes about people's accounts: API tokens."""

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts.models import ApiToken, User

TOKEN_PREFIX = "np_"  # noqa: S105 (a marker, not a secret)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a personal token; returns it with the raw value, which is never stored or shown again."""
    name = name.strip()
    if not name:
        raise ValidationError(
            "Give the token a name, such as “reporting script”.", code="name_required"
        )
    if user.api_tokens.filter(revoked_at__isnull=True).count() >= 10:
        raise ValidationError(
            "You already have 10 active tokens. Revoke one first.", code="too_many"
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=raw[:10], hashed=hash_token(raw)
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; another person's token is not found."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active user behind a raw token, or None."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(hashed=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def user_get_or_create(*, email: str, full_name: str = "") -> tuple[User, bool]:
    """The person with this email, or a new account with no password yet (they set one through
    "forgot password" or sign in with their institution's single sign-on)."""
    email = User.objects.normalize_email(email).strip().lower()
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    user = User(email=email, full_name=full_name.strip())
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user, True


def users_create(*, people: list[tuple[str, str]]) -> list[User]:
    """Accounts for many new people at once (email, full name), made as user_get_or_create makes
    them, in a few queries; the caller has checked no email is taken (else IntegrityError)."""
    users = []
    for email, full_name in people:
        user = User(
            email=User.objects.normalize_email(email).strip().lower(), full_name=full_name.strip()
        )
        user.set_unusable_password()
        user.full_clean(exclude=["password"], validate_unique=False)
        users.append(user)
    return User.objects.bulk_create(users, batch_size=500)
