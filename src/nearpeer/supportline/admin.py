"""Operators' admin for the support line. It never shows what people wrote (messages, notes,
call-back numbers, acknowledgements, preferences), never deletes, and cannot close or re-grade a
request: those go through the services, which keep the safety rules (a high-risk request closes only
after a professional's acknowledgement; the database refuses it too). The safety trail it does show
(screening reasons, the reason for each risk change) is encrypted at rest, so each detail page an
operator opens is written to the access log, as the staff's conversation page is."""

from django.contrib import admin

from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record
from nearpeer.supportline.models import (
    MentorProfile,
    MentorTraining,
    Notification,
    Resource,
    RiskChange,
    Shift,
    SupportLine,
    SupportRequest,
)


class NoDeleteAdmin(admin.ModelAdmin):
    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class ReadOnlyAdmin(NoDeleteAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LoggedReadAdmin(NoDeleteAdmin):
    """Writes one access-log entry each time an operator opens a record's detail page."""

    record_type = ""

    def institution_of(self, obj):
        raise NotImplementedError

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original")
        if request.method == "GET" and response.status_code == 200 and obj is not None:
            access_record(
                actor=request.user,
                institution=self.institution_of(obj),
                action=AccessLog.Action.READ,
                record_type=self.record_type,
                record_id=obj.pk,
                summary="opened in the admin",
                request=request,
            )
        return response


@admin.register(SupportLine)
class SupportLineAdmin(NoDeleteAdmin):
    list_display = ["name", "institution", "escalation_minutes", "is_active"]
    list_filter = ["is_active"]
    filter_horizontal = ["programs"]


@admin.register(MentorTraining)
class MentorTrainingAdmin(NoDeleteAdmin):
    list_display = ["user", "line", "completed_on"]
    raw_id_fields = ["user", "recorded_by"]


@admin.register(MentorProfile)
class MentorProfileAdmin(NoDeleteAdmin):
    list_display = ["user", "gender", "stage"]
    raw_id_fields = ["user"]


@admin.register(Shift)
class ShiftAdmin(ReadOnlyAdmin):
    list_display = ["line", "starts_at", "ends_at", "mentor", "backup", "status"]
    list_filter = ["status"]


@admin.register(Resource)
class ResourceAdmin(NoDeleteAdmin):
    list_display = ["name", "institution", "kind", "is_crisis"]
    list_filter = ["kind", "is_crisis"]


# Content fields never appear; status, risk and the safety trail are read-only.
REQUEST_FIELDS = [
    "line",
    "anonymous",
    "topics",
    "channel",
    "self_harm_answer",
    "danger_answer",
    "risk",
    "risk_reasons",
    "needs_human_review",
    "status",
    "mentor",
    "offered_at",
    "accepted_at",
    "escalation_level",
    "escalated_at",
    "acknowledged_by",
    "acknowledged_at",
    "created_at",
    "closed_at",
    "closed_by",
    "purged_at",
]


@admin.register(SupportRequest)
class SupportRequestAdmin(LoggedReadAdmin):
    list_display = ["pk", "line", "risk", "status", "created_at", "acknowledged_at"]
    list_filter = ["risk", "status"]
    fields = REQUEST_FIELDS
    readonly_fields = REQUEST_FIELDS
    record_type = "support_request"

    def institution_of(self, obj):
        return obj.line.institution

    def has_add_permission(self, request):
        return False


@admin.register(RiskChange)
class RiskChangeAdmin(LoggedReadAdmin, ReadOnlyAdmin):
    list_display = ["request", "from_risk", "to_risk", "by", "at"]
    record_type = "support_risk_change"

    def institution_of(self, obj):
        return obj.request.line.institution


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["request", "user", "kind", "level", "created_at", "sent_at"]
    list_filter = ["kind"]
