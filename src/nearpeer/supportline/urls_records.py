"""Contact records, referrals, the resource directory and the demand dashboard (/support/records/)."""

from django.urls import path

from nearpeer.supportline import views_records as views

urlpatterns = [
    path("requests/<int:request_id>/contact/", views.contact, name="support_records_contact"),
    path(
        "requests/<int:request_id>/referrals/",
        views.referral_create,
        name="support_records_referral_create",
    ),
    path(
        "referrals/<int:referral_id>/outcome/",
        views.referral_outcome,
        name="support_records_referral_outcome",
    ),
    path("resources/", views.resource_list, name="support_records_resources"),
    path("resources/new/", views.resource_create, name="support_records_resource_create"),
    path(
        "resources/<int:resource_id>/edit/",
        views.resource_edit,
        name="support_records_resource_edit",
    ),
    path(
        "resources/<int:resource_id>/delete/",
        views.resource_delete,
        name="support_records_resource_delete",
    ),
    path("dashboard/", views.dashboard_list, name="support_records_dashboards"),
    path("dashboard/<int:line_id>/", views.dashboard_page, name="support_records_dashboard"),
]
