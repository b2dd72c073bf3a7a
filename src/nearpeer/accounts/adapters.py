"""allauth and axes hooks: no open sign-up; SSO only links to people already on a roster."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        # Single sign-on connects to an existing account with the same email (from a roster
        # import); it never creates a stranger's account.
        return False


def axes_username(request, credentials) -> str:
    """The sign-in email, lower-cased, whether it came from allauth's form or the admin's."""
    credentials = credentials or {}
    value = credentials.get("email") or credentials.get("username") or ""
    if not value and request is not None:
        value = request.POST.get("login", "") or request.POST.get("username", "")
    return value.strip().lower()
