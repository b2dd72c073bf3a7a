from django.urls import path

from nearpeer.accounts import views

urlpatterns = [
    path("home/", views.home, name="home"),
    path("me/tokens/", views.token_list, name="token_list"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
