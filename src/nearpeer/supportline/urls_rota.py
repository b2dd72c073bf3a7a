"""The on-call rota, mounted at /support/rota/."""

from django.urls import path

from nearpeer.supportline import views_rota as views

urlpatterns = [
    path("lines/", views.lines, name="support_rota_lines"),
    path("lines/new/", views.line_create, name="support_rota_line_create"),
    path("lines/<int:line_id>/", views.line_detail, name="support_rota_line"),
    path("lines/<int:line_id>/edit/", views.line_edit, name="support_rota_line_edit"),
    path("lines/<int:line_id>/training/", views.training, name="support_rota_training"),
    path("lines/<int:line_id>/shifts/new/", views.shift_create, name="support_rota_shift_create"),
    path(
        "lines/<int:line_id>/shifts/weekly/", views.shifts_weekly, name="support_rota_shift_weekly"
    ),
    path("shifts/<int:shift_id>/", views.shift_detail, name="support_rota_shift"),
    path("shifts/<int:shift_id>/publish/", views.shift_publish, name="support_rota_shift_publish"),
    path("shifts/<int:shift_id>/cancel/", views.shift_cancel, name="support_rota_shift_cancel"),
    path("shifts/<int:shift_id>/sign-up/", views.shift_sign_up, name="support_rota_shift_sign_up"),
    path("shifts/<int:shift_id>/swap/", views.shift_swap, name="support_rota_shift_swap"),
    path("swaps/<int:swap_id>/decide/", views.swap_decide, name="support_rota_swap_decide"),
    path("mine/", views.mine, name="support_rota_mine"),
    path("mine.ics", views.mine_ics, name="support_rota_mine_ics"),
]
