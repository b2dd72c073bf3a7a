"""People who sign in, the personal API tokens they create, and wrong second-step codes."""

import datetime

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.db import models
from django.utils import timezone

from nearpeer.tenancy.models import validate_time_zone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields):
        if not email:
            raise ValueError("A person needs an email address to sign in.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields):
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=200, blank=True)
    preferred_name = models.CharField(max_length=100, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Platform operators only: may use /admin/."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    time_zone = models.CharField(
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text="Blank: times follow the person's program or institution.",
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def display_name(self) -> str:
        return self.preferred_name or self.full_name or self.email


TOKEN_LIFETIME_DAYS = 90  # the default; the person may choose another on the form


def default_token_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=TOKEN_LIFETIME_DAYS)


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash is stored; the token is shown once."""

    class Scope(models.TextChoices):
        READ = "read", "Read only"
        READ_WRITE = "read_write", "Read and write"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="First characters, to tell tokens apart.")
    hashed = models.CharField(max_length=64, unique=True)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=default_token_expiry)
    mfa_confirmed_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the owner created or re-confirmed it in a session that passed the second "
        "sign-in step. Needed when the owner's role requires that step.",
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="api_token_expires_after_creation",
            ),
            models.CheckConstraint(
                condition=models.Q(scope__in=["read", "read_write"]), name="api_token_scope_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())

    @property
    def can_write(self) -> bool:
        return self.scope == self.Scope.READ_WRITE

    def second_step_state(
        self, *, needs_second_step: bool, enrolled_at: datetime.datetime | None
    ) -> str:
        """ "ok"; "unconfirmed" (made before the owner's role needed a second sign-in step); or
        "stale" (confirmed with an authenticator since removed or replaced, or none now)."""
        if not needs_second_step:
            return "ok"
        if self.mfa_confirmed_at is None:
            return "unconfirmed"
        if enrolled_at is None or self.mfa_confirmed_at < enrolled_at:
            return "stale"
        return "ok"


class MfaAttempt(models.Model):
    """One wrong second-step code (authenticator or recovery code). Kept in the database, not a
    per-process cache, so the limits on guessing hold across every app process."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    sign_in = models.CharField(
        max_length=40, blank=True, help_text="The sign-in it belonged to; blank when signed in."
    )
    at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(
        null=True, blank=True, help_text="When a right code ended this run of wrong ones."
    )

    class Meta:
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["user", "at"], name="mfa_attempt_user_at"),
            models.Index(fields=["user", "sign_in"], name="mfa_attempt_sign_in"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.at:%Y-%m-%d %H:%M}"


class Submission(models.Model):
    """A creating form someone sent, by the one-time key the form carried: the unique row makes
    a second send of the same form (a double click, a reload, a resend) show the first result
    instead of creating the thing twice. See `nearpeer.once`."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="submissions")
    key = models.CharField(max_length=64)
    redirect_to = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="submission_once_per_key"),
        ]
        indexes = [models.Index(fields=["at"], name="submission_at")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.key}"
