"""The nearpeer JSON API, mounted at /api/v1/: one router per app, the same policy as the pages.

Callers authenticate with a personal API token (``Authorization: Bearer <token>``) or, from the
browser, with their signed-in session (CSRF token needed on writes). Schema: /api/v1/openapi.json.
"""

from ninja import NinjaAPI

from nearpeer.accounts.api import router as accounts_router
from nearpeer.api import errors
from nearpeer.api.auth import session_auth, token_auth
from nearpeer.curriculum.api import router as curriculum_router
from nearpeer.meetings.api import attendance_router
from nearpeer.meetings.api import router as meetings_router
from nearpeer.supportline.api import router as supportline_router
from nearpeer.tenancy.api import router as tenancy_router

api = NinjaAPI(
    title="nearpeer API",
    version="1",
    description=(
        "Programs, memberships and academic calendars of the institutions you belong to. "
        "Send a personal API token (create one at /me/tokens/) as `Authorization: Bearer <token>`. "
        "Lists are paged: `?page=2&page_size=20` (at most 100) and answer `{items, count}`."
    ),
    urls_namespace="api",
    auth=[token_auth, session_auth],
)
errors.install(api)
api.add_router("/", accounts_router)
api.add_router("/", tenancy_router)
api.add_router("/", curriculum_router)
api.add_router("/", meetings_router)
api.add_router("/", attendance_router)
api.add_router("/", supportline_router)
