"""Every page of sessions under /sessions/: seasons, series, staffing, meetings, availability,
attendance, check-in, anonymous feedback and calendar links."""

from django.urls import path

from nearpeer.meetings import views, views_attendance

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
    path("attendance/", views_attendance.attendance_overview, name="attendance_overview"),
    path(
        "meetings/<int:meeting_id>/attendance/", views_attendance.attendance_page, name="attendance"
    ),
    path(
        "meetings/<int:meeting_id>/attendance/<int:user_id>/",
        views_attendance.attendance_toggle,
        name="attendance_toggle",
    ),
    path("check-in/", views_attendance.check_in, name="check_in"),
    path("feedback/<str:token>/", views_attendance.feedback_give, name="feedback"),
    path(
        "meetings/<int:meeting_id>/feedback/",
        views_attendance.meeting_feedback,
        name="meeting_feedback",
    ),
    path(
        "programs/<int:program_id>/feedback/",
        views_attendance.program_feedback,
        name="program_feedback",
    ),
    path("meetings/<int:meeting_id>.ics", views_attendance.meeting_ics, name="meeting_ics"),
    path("feeds/", views_attendance.feed_list, name="feeds"),
    path("feeds/<int:feed_id>/revoke/", views_attendance.feed_revoke, name="feed_revoke"),
    path("feeds/<str:token>.ics", views_attendance.feed_ics, name="feed_ics"),
]
