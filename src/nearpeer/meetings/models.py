"""Series of peer-led sessions, their meetings, who facilitates, who came, and anonymous feedback."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nearpeer.weblinks import validate_web_address


class Modality(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


class Series(models.Model):
    """A program's run of sessions over an academic year."""

    class Cadence(models.TextChoices):
        MONTHLY = "monthly", "Monthly"
        BIMONTHLY = "bimonthly", "Every two months"
        QUARTERLY = "quarterly", "Quarterly"
        BIWEEKLY = "biweekly", "Every other week"
        CUSTOM = "custom", "Custom dates"

    program = models.ForeignKey("tenancy.Program", on_delete=models.CASCADE, related_name="series")
    name = models.CharField(max_length=200)
    cadence = models.CharField(max_length=20, choices=Cadence.choices, default=Cadence.MONTHLY)
    custom_dates = models.JSONField(
        default=list, blank=True, help_text="ISO dates, for custom cadence."
    )
    weekday = models.PositiveSmallIntegerField(default=2, help_text="0 = Monday … 6 = Sunday.")
    start_time = models.TimeField(help_text="In the program's time zone.")
    minutes = models.PositiveSmallIntegerField(default=60)
    modality = models.CharField(max_length=20, choices=Modality.choices, default=Modality.IN_PERSON)
    room = models.CharField(max_length=200, blank=True)
    video_link = models.URLField(blank=True, validators=[validate_web_address])
    starts_on = models.DateField()
    ends_on = models.DateField()
    plans = models.ManyToManyField(
        "curriculum.ProgramPlan", through="SeriesPlan", related_name="series"
    )
    facilitators_per_meeting = models.PositiveSmallIntegerField(default=2)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["program", "-starts_on"]
        verbose_name_plural = "series"
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=60, minutes__lte=90), name="series_minutes_60_90"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="series_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="series_weekday_0_6"),
            models.CheckConstraint(
                condition=Q(facilitators_per_meeting__gte=2), name="series_two_facilitators"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SeriesPlan(models.Model):
    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="sequence")
    plan = models.ForeignKey("curriculum.ProgramPlan", on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "position"], name="series_plan_position_unique"
            )
        ]


class Meeting(models.Model):
    """One occurrence of a series: a 60–90 minute session."""

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="meetings")
    program = models.ForeignKey(
        "tenancy.Program", on_delete=models.CASCADE, related_name="meetings"
    )
    plan = models.ForeignKey(
        "curriculum.ProgramPlan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    modality = models.CharField(max_length=20, choices=Modality.choices)
    room = models.CharField(max_length=200, blank=True)
    video_link = models.URLField(blank=True, validators=[validate_web_address])
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancel_reason = models.CharField(max_length=300, blank=True)
    moved_from = models.DateField(
        null=True, blank=True, help_text="Original date, when moved for a blackout."
    )
    schedule_note = models.CharField(max_length=300, blank=True)
    staffing_note = models.CharField(
        max_length=300, blank=True, help_text="Why it could not be staffed."
    )
    check_in_code = models.CharField(max_length=8, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Facilitation", related_name="facilitated_meetings"
    )

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["program", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.series} · {self.starts_at:%Y-%m-%d}"


class MeetingChange(models.Model):
    """History of a meeting: moved, cancelled, edited, re-staffed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=300)
    reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]


class Facilitation(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="facilitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitations"
    )
    pinned = models.BooleanField(
        default=False, help_text="Set by hand; kept when the rest is re-solved."
    )
    # When the person was put on the session (by the scheduler or by hand); they are emailed once
    # and their home marks it as new for a while. Empty for pairings made before it was recorded.
    assigned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="facilitation_unique")
        ]


class FacilitatorProfile(models.Model):
    """What scheduling needs to know about a facilitator."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator_profile"
    )
    monthly_cap = models.PositiveSmallIntegerField(default=2)
    sessions_led = models.PositiveIntegerField(
        default=0, help_text="Before nearpeer; 0 means first-time."
    )


class Availability(models.Model):
    """A weekly window when a facilitator can lead sessions, in their program's time zone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability"
    )
    weekday = models.PositiveSmallIntegerField()
    start_time = models.TimeField()
    end_time = models.TimeField()

    class Meta:
        ordering = ["weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="availability_window"
            ),
            models.CheckConstraint(condition=Q(weekday__lte=6), name="availability_weekday_0_6"),
        ]


class AvailabilityException(models.Model):
    """A date when the weekly pattern does not hold (away, or free on an unusual day)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="availability_exceptions"
    )
    on = models.DateField()
    available = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "on"], name="availability_exception_unique")
        ]


class Rsvp(models.Model):
    """A trainee plans to come: they get the day-before reminder."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="rsvp_unique")]


class Attendance(models.Model):
    class Via(models.TextChoices):
        FACILITATOR = "facilitator", "Marked by a facilitator"
        SELF = "self", "Checked in with the code"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    via = models.CharField(max_length=20, choices=Via.choices)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_unique")
        ]


class FeedbackInvite(models.Model):
    """A one-time link to give feedback. It records only whether it was used, never which answer."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback_invites")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="feedback_invite_unique")
        ]


class Feedback(models.Model):
    """Anonymous: no person, no invite, no time finer than the meeting itself."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="feedback")
    helpfulness = models.PositiveSmallIntegerField()
    what_helped = models.TextField(blank=True)
    what_to_change = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(helpfulness__gte=1, helpfulness__lte=5), name="feedback_helpfulness_1_5"
            ),
        ]


class CalendarFeed(models.Model):
    """A secret, revocable iCalendar URL for a person or a program."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
    )
    program = models.ForeignKey(
        "tenancy.Program",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feeds",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, program__isnull=True)
                | Q(user__isnull=True, program__isnull=False),
                name="calendar_feed_one_owner",
            ),
        ]


class Reminder(models.Model):
    """One reminder to one person about one meeting: the unique row makes sending idempotent."""

    class Kind(models.TextChoices):
        FACILITATOR_7_DAYS = "facilitator_7d", "Facilitator, 7 days before"
        FACILITATOR_1_DAY = "facilitator_1d", "Facilitator, 1 day before"
        ATTENDEE_1_DAY = "attendee_1d", "Attendee, 1 day before"
        CANCELLED = "cancelled", "Meeting cancelled"
        FEEDBACK = "feedback", "Feedback invitation"
        ASSIGNED = "assigned", "Facilitator, newly paired"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    claimed_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user", "kind"], name="reminder_once")
        ]
