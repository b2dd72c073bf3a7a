from django.urls import path

from nearpeer.accounts import views

urlpatterns = [
    path("me/settings/", views.my_settings, name="my_settings"),
    path("me/tokens/", views.token_list, name="token_list"),
    path("me/tokens/<int:token_id>/confirm/", views.token_confirm, name="token_confirm"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    # allauth's code step with nearpeer's limits on wrong codes (listed before allauth's urls).
    path("accounts/2fa/authenticate/", views.mfa_authenticate, name="mfa_authenticate"),
]
