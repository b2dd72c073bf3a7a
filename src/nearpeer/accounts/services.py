"""Writes about people's accounts: API tokens and the limits on second-step codes."""

import datetime
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from nearpeer.accounts import attempts
from nearpeer.accounts.models import ApiToken, MfaAttempt, User
from nearpeer.accounts.tokens import hash_token
from nearpeer.tenancy import policy

TOKEN_PREFIX = "np_"  # noqa: S105 (a marker, not a secret)
TOKEN_LIFETIMES = (7, 30, 90, 365)  # days a person may choose
MAX_ACTIVE_TOKENS = 10

log = logging.getLogger("nearpeer.security")

NOT_VALID = (
    "This API token is not valid: it may have been revoked. Create a new one at /me/tokens/."
)
EXPIRED = "This token expired on {date}. Create a new one at /me/tokens/."
MADE_BEFORE_MFA = (
    "This token was made before your role needed a second sign-in step. Sign in with your "
    "authenticator and re-confirm it at /me/tokens/."
)
AUTHENTICATOR_CHANGED = (
    "This token was confirmed with an authenticator you have since removed or replaced. Sign in "
    "with your current authenticator and re-confirm it at /me/tokens/."
)
READ_ONLY = (
    "This token is read-only, so it can't change anything. Create a read-and-write token at "
    "/me/tokens/ if this script needs to make changes."
)


class TokenRefused(Exception):
    """A token that was sent but does not work, with the reason in plain words."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.message, self.status = message, status


def _totp_created_at(user: User) -> datetime.datetime | None:
    from allauth.mfa.models import Authenticator

    return (
        Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        .values_list("created_at", flat=True)
        .first()
    )


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    scope: str = ApiToken.Scope.READ,
    lifetime_days: int = 90,
    second_step_passed: bool = False,
) -> tuple[ApiToken, str]:
    """Create a personal token; returns it with the raw value, which is never stored or shown again.
    ``second_step_passed``: made in a session that passed the second sign-in step."""
    name = name.strip()
    if not name:
        raise ValidationError(
            "Give the token a name, such as “reporting script”.", code="name_required"
        )
    if scope not in ApiToken.Scope.values:
        raise ValidationError("Choose read only, or read and write.", code="scope")
    if lifetime_days not in TOKEN_LIFETIMES:
        raise ValidationError(
            "Choose how long the token lasts: 7, 30, 90 or 365 days.", code="lifetime"
        )
    now = timezone.now()
    active = user.api_tokens.filter(revoked_at__isnull=True, expires_at__gt=now)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            "You already have 10 active tokens. Revoke one first.", code="too_many"
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[:10],
        hashed=hash_token(raw),
        scope=scope,
        created_at=now,
        expires_at=now + datetime.timedelta(days=lifetime_days),
        mfa_confirmed_at=now if second_step_passed and _totp_created_at(user) else None,
    )
    return token, raw


@transaction.atomic
def api_token_confirm(*, user: User, token_id: int, second_step_passed: bool) -> ApiToken:
    """Re-confirm one of the user's own tokens from a session that passed the second step, so it
    works again for a role that needs that step."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if not second_step_passed or _totp_created_at(user) is None:
        raise ValidationError(
            "Re-confirming a token needs a session signed in with your authenticator code. "
            "Sign out, sign in again with your authenticator, then re-confirm.",
            code="second_step_needed",
        )
    if not token.is_active:
        raise ValidationError(
            "This token was revoked, so it can't be re-confirmed. Create a new one.",
            code="revoked",
        )
    if token.is_expired():
        raise ValidationError(
            "This token has expired, so it can't be re-confirmed. Create a new one.",
            code="expired",
        )
    token.mfa_confirmed_at = timezone.now()
    token.save(update_fields=["mfa_confirmed_at"])
    return token


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens; another person's token is not found."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def second_step_facts(user: User) -> tuple[bool, datetime.datetime | None]:
    """Whether the user's roles (or operator status) need a second sign-in step, and when their
    current authenticator was set up (None if they have none)."""
    needs = user.is_staff or policy.roles_need_mfa(policy.roles_of(user))
    return needs, _totp_created_at(user) if needs else None


def api_token_second_step_problem(token: ApiToken) -> str | None:
    """Why the token may not act for its owner under the second-step rule, or None when it may."""
    needs, enrolled_at = second_step_facts(token.user)
    state = token.second_step_state(needs_second_step=needs, enrolled_at=enrolled_at)
    return {"unconfirmed": MADE_BEFORE_MFA, "stale": AUTHENTICATOR_CHANGED}.get(state)


def api_token_authenticate(raw: str, *, method: str = "GET") -> ApiToken:
    """The working token behind a raw value, for a request of this HTTP method; raises
    TokenRefused saying why when it does not work."""
    token = None
    if raw.startswith(TOKEN_PREFIX):
        token = (
            ApiToken.objects.select_related("user")
            .filter(hashed=hash_token(raw), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
    if token is None:
        raise TokenRefused(NOT_VALID, status=401)
    now = timezone.now()
    if token.is_expired(now):
        day = timezone.localdate(token.expires_at)
        raise TokenRefused(EXPIRED.format(date=f"{day.day} {day:%B %Y}"), status=401)
    problem = api_token_second_step_problem(token)
    if problem:
        raise TokenRefused(problem, status=403)
    if method.upper() not in ("GET", "HEAD", "OPTIONS") and not token.can_write:
        raise TokenRefused(READ_ONLY, status=403)
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def _limits() -> attempts.Limits:
    return attempts.Limits(
        per_sign_in=settings.NEARPEER_MFA_SIGN_IN_ATTEMPTS,
        per_account=settings.NEARPEER_MFA_ACCOUNT_ATTEMPTS,
        window=datetime.timedelta(minutes=settings.NEARPEER_MFA_ATTEMPT_WINDOW_MINUTES),
        first_pause=datetime.timedelta(minutes=settings.NEARPEER_MFA_PAUSE_MINUTES),
    )


@dataclass(frozen=True)
class CodeCheck:
    ok: bool
    message: str = ""
    sign_in_ended: bool = False  # the person must start again with their password


def mfa_code_check(*, user: User, sign_in: str, matches: Callable[[], bool]) -> CodeCheck:
    """Try one second-step code (``matches`` checks it) within the limits on wrong codes per
    sign-in and per account. ``sign_in`` names the sign-in; blank when already signed in."""
    with transaction.atomic():
        # One account's attempts go one at a time, whichever process serves them.
        User.objects.select_for_update().filter(pk=user.pk).exists()
        check, paused = _mfa_code_check(user=user, sign_in=sign_in, matches=matches)
    if paused:
        log.warning("Second-step codes paused for user %s after wrong codes.", user.pk)
    elif not check.ok:
        log.info("Wrong second-step code for user %s (sign-in %s).", user.pk, sign_in or "-")
    return check


def _mfa_code_check(*, user, sign_in, matches) -> tuple[CodeCheck, bool]:
    limits, now = _limits(), timezone.now()
    # Rows older than the longest look-back decide nothing: drop them as the account is used.
    MfaAttempt.objects.filter(user=user, at__lt=now - limits.lookback).delete()
    wrong = MfaAttempt.objects.filter(user=user, cleared_at__isnull=True)
    earlier = list(wrong.filter(at__gte=now - limits.lookback).values_list("at", flat=True))
    before = attempts.standing(earlier, now, limits)
    if before.paused_until:
        return CodeCheck(False, _paused(before.paused_until - now, sign_in), bool(sign_in)), False
    used = MfaAttempt.objects.filter(user=user, sign_in=sign_in).count() if sign_in else 0
    if sign_in and used >= limits.per_sign_in:
        return CodeCheck(False, SIGN_IN_ENDED, True), False
    if matches():
        wrong.update(cleared_at=now)
        return CodeCheck(True), False
    MfaAttempt.objects.create(user=user, sign_in=sign_in, at=now)
    after = attempts.standing([*earlier, now], now, limits)
    if after.paused_until:
        message = "That code didn't match. " + _paused(after.paused_until - now, sign_in)
        return CodeCheck(False, message, bool(sign_in)), True
    sign_in_left = limits.per_sign_in - used - 1 if sign_in else None
    if sign_in_left is not None and sign_in_left <= 0:
        return CodeCheck(False, "That code didn't match. " + SIGN_IN_ENDED, True), False
    return CodeCheck(False, _tries_left(sign_in_left, after.tries_left, limits)), False


SIGN_IN_ENDED = (
    "That was too many wrong codes for one sign-in, so for your safety please sign in again "
    "with your email and password."
)


def _paused(wait: datetime.timedelta, sign_in: str) -> str:
    again = " Then sign in again with your email and password." if sign_in else ""
    return (
        "Too many wrong codes were entered for your account, so codes are paused for "
        f"{attempts.wait_in_words(wait)}.{again} If you have lost your authenticator, use one of "
        "your recovery codes once the pause ends, or ask your well-being office for help."
    )


def _tries_left(sign_in_left: int | None, account_left: int, limits: attempts.Limits) -> str:
    def tries(n: int) -> str:
        return f"{n} {'try' if n == 1 else 'tries'}"

    if sign_in_left is not None and sign_in_left <= account_left:
        return (
            f"That code didn't match. You have {tries(sign_in_left)} left before you need to "
            "sign in again."
        )
    pause = attempts.wait_in_words(limits.first_pause)
    return (
        f"That code didn't match. You have {tries(account_left)} left before codes for your "
        f"account are paused for at least {pause}."
    )


@transaction.atomic
def user_time_zone_set(*, user: User, time_zone: str) -> User:
    """Save the zone the person wants their times in; blank follows their program or institution."""
    user.time_zone = time_zone.strip()
    user.full_clean(
        exclude=[f.name for f in User._meta.fields if f.name != "time_zone"], validate_unique=False
    )
    user.save(update_fields=["time_zone"])
    return user


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
