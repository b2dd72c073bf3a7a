"""Sign-in safety that every request passes through: MFA for sensitive roles, session lifetimes,
and no caching of pages with people's data."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from nearpeer.tenancy import policy

STARTED_KEY = "nearpeer.session_started"
SEEN_KEY = "nearpeer.session_seen"
SENSITIVE_KEY = "nearpeer.session_sensitive"

# Paths a person who still has to set up their second step may use.
_MFA_SETUP_PATHS = (
    "/accounts/",
    "/static/",
    "/about/",
    "/faq/",
    "/for-trainees/",
    "/for-institutions/",
)


def _authentication_records(request) -> list[dict]:
    from allauth.account.authentication import get_authentication_records

    return get_authentication_records(request, request.user)


def session_passed_mfa(request) -> bool:
    """True when this session passed a second step at sign-in."""
    return any(record.get("method") == "mfa" for record in _authentication_records(request))


def session_enrolled_mfa(request, totp) -> bool:
    """True when the authenticator was set up during this session, after signing in."""
    signed_in_at = max((r.get("at", 0) for r in _authentication_records(request)), default=None)
    return bool(totp and signed_in_at and totp.created_at.timestamp() >= signed_in_at)


def session_confirms_second_step(request) -> bool:
    """True when this session may vouch for the second step: the person has an authenticator and
    either passed it at sign-in or set it up during this session."""
    from allauth.mfa.models import Authenticator

    totp = Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).first()
    return totp is not None and (session_passed_mfa(request) or session_enrolled_mfa(request, totp))


class MfaRequiredMiddleware:
    """A person whose role sees sensitive content reaches no protected page on a password alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith("/static/"):
            request.nearpeer_roles = policy.roles_of(user)
            needs = policy.roles_need_mfa(request.nearpeer_roles) or user.is_staff
            if request.session.get(SENSITIVE_KEY) != needs:  # write the session only on change
                request.session[SENSITIVE_KEY] = needs
            if needs and not session_passed_mfa(request):
                response = self._hold_back(request, user)
                if response is not None:
                    return response
        return self.get_response(request)

    def _hold_back(self, request, user):
        from allauth.mfa.models import Authenticator

        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if session_enrolled_mfa(request, totp):
            return None
        if totp is not None:
            # Signed in some other way (for example a password reset) without the second step.
            logout(request)
            messages.info(request, "Please sign in again with your authenticator code.")
            return redirect(reverse("account_login"))
        if request.path.startswith(_MFA_SETUP_PATHS) or request.path == "/":
            return None
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            return JsonResponse({"detail": "Set up a second sign-in step first."}, status=403)
        messages.info(
            request,
            "Your role lets you see private information, so it needs a second sign-in step. "
            "Set up an authenticator app to continue.",
        )
        return redirect(reverse("mfa_activate_totp"))


class SessionLifetimeMiddleware:
    """End sessions after an idle period and after an absolute lifetime (shorter for sensitive roles)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(STARTED_KEY, now)
            seen = session.get(SEEN_KEY, now)
            idle, lifetime = self._limits(session.get(SENSITIVE_KEY, True))
            if now - seen > idle or now - started > lifetime:
                logout(request)
                messages.info(
                    request,
                    "You were signed out to keep your information safe. Please sign in again.",
                )
                if request.path.startswith("/api/"):
                    from django.http import JsonResponse

                    return JsonResponse(
                        {"detail": "Your session ended. Sign in again."}, status=401
                    )
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - seen > 30 or SEEN_KEY not in session:  # avoid a session write on every request
                session[SEEN_KEY] = now
        return self.get_response(request)

    @staticmethod
    def _limits(sensitive: bool) -> tuple[int, int]:
        if sensitive:
            return (
                settings.NEARPEER_SENSITIVE_SESSION_IDLE_MINUTES * 60,
                settings.NEARPEER_SENSITIVE_SESSION_MAX_HOURS * 3600,
            )
        return (
            settings.NEARPEER_SESSION_IDLE_MINUTES * 60,
            settings.NEARPEER_SESSION_MAX_HOURS * 3600,
        )


class NoStoreMiddleware:
    """Pages seen while signed in, and every API answer, must not be kept by browsers or proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated or request.path.startswith(("/api/", "/accounts/")):
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response
