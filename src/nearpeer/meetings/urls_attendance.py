"""Attendance, check-in, anonymous feedback and calendar links, under /sessions/."""

from django.urls import path

from nearpeer.meetings import views_attendance as views

app_name = "sessions"

urlpatterns = [
    path("attendance/", views.attendance_overview, name="attendance_overview"),
    path("meetings/<int:meeting_id>/attendance/", views.attendance_page, name="attendance"),
    path(
        "meetings/<int:meeting_id>/attendance/<int:user_id>/",
        views.attendance_toggle,
        name="attendance_toggle",
    ),
    path("check-in/", views.check_in, name="check_in"),
    path("feedback/<str:token>/", views.feedback_give, name="feedback"),
    path("meetings/<int:meeting_id>/feedback/", views.meeting_feedback, name="meeting_feedback"),
    path("programs/<int:program_id>/feedback/", views.program_feedback, name="program_feedback"),
    path("meetings/<int:meeting_id>.ics", views.meeting_ics, name="meeting_ics"),
    path("feeds/", views.feed_list, name="feeds"),
    path("feeds/<int:feed_id>/revoke/", views.feed_revoke, name="feed_revoke"),
    path("feeds/<str:token>.ics", views.feed_ics, name="feed_ics"),
]
