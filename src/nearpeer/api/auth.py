"""Who is calling the API: a personal token (scripts) or the browser's signed-in session.

Both give an active user and set ``request.user``, so endpoints read the caller the same way. A
session whose role needs a second sign-in step it has not passed never gets here:
``MfaRequiredMiddleware`` answers 403 on /api/ first. A token holds to the same rule (it must have
been confirmed in a session that passed that step), expires, and may be read-only; see
``api_token_authenticate``.
"""

from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth
from ninja.utils import check_csrf

from nearpeer.accounts.services import NOT_VALID, TokenRefused, api_token_authenticate

NO_CREDENTIALS = (
    "Sign in first, or send a personal API token in the header "
    "“Authorization: Bearer <token>” (create one at /me/tokens/)."
)
BAD_SCHEME = "Send the API token as “Authorization: Bearer <token>”."
CSRF_FAILED = (
    "This request came from a browser session without a CSRF token: send the value of the "
    "csrftoken cookie in the X-CSRFToken header, or use an API token instead."
)


class TokenAuth(HttpBearer):
    """A personal API token. A token that is sent but does not work is a 401 at once, so a
    script never silently falls back to a browser session."""

    def __call__(self, request):
        header = request.headers.get(self.header)
        if not header:
            return None
        scheme, _, token = header.partition(" ")
        if scheme.lower() != self.openapi_scheme:
            raise AuthenticationError(message=BAD_SCHEME)
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token):
        if not token:
            raise AuthenticationError(message=NOT_VALID)
        try:
            found = api_token_authenticate(token, method=request.method)
        except TokenRefused as refused:
            if refused.status == 401:
                raise AuthenticationError(message=refused.message) from None
            raise HttpError(refused.status, refused.message) from None
        request.user = found.user
        request.api_token = found
        return found.user


class SessionAuth(NinjaSessionAuth):
    """ninja's ``django_auth`` (the browser's session, with Django's CSRF check on unsafe
    methods), for active users only."""

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not user.is_active:
            return None  # nothing to protect: the caller gets a 401, not a CSRF error
        exempt = getattr(request, "_ninja_csrf_exempt", False)
        if self.csrf and not exempt and check_csrf(request) is not None:
            raise HttpError(403, CSRF_FAILED)
        return user


token_auth = TokenAuth()
session_auth = SessionAuth()
