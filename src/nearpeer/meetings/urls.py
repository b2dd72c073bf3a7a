from django.urls import path

from nearpeer.meetings import views

app_name = "meetings"

urlpatterns = [
    path("programs/<int:program_id>/", views.season, name="season"),
    path("programs/<int:program_id>/series/new/", views.series_create, name="series_create"),
    path("programs/<int:program_id>/staff/", views.program_staff, name="program_staff"),
    path(
        "programs/<int:program_id>/staffing-status/",
        views.staffing_status,
        name="staffing_status",
    ),
    path("series/<int:series_id>/staff/", views.series_staff, name="series_staff"),
    path("staffing/", views.staffing, name="staffing"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/move/", views.meeting_move, name="meeting_move"),
    path("meetings/<int:meeting_id>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:meeting_id>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/rsvp/", views.rsvp, name="rsvp"),
    path(
        "meetings/<int:meeting_id>/facilitators/pin/",
        views.facilitator_pin,
        name="facilitator_pin",
    ),
    path(
        "meetings/<int:meeting_id>/facilitators/swap/",
        views.facilitator_swap,
        name="facilitator_swap",
    ),
    path(
        "meetings/<int:meeting_id>/facilitators/<int:user_id>/unpin/",
        views.facilitator_unpin,
        name="facilitator_unpin",
    ),
    path(
        "meetings/<int:meeting_id>/facilitators/<int:user_id>/remove/",
        views.facilitator_remove,
        name="facilitator_remove",
    ),
    path("mine/", views.mine, name="mine"),
    path("upcoming/", views.upcoming, name="upcoming"),
    path("availability/", views.availability, name="availability"),
    path(
        "availability/windows/<int:window_id>/remove/",
        views.availability_window_remove,
        name="availability_window_remove",
    ),
    path(
        "availability/dates/<int:exception_id>/remove/",
        views.availability_exception_remove,
        name="availability_exception_remove",
    ),
]
