"""Each request reads the user's memberships once (see policy.request_scope) and shows times in
the person's own zone (see zones.zone_name_for)."""

from django.utils import timezone

from nearpeer.tenancy import policy, zones


class PolicyScopeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with policy.request_scope():
            return self.get_response(request)


class LocalTimeMiddleware:
    """Times on every page are the signed-in person's local times; others see settings.TIME_ZONE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            timezone.activate(zones.zone_name_for(request.user))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
