from django.urls import include, path

urlpatterns = [
    path("", include("nearpeer.supportline.urls_requests")),
    path("rota/", include("nearpeer.supportline.urls_rota")),
    path("records/", include("nearpeer.supportline.urls_records")),
]
