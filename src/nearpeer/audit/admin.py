from django.contrib import admin

from nearpeer.audit.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the log is append-only, even for platform operators."""

    list_display = ["at", "actor_email", "institution", "action", "record_type", "record_id"]
    list_filter = ["action", "record_type", "institution"]
    search_fields = ["actor_email", "record_id", "summary"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
