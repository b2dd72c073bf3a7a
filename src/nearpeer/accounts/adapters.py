"""allauth and axes hooks: no open sign-up; SSO only links to people already on a roster."""

from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.urls import reverse

from nearpeer.tenancy import policy


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False

    def get_reset_password_from_key_url(self, key: str) -> str:
        # Links in emails use the site's configured address (SITE_URL), like every other email,
        # never the Host header of whoever asked for the reset.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return settings.SITE_URL.rstrip("/") + path.replace("UID-KEY", quote(key))


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # Single sign-on connects to an existing account with the same email (from a roster
        # import); it never creates a stranger's account.
        return False


class MfaAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # People whose role requires a second step may replace it, but not switch it off.
        if authenticator.type == authenticator.Type.TOTP and policy.requires_mfa(
            authenticator.user
        ):
            return False
        return super().can_delete_authenticator(authenticator)


def axes_username(request, credentials) -> str:
    """The sign-in email, lower-cased, whether it came from allauth's form or the admin's."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or ""
    if not value and request is not None:
        value = request.POST.get("login", "") or request.POST.get("username", "")
    return value.strip().lower()
