"""The nearpeer JSON API, mounted at /api/v1/ (filled in by the API work)."""

from ninja import NinjaAPI

api = NinjaAPI(title="nearpeer API", version="1", urls_namespace="api")
