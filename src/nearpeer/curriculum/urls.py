from django.urls import path

from nearpeer.curriculum import views

app_name = "curriculum"

urlpatterns = [
    path("", views.core_plan_list, name="core_plan_list"),
    path("plans/new/", views.core_plan_new, name="core_plan_new"),
    path("plans/<int:plan_id>/", views.core_plan_detail, name="core_plan_detail"),
    path("plans/<int:plan_id>/publish/", views.core_plan_publish, name="core_plan_publish"),
    path("plans/<int:plan_id>/customize/", views.core_plan_customize, name="core_plan_customize"),
    path("programs/<int:program_id>/", views.program_plan_list, name="program_plan_list"),
    path("program-plans/<int:plan_id>/", views.program_plan_detail, name="program_plan_detail"),
    path("program-plans/<int:plan_id>/edit/", views.program_plan_edit, name="program_plan_edit"),
    path("program-plans/<int:plan_id>/diff/", views.program_plan_diff, name="program_plan_diff"),
    path(
        "program-plans/<int:plan_id>/take-newer/",
        views.program_plan_take_newer,
        name="program_plan_take_newer",
    ),
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_new, name="proposal_new"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/review/", views.proposal_review, name="proposal_review"),
    path(
        "proposals/<int:proposal_id>/resubmit/",
        views.proposal_resubmit,
        name="proposal_resubmit",
    ),
]
