"""A bare view for bench/pages_rps.py: the cost of Django and our middleware with no page work.

Mounted at /bench/bare/ only when NEARPEER_BENCH=true; it is off everywhere else.
"""

from django.http import HttpResponse
from django.views.decorators.http import require_GET


@require_GET
def bare(request):
    return HttpResponse("ok", content_type="text/plain")
