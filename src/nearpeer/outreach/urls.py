from django.urls import path

from nearpeer.outreach import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("about/", views.page, {"name": "about"}, name="about"),
    path("faq/", views.page, {"name": "faq"}, name="faq"),
    path("for-trainees/", views.page, {"name": "for_trainees"}, name="for_trainees"),
    path("for-institutions/", views.page, {"name": "for_institutions"}, name="for_institutions"),
]
