"""The core curriculum an institution's well-being office keeps, programs' customized copies, and
plans proposed by facilitators."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Technique(models.TextChoices):
    POSITIVE_PSYCHOLOGY = "positive_psychology", "Positive psychology"
    MINDFULNESS = "mindfulness", "Mindfulness"
    COGNITIVE_BEHAVIOURAL = "cognitive_behavioural", "Cognitive-behavioural skills"
    OTHER = "other", "Other"


class PlanContent(models.Model):
    """What every plan has, core or customized: the session itself."""

    title = models.CharField(max_length=200)
    summary = models.TextField()
    goals = models.JSONField(default=list, help_text="A list of short goals.")
    techniques = models.JSONField(default=list, help_text="Technique values (see Technique).")
    outline = models.JSONField(
        default=list,
        help_text='Timed segments: [{"title": "...", "minutes": 10, "detail": "..."}].',
    )
    minutes = models.PositiveSmallIntegerField(default=60)
    facilitator_guide = models.TextField(blank=True)
    materials = models.TextField(blank=True)
    audience = models.JSONField(
        default=list, help_text="Program kinds this suits; empty means all."
    )

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=60, minutes__lte=90), name="%(class)s_minutes_60_90"
            ),
        ]


class SessionPlan(PlanContent):
    """One version of a core plan. A new version is a new row with the same key."""

    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.CASCADE, related_name="session_plans"
    )
    key = models.SlugField(max_length=80, help_text="Stays the same across versions.")
    version = models.PositiveIntegerField(default=1)
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_retired = models.BooleanField(default=False)

    class Meta(PlanContent.Meta):
        ordering = ["title", "-version"]
        constraints = [
            *PlanContent.Meta.constraints,
            models.UniqueConstraint(
                fields=["institution", "key", "version"], name="session_plan_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"


class ProgramPlan(PlanContent):
    """A program's own copy of a core plan (or of an approved proposal), which it may change."""

    program = models.ForeignKey("tenancy.Program", on_delete=models.CASCADE, related_name="plans")
    based_on = models.ForeignKey(
        SessionPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="program_copies"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    is_archived = models.BooleanField(default=False)

    class Meta(PlanContent.Meta):
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Proposal(PlanContent):
    """A new plan suggested by facilitators, reviewed by the well-being office."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Waiting for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.CASCADE, related_name="proposals"
    )
    program = models.ForeignKey(
        "tenancy.Program",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="proposals"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField(default=timezone.now)
    resulting_plan = models.ForeignKey(
        SessionPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="from_proposals"
    )

    class Meta(PlanContent.Meta):
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class ProposalReview(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=20, choices=Proposal.Status.choices)
    comment = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
