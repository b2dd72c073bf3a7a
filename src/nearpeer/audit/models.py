"""The access log: who read or changed a sensitive record, and when. Append-only through the app."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class AccessLog(models.Model):
    class Action(models.TextChoices):
        READ = "read", "Read"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        END = "end", "Ended"
        IMPORT = "import", "Imported"
        EXPORT = "export", "Exported"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_email = models.EmailField(help_text="Kept even if the account is later removed.")
    institution = models.ForeignKey(
        "tenancy.Institution", on_delete=models.SET_NULL, null=True, related_name="access_logs"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    record_type = models.CharField(max_length=60)
    record_id = models.CharField(max_length=40, blank=True)
    summary = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["institution", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.record_type} {self.record_id}"
