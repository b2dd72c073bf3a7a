from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from nearpeer.accounts.models import ApiToken, MfaAttempt, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff", "date_joined"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Name", {"fields": ["full_name", "preferred_name"]}),
        (
            "Access",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]})]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "user",
        "prefix",
        "scope",
        "created_at",
        "expires_at",
        "mfa_confirmed_at",
        "last_used_at",
        "revoked_at",
    ]
    readonly_fields = ["hashed", "prefix", "mfa_confirmed_at"]


@admin.register(MfaAttempt)
class MfaAttemptAdmin(admin.ModelAdmin):
    """Wrong second-step codes, read only: an operator may see why an account is paused."""

    list_display = ["user", "at", "sign_in", "cleared_at"]
    list_filter = ["cleared_at"]
    search_fields = ["user__email"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
