"""Each request reads the user's memberships once (see policy.request_scope)."""

from nearpeer.tenancy import policy


class PolicyScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with policy.request_scope():
            return self.get_response(request)
