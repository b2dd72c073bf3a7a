"""Institutions, their training programs, cohorts, memberships and academic calendars."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Role(models.TextChoices):
    TRAINEE = "trainee", "Trainee"
    PEER_FACILITATOR = "peer_facilitator", "Peer facilitator"
    WELLNESS_ADVISOR = "wellness_advisor", "Wellness advisor"
    PEER_MENTOR = "peer_mentor", "Peer mentor"
    GROUP_FACILITATOR = "group_facilitator", "Group facilitator"
    CHAMPION = "champion", "Well-being champion"
    PROGRAM_DIRECTOR = "program_director", "Program director"
    COORDINATOR = "coordinator", "Coordinator"
    FACULTY_ADVISOR = "faculty_advisor", "Faculty advisor"
    OFFICE_ADMIN = "office_admin", "Well-being office"


# Roles that run a program: schedule, recruit, import rosters, see its reports.
PROGRAM_STAFF_ROLES = frozenset({Role.CHAMPION, Role.PROGRAM_DIRECTOR, Role.COORDINATOR})
# Roles that see support-line content or reports: these must use a second sign-in step.
SENSITIVE_ROLES = frozenset(
    {
        Role.FACULTY_ADVISOR,
        Role.WELLNESS_ADVISOR,
        Role.OFFICE_ADMIN,
        Role.CHAMPION,
        Role.PROGRAM_DIRECTOR,
        Role.COORDINATOR,
        Role.PEER_MENTOR,
    }
)
# Roles that may be held across a whole institution rather than one program.
INSTITUTION_WIDE_ROLES = frozenset({Role.OFFICE_ADMIN, Role.WELLNESS_ADVISOR, Role.FACULTY_ADVISOR})


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name, such as America/New_York.")


class Institution(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    office_name = models.CharField("well-being office", max_length=200)
    office_email = models.EmailField("office email", blank=True)
    office_phone = models.CharField("office phone", max_length=40, blank=True)
    emergency_phone = models.CharField("campus emergency number", max_length=40, blank=True)
    after_hours_counseling_phone = models.CharField(max_length=40, blank=True)
    time_zone = models.CharField(
        max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Program(models.Model):
    class Kind(models.TextChoices):
        MEDICAL_SCHOOL = "medical_school", "Medical school"
        RESIDENCY = "residency", "Residency"
        FELLOWSHIP = "fellowship", "Fellowship"
        GRADUATE = "graduate", "Graduate program"

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"

    institution = models.ForeignKey(Institution, on_delete=models.PROTECT, related_name="programs")
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    headcount = models.PositiveIntegerField(default=0, help_text="Trainees in the program.")
    time_zone = models.CharField(
        max_length=64, default="America/New_York", validators=[validate_time_zone]
    )
    session_cadence = models.CharField(
        max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["institution__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "name"], name="program_name_unique_in_institution"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Cohort(models.Model):
    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="cohorts")
    name = models.CharField(max_length=100, help_text="For example: Class of 2028, PGY-2.")
    class_year = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["program", "class_year", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "name"], name="cohort_name_unique_in_program"
            )
        ]

    def __str__(self) -> str:
        return self.name


def membership_today() -> datetime.date:
    """The day membership dates are counted in: the server's zone (settings.TIME_ZONE), whoever
    asks and whatever zone their page shows, so nobody's time-zone choice moves who may see what."""
    return timezone.localdate(timezone=timezone.get_default_timezone())


def in_force(prefix: str = "", on: datetime.date | None = None) -> Q:
    """The one rule for "this role is in force" on a day (today by default): started, not past
    its last day, and not ended by a person. A role someone ended (``ended_at``) stops the moment
    it is recorded, not at midnight, and counts for no day after that moment: callers ask about
    today or later days (in various time zones), never to rebuild the past.
    ``prefix`` reaches memberships through a relation, e.g. ``"memberships__"``."""
    on = on or membership_today()
    return Q(
        Q(**{f"{prefix}starts_on__lte": on}),
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": on}),
        Q(**{f"{prefix}ended_at__isnull": True}) | Q(**{f"{prefix}ended_at__gt": timezone.now()}),
    )


class MembershipQuerySet(models.QuerySet):
    def active(self, on=None):
        return self.filter(in_force(on=on))


class Membership(models.Model):
    """A person's role in one program, or across a whole institution for office-wide roles."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="memberships"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="memberships", null=True, blank=True
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="members"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(
        null=True, blank=True, help_text="The last day of the role, when it is planned ahead."
    )
    ended_at = models.DateTimeField(
        null=True, blank=True, help_text="When someone ended the role; access stops at this moment."
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["institution", "program", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "program", "role"],
                name="membership_unique_role_in_program",
                condition=Q(program__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["user", "institution", "role"],
                name="membership_unique_institution_role",
                condition=Q(program__isnull=True),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="membership_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(program__isnull=False)
                | Q(role__in=sorted(r.value for r in INSTITUTION_WIDE_ROLES)),
                name="membership_program_needed_for_role",
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        where = self.program or self.institution
        return f"{self.get_role_display()} in {where}"

    @property
    def is_active(self) -> bool:
        today = membership_today()
        return (
            self.starts_on <= today
            and (self.ends_on is None or self.ends_on >= today)
            and (self.ended_at is None or self.ended_at > timezone.now())
        )


class RosterImport(models.Model):
    """One uploaded roster file, checked when it arrived and applied whole by a background task.

    ``content`` holds the file only until the import finishes; ``summary`` keeps counts only."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Not imported"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="roster_imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    row_count = models.PositiveIntegerField()
    rows_done = models.PositiveIntegerField(default=0)
    content = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)  # [{"line": 3, "reason": "..."}]
    summary = models.JSONField(default=dict, blank=True)  # counts only, e.g. {"roles_added": 12}
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_done__lte=models.F("row_count")),
                name="roster_import_progress_within_rows",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running"]) | Q(content=""),
                name="roster_import_file_cleared_when_finished",
            ),
        ]
        indexes = [models.Index(fields=["program", "-created_at"])]

    def __str__(self) -> str:
        return f"Roster import {self.pk} into {self.program_id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class AcademicCalendar(models.Model):
    """One academic year's calendar, for a whole institution or for one program."""

    institution = models.ForeignKey(Institution, on_delete=models.CASCADE, related_name="calendars")
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="calendars", null=True, blank=True
    )
    name = models.CharField(max_length=120, help_text="For example: 2026–27 academic year.")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="calendar_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Blackout(models.Model):
    """Days when no session is held: exams, board exams, holidays, finals."""

    class Kind(models.TextChoices):
        EXAM = "exam", "Exam"
        BOARD_EXAM = "board_exam", "Board exam"
        HOLIDAY = "holiday", "Holiday"
        FINALS = "finals", "Finals"

    calendar = models.ForeignKey(
        AcademicCalendar, on_delete=models.CASCADE, related_name="blackouts"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="blackout_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%d %b}–{self.ends_on:%d %b %Y})"


class Invitation(models.Model):
    """A role offered to someone who is not yet among the people the inviter may see. The role
    takes effect only when they accept through the emailed link, so adding an email never says
    whether it has an account anywhere, and no one is given a role in a place they did not agree
    to join. The link is signed with the site's key from this row's id and nonce; nothing in the
    database alone opens it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for them to accept"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Withdrawn"
        EXPIRED = "expired", "Expired"

    institution = models.ForeignKey(
        Institution, on_delete=models.CASCADE, related_name="invitations"
    )
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True)
    role = models.CharField(max_length=30, choices=Role.choices)
    email = models.EmailField()
    full_name = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    nonce = models.CharField(max_length=32, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False)
                | Q(role__in=sorted(r.value for r in INSTITUTION_WIDE_ROLES)),
                name="invitation_program_needed_for_role",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_both_accepted_and_withdrawn",
            ),
        ]
        indexes = [models.Index(fields=["institution", "email"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} in {self.program or self.institution} for {self.email}"

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    def get_status_display(self) -> str:
        return self.Status(self.status).label
