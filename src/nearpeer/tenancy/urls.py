from django.urls import path

from nearpeer.tenancy import roster_views, views

urlpatterns = [
    path("institutions/<int:institution_id>/", views.institution_detail, name="institution_detail"),
    path(
        "institutions/<int:institution_id>/edit/", views.institution_edit, name="institution_edit"
    ),
    path(
        "institutions/<int:institution_id>/members/add/",
        views.institution_membership_add,
        name="institution_membership_add",
    ),
    path("programs/", views.program_list, name="program_list"),
    path("programs/new/", views.program_create, name="program_create"),
    path("programs/<int:program_id>/", views.program_detail, name="program_detail"),
    path("programs/<int:program_id>/edit/", views.program_edit, name="program_edit"),
    path("programs/<int:program_id>/members/add/", views.membership_add, name="membership_add"),
    path(
        "programs/<int:program_id>/roster/import/", roster_views.roster_import, name="roster_import"
    ),
    path(
        "programs/<int:program_id>/roster/imports/<int:import_id>/",
        roster_views.roster_import_status,
        name="roster_import_status",
    ),
    path(
        "programs/<int:program_id>/roster/template/",
        roster_views.roster_template,
        name="roster_template",
    ),
    path("memberships/<int:membership_id>/end/", views.membership_end, name="membership_end"),
    path(
        "invitations/<int:invitation_id>/withdraw/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("invitations/accept/<str:token>/", views.invitation_open, name="invitation_open"),
    path("calendars/", views.calendar_list, name="calendar_list"),
    path("calendars/<int:calendar_id>/", views.calendar_detail, name="calendar_detail"),
    path("blackouts/<int:blackout_id>/delete/", views.blackout_delete, name="blackout_delete"),
]
