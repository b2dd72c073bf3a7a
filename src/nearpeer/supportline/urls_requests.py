from django.urls import path

from nearpeer.supportline import views_requests as views

urlpatterns = [
    path("talk/", views.talk, name="support_talk"),
    path("mine/", views.mine, name="support_mine"),
    path("talk/<int:line_id>/", views.talk_public, name="support_talk_public"),
    path("r/<str:token>/", views.return_page, name="support_return"),
    path("r/<str:token>/messages/", views.return_messages, name="support_return_messages"),
    path("requests/<int:request_id>/", views.request_detail, name="support_request"),
    path(
        "requests/<int:request_id>/messages/",
        views.request_messages,
        name="support_request_messages",
    ),
    path("requests/<int:request_id>/accept/", views.request_accept, name="support_request_accept"),
    path("requests/<int:request_id>/pass/", views.request_pass, name="support_request_pass"),
    path(
        "requests/<int:request_id>/acknowledge/",
        views.request_acknowledge,
        name="support_request_acknowledge",
    ),
    path("requests/<int:request_id>/close/", views.request_close, name="support_request_close"),
    path("requests/<int:request_id>/risk/", views.request_risk, name="support_request_risk"),
    path("requests/<int:request_id>/phone/", views.request_phone, name="support_request_phone"),
    path("queue/", views.queue, name="support_queue"),
    path("board/", views.board, name="support_board"),
]
