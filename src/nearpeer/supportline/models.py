"""The confidential peer-support line: rota, requests, conversations, contact records, referrals.

Everything that describes a person's state in words is encrypted at rest (nearpeer.fields): message
bodies, mentors' private notes, call-back numbers, professionals' acknowledgement notes, the reasons
for each risk change, the screening reasons and answers, and stated preferences. What counts need stays plain:
topic codes, risk level, status, dates. Content is purged after the retention period; only
de-identified weekly counts remain (WeeklyCount). docs/operators.md lists the columns and why.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nearpeer.fields import EncryptedJSONField, EncryptedTextField
from nearpeer.weblinks import validate_web_address


class Risk(models.TextChoices):
    LOW = "low", "Low"
    ELEVATED = "elevated", "Elevated"
    HIGH = "high", "High"


RISK_ORDER = {Risk.LOW: 0, Risk.ELEVATED: 1, Risk.HIGH: 2}


class Topic(models.TextChoices):
    ACADEMIC_STRESS = "academic_stress", "Academic stress"
    RELATIONSHIPS = "relationships", "Relationship conflict"
    IMPOSTER = "imposter", "Feeling like an imposter"
    PARTNER_VIOLENCE = "partner_violence", "Someone at home hurting or scaring me"
    DUCK_SYNDROME = "duck_syndrome", "Looking fine but struggling inside"
    LONELINESS = "loneliness", "Loneliness"
    HOMESICKNESS = "homesickness", "Homesickness"
    SUICIDAL_THOUGHTS = "suicidal_thoughts", "Thoughts of ending my life"
    SOMETHING_ELSE = "something_else", "Something else"


class SupportLine(models.Model):
    """One peer-support line, serving one or more programs of an institution."""

    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.CASCADE, related_name="support_lines"
    )
    name = models.CharField(max_length=200)
    programs = models.ManyToManyField("tenancy.Program", related_name="support_lines", blank=True)
    description = models.TextField(blank=True)
    escalation_minutes = models.PositiveSmallIntegerField(
        default=10,
        help_text="An unacknowledged high-risk request goes to the next backup after this.",
    )
    retention_days_after_year_end = models.PositiveSmallIntegerField(default=30)
    is_active = models.BooleanField(default=True)
    # A one-time key from the form that created this row: sending the same form twice finds it.
    submission_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["institution", "name"]

    def __str__(self) -> str:
        return self.name


class MentorTraining(models.Model):
    """A mentor completed the support line's required training (the gate for taking shifts)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_trainings"
    )
    line = models.ForeignKey(SupportLine, on_delete=models.CASCADE, related_name="trainings")
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "line"], name="mentor_training_once")
        ]


class MentorProfile(models.Model):
    """What a requester may ask for in a mentor. Everything is optional and self-described."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_profile"
    )
    gender = models.CharField(max_length=60, blank=True)
    languages = models.JSONField(default=list, blank=True)
    stage = models.CharField(
        max_length=60, blank=True, help_text="For example: MS2, PGY-1, PhD year 3."
    )


class Shift(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        CANCELLED = "cancelled", "Cancelled"

    line = models.ForeignKey(SupportLine, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_shifts",
    )
    backup = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="backup_shifts",
        help_text="A faculty advisor or wellness advisor.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # A one-time key from the form that created this row: sending the same form twice finds it.
    submission_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(backup__isnull=False),
                name="published_shift_has_backup",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line} {self.starts_at:%Y-%m-%d %H:%M}"


class ShiftSwap(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", "Waiting for approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="swaps")
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # A one-time key from the form that created this row: sending the same form twice finds it.
    submission_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True, editable=False
    )


class SupportRequest(models.Model):
    class Channel(models.TextChoices):
        IN_APP = "in_app", "Talk here, in writing"
        CALL_BACK = "call_back", "Call me back"

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a mentor"
        OFFERED = "offered", "Offered to a mentor"
        ACTIVE = "active", "Talking"
        CLOSED = "closed", "Closed"

    line = models.ForeignKey(SupportLine, on_delete=models.PROTECT, related_name="requests")
    program = models.ForeignKey(
        "tenancy.Program", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cohort = models.ForeignKey(
        "tenancy.Cohort", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
    )
    anonymous = models.BooleanField(default=False)
    return_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True)
    return_code_hash = models.CharField(max_length=64, blank=True)
    topics = models.JSONField(default=list, blank=True)
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.IN_APP)
    callback_phone = EncryptedTextField(blank=True)
    preferences = EncryptedJSONField(default=dict, blank=True)
    opening_message = EncryptedTextField(blank=True)
    # True, False, or None when they preferred not to say; encrypted like the reasons they feed.
    self_harm_answer = EncryptedJSONField(null=True, blank=True)
    danger_answer = EncryptedJSONField(null=True, blank=True)
    risk = models.CharField(max_length=10, choices=Risk.choices, default=Risk.LOW, db_index=True)
    risk_reasons = EncryptedJSONField(default=list, blank=True)
    needs_human_review = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_requests",
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    passed_by = models.JSONField(default=list, blank=True, help_text="Mentor ids who passed it on.")
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalated_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledgement = EncryptedTextField(blank=True, help_text="What the professional did.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    purged_at = models.DateTimeField(null=True, blank=True)
    # A one-time key from the form that created this row: sending the same form twice finds it.
    submission_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["line", "status", "risk", "created_at"])]
        constraints = [
            # The database itself refuses a closed high-risk request that no professional acknowledged.
            models.CheckConstraint(
                condition=~Q(status="closed", risk="high") | Q(acknowledged_at__isnull=False),
                name="high_risk_closed_only_after_acknowledgement",
            ),
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(requester__isnull=True),
                name="anonymous_request_has_no_requester",
            ),
        ]

    def __str__(self) -> str:
        return f"Request {self.pk} ({self.get_risk_display()}, {self.get_status_display()})"


class RiskChange(models.Model):
    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="risk_changes"
    )
    from_risk = models.CharField(max_length=10, choices=Risk.choices)
    to_risk = models.CharField(max_length=10, choices=Risk.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = EncryptedTextField(help_text="Up to 300 characters (checked by the services).")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]


class Message(models.Model):
    class Sender(models.TextChoices):
        REQUESTER = "requester", "Requester"
        MENTOR = "mentor", "Mentor"
        SYSTEM = "system", "nearpeer"

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=10, choices=Sender.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    body = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]


class Contact(models.Model):
    """The mentor's minimal record of a contact; private notes are encrypted and every read logged."""

    class Outcome(models.TextChoices):
        SUPPORTED = "supported", "Talked it through"
        REFERRED = "referred", "Referred to help"
        ESCALATED = "escalated", "Handed to a professional"
        NO_REPLY = "no_reply", "No reply from the requester"

    request = models.OneToOneField(SupportRequest, on_delete=models.CASCADE, related_name="contact")
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    topics = models.JSONField(default=list, blank=True)
    minutes = models.PositiveSmallIntegerField(default=0)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    follow_up_wanted = models.BooleanField(default=False)
    notes = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)


class Resource(models.Model):
    """Where to get help, per institution: counseling, student health, advocates, crisis lines."""

    class Kind(models.TextChoices):
        COUNSELING = "counseling", "Counseling and psychological services"
        STUDENT_HEALTH = "student_health", "Student health"
        IPV_ADVOCATE = "ipv_advocate", "Advocates for intimate partner violence"
        ACADEMIC = "academic", "Academic support"
        FINANCIAL = "financial", "Financial aid"
        OMBUDS = "ombuds", "Ombuds"
        CRISIS_LINE = "crisis_line", "Crisis line"
        EMERGENCY = "emergency", "Emergency"

    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.CASCADE, related_name="resources"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    text_number = models.CharField(max_length=40, blank=True)
    url = models.URLField(blank=True, validators=[validate_web_address])
    hours = models.CharField(max_length=200, blank=True)
    how_to_reach = models.CharField(max_length=300, blank=True)
    is_crisis = models.BooleanField(
        default=False, help_text="Shown at once when someone may be in crisis."
    )
    # A one-time key from the form that created this row: sending the same form twice finds it.
    submission_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["-is_crisis", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class Referral(models.Model):
    class Outcome(models.TextChoices):
        PENDING = "pending", "Not known yet"
        CONNECTED = "connected", "Connected with the service"
        NOT_YET = "not_yet", "Not connected yet"
        DECLINED = "declined", "Decided not to go"

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="referrals")
    resource = models.ForeignKey(Resource, on_delete=models.PROTECT, related_name="referrals")
    consent = models.BooleanField(default=False)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    follow_up_on = models.DateField()
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_noted_at = models.DateTimeField(null=True, blank=True)
    # A one-time key from the form that created this row: sending the same form twice finds it.
    submission_key = models.CharField(
        max_length=80, unique=True, null=True, blank=True, editable=False
    )

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(consent=True), name="referral_only_with_consent")
        ]


class Notification(models.Model):
    """One notice to one person about one request at one escalation step: the unique row makes it
    idempotent, so a retried task never notifies twice."""

    class Kind(models.TextChoices):
        HIGH_RISK = "high_risk", "High-risk request"
        ESCALATION = "escalation", "Escalated: not yet acknowledged"
        OFFERED = "offered", "A request is waiting for you"
        UNACCEPTED = "unaccepted", "A request has not been accepted"
        REFERRAL_FOLLOW_UP = "referral_follow_up", "Referral follow-up"
        NOBODY_ON_CALL = "nobody_on_call", "Request arrived with nobody on call"
        RISK_RAISED = "risk_raised", "Risk went up during a conversation"

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="notifications"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "user", "kind", "level"], name="notification_once"
            ),
        ]


class WeeklyCount(models.Model):
    """De-identified counts kept after content is purged: requests per week, line, topic and risk."""

    line = models.ForeignKey(SupportLine, on_delete=models.CASCADE, related_name="weekly_counts")
    week_start = models.DateField()
    topic = models.CharField(max_length=30)
    risk = models.CharField(max_length=10, choices=Risk.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["line", "week_start", "topic", "risk"], name="weekly_count_unique"
            ),
        ]
