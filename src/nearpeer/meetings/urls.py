"""Every page of sessions under /sessions/: seasons, series, staffing, meetings, availability,
attendance, check-in, anonymous feedback and calendar links."""

from django.urls import path

from nearpeer.meetings.views import attendance, meetings, season

app_name = "meetings"

urlpatterns = [
    path("programs/<int:program_id>/", season.season, name="season"),
    path("programs/<int:program_id>/series/new/", season.series_create, name="series_create"),
    path("programs/<int:program_id>/staff/", season.program_staff, name="program_staff"),
    path(
        "programs/<int:program_id>/staffing-status/",
        season.staffing_status,
        name="staffing_status",
    ),
    path("series/<int:series_id>/staff/", season.series_staff, name="series_staff"),
    path("staffing/", season.staffing, name="staffing"),
    path("meetings/<int:meeting_id>/", meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:meeting_id>/move/", meetings.meeting_move, name="meeting_move"),
    path("meetings/<int:meeting_id>/cancel/", meetings.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:meeting_id>/edit/", meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:meeting_id>/rsvp/", meetings.rsvp, name="rsvp"),
    path(
        "meetings/<int:meeting_id>/facilitators/pin/",
        meetings.facilitator_pin,
        name="facilitator_pin",
    ),
    path(
        "meetings/<int:meeting_id>/facilitators/swap/",
        meetings.facilitator_swap,
        name="facilitator_swap",
    ),
    path(
        "meetings/<int:meeting_id>/facilitators/<int:user_id>/unpin/",
        meetings.facilitator_unpin,
        name="facilitator_unpin",
    ),
    path(
        "meetings/<int:meeting_id>/facilitators/<int:user_id>/remove/",
        meetings.facilitator_remove,
        name="facilitator_remove",
    ),
    path("mine/", meetings.mine, name="mine"),
    path("upcoming/", meetings.upcoming, name="upcoming"),
    path("availability/", meetings.availability, name="availability"),
    path(
        "availability/windows/<int:window_id>/remove/",
        meetings.availability_window_remove,
        name="availability_window_remove",
    ),
    path(
        "availability/dates/<int:exception_id>/remove/",
        meetings.availability_exception_remove,
        name="availability_exception_remove",
    ),
    path("attendance/", attendance.attendance_overview, name="attendance_overview"),
    path("meetings/<int:meeting_id>/attendance/", attendance.attendance_page, name="attendance"),
    path(
        "meetings/<int:meeting_id>/attendance/<int:user_id>/",
        attendance.attendance_toggle,
        name="attendance_toggle",
    ),
    path("check-in/", attendance.check_in, name="check_in"),
    path("feedback/<str:token>/", attendance.feedback_give, name="feedback"),
    path(
        "meetings/<int:meeting_id>/feedback/",
        attendance.meeting_feedback,
        name="meeting_feedback",
    ),
    path(
        "programs/<int:program_id>/feedback/",
        attendance.program_feedback,
        name="program_feedback",
    ),
    path("meetings/<int:meeting_id>.ics", attendance.meeting_ics, name="meeting_ics"),
    path("feeds/", attendance.feed_list, name="feeds"),
    path("feeds/<int:feed_id>/revoke/", attendance.feed_revoke, name="feed_revoke"),
    path("feeds/<str:token>.ics", attendance.feed_ics, name="feed_ics"),
]
