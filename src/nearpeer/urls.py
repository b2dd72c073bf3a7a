from django.contrib import admin
from django.urls import include, path

from nearpeer.api.api import api
from nearpeer.env import env_bool

urlpatterns = [
    path("", include("nearpeer.outreach.urls")),
    path("", include("nearpeer.accounts.urls")),
    path("", include("nearpeer.home.urls")),
    path("", include("nearpeer.tenancy.urls")),
    path("audit/", include("nearpeer.audit.urls")),
    path("support/", include("nearpeer.supportline.urls")),
    path("curriculum/", include("nearpeer.curriculum.urls")),
    path("sessions/", include("nearpeer.meetings.urls")),
    path("accounts/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

if env_bool("NEARPEER_BENCH", False):  # bench/pages_rps.py only; off by default
    from nearpeer import benchviews

    urlpatterns.append(path("bench/bare/", benchviews.bare))

handler404 = "nearpeer.errors.not_found"
handler500 = "nearpeer.errors.server_error"
