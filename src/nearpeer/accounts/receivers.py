"""A session that just set up its second step has proven it holds the authenticator."""

import time

from allauth.mfa.signals import authenticator_added
from django.dispatch import receiver

from nearpeer.accounts.middleware import MFA_ENROLLED_KEY


@receiver(authenticator_added)
def mark_session_enrolled(sender, request=None, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[MFA_ENROLLED_KEY] = int(time.time())
