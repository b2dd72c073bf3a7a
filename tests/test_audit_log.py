"""The access log can be added to, never changed or removed, even by platform operators."""

from django.contrib import admin

from nearpeer.audit.models import AccessLog
from nearpeer.audit.services import access_record


def test_access_log_is_read_only_in_the_platform_admin(rf, admin_user, ridgeview):
    entry = access_record(
        actor=admin_user, institution=ridgeview, action="read", record_type="membership"
    )
    model_admin = admin.site._registry[AccessLog]
    request = rf.get("/admin/")
    request.user = admin_user
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request, entry)
    assert not model_admin.has_delete_permission(request, entry)


def test_access_log_keeps_the_actor_email_when_the_account_goes(django_user_model, ridgeview):
    person = django_user_model.objects.create_user("gone@ridgeview.example", "x" * 12)
    entry = access_record(
        actor=person, institution=ridgeview, action="read", record_type="membership"
    )
    person.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_email == "gone@ridgeview.example"
