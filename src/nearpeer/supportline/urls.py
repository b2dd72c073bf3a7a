"""The support line's pages, mounted at /support/: reaching out and the conversation, the on-call
rota (rota/) and contact records, referrals, resources and the dashboard (records/)."""

from django.urls import path

from nearpeer.supportline.views import records, requests, rota

app_name = "supportline"

urlpatterns = [
    path("talk/", requests.talk, name="support_talk"),
    path("mine/", requests.mine, name="support_mine"),
    path("talk/<int:line_id>/", requests.talk_public, name="support_talk_public"),
    path("r/<str:token>/", requests.return_page, name="support_return"),
    path("r/<str:token>/messages/", requests.return_messages, name="support_return_messages"),
    path("requests/<int:request_id>/", requests.request_detail, name="support_request"),
    path(
        "requests/<int:request_id>/messages/",
        requests.request_messages,
        name="support_request_messages",
    ),
    path(
        "requests/<int:request_id>/accept/", requests.request_accept, name="support_request_accept"
    ),
    path("requests/<int:request_id>/pass/", requests.request_pass, name="support_request_pass"),
    path(
        "requests/<int:request_id>/acknowledge/",
        requests.request_acknowledge,
        name="support_request_acknowledge",
    ),
    path("requests/<int:request_id>/close/", requests.request_close, name="support_request_close"),
    path("requests/<int:request_id>/risk/", requests.request_risk, name="support_request_risk"),
    path("requests/<int:request_id>/phone/", requests.request_phone, name="support_request_phone"),
    path("queue/", requests.queue, name="support_queue"),
    path("board/", requests.board, name="support_board"),
    # The on-call rota
    path("rota/lines/", rota.lines, name="support_rota_lines"),
    path("rota/lines/new/", rota.line_create, name="support_rota_line_create"),
    path("rota/lines/<int:line_id>/", rota.line_detail, name="support_rota_line"),
    path("rota/lines/<int:line_id>/edit/", rota.line_edit, name="support_rota_line_edit"),
    path("rota/lines/<int:line_id>/training/", rota.training, name="support_rota_training"),
    path(
        "rota/lines/<int:line_id>/shifts/new/", rota.shift_create, name="support_rota_shift_create"
    ),
    path(
        "rota/lines/<int:line_id>/shifts/weekly/",
        rota.shifts_weekly,
        name="support_rota_shift_weekly",
    ),
    path("rota/shifts/<int:shift_id>/", rota.shift_detail, name="support_rota_shift"),
    path(
        "rota/shifts/<int:shift_id>/publish/", rota.shift_publish, name="support_rota_shift_publish"
    ),
    path("rota/shifts/<int:shift_id>/cancel/", rota.shift_cancel, name="support_rota_shift_cancel"),
    path(
        "rota/shifts/<int:shift_id>/sign-up/", rota.shift_sign_up, name="support_rota_shift_sign_up"
    ),
    path("rota/shifts/<int:shift_id>/swap/", rota.shift_swap, name="support_rota_shift_swap"),
    path("rota/swaps/<int:swap_id>/decide/", rota.swap_decide, name="support_rota_swap_decide"),
    path("rota/mine/", rota.mine, name="support_rota_mine"),
    path("rota/mine.ics", rota.mine_ics, name="support_rota_mine_ics"),
    # Contact records, referrals, the resource directory and the demand dashboard
    path(
        "records/requests/<int:request_id>/contact/",
        records.contact,
        name="support_records_contact",
    ),
    path(
        "records/requests/<int:request_id>/referrals/",
        records.referral_create,
        name="support_records_referral_create",
    ),
    path(
        "records/referrals/<int:referral_id>/outcome/",
        records.referral_outcome,
        name="support_records_referral_outcome",
    ),
    path("records/resources/", records.resource_list, name="support_records_resources"),
    path("records/resources/new/", records.resource_create, name="support_records_resource_create"),
    path(
        "records/resources/<int:resource_id>/edit/",
        records.resource_edit,
        name="support_records_resource_edit",
    ),
    path(
        "records/resources/<int:resource_id>/delete/",
        records.resource_delete,
        name="support_records_resource_delete",
    ),
    path("records/dashboard/", records.dashboard_list, name="support_records_dashboards"),
    path(
        "records/dashboard/<int:line_id>/", records.dashboard_page, name="support_records_dashboard"
    ),
]
