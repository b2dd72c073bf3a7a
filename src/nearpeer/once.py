"""Creating forms that are safe to send twice: post/redirect/get plus a one-time key.

Each creating form carries a hidden key (``{% load once %}{% once_field %}``). The view, wrapped
in ``@submit_once``, claims the key in the same transaction as the work: the first send creates
and redirects; a second send of the same key (a double click, a reload, a resend after a slow
answer) creates nothing and goes where the first one went. A send that fails validation rolls its
claim back, so the corrected form can be sent again.
"""

import datetime
import functools
import secrets

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone

FIELD = "once"
KEEP = datetime.timedelta(days=2)
ALREADY_SENT = "That form was already sent, so nothing was added twice."


def new_key() -> str:
    return secrets.token_urlsafe(24)


class _NotDone(Exception):  # noqa: N818 - a signal to roll back the claim, not an error
    def __init__(self, response):
        self.response = response


def submit_once(view):
    """Run a creating view at most once per form key and person (see the module docstring)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        key = request.POST.get(FIELD, "")[:64] if request.method == "POST" else ""
        if not key or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        from nearpeer.accounts.models import Submission

        try:
            with transaction.atomic():
                try:
                    with transaction.atomic():
                        claim = Submission.objects.create(user=request.user, key=key)
                except IntegrityError:
                    return _replay(request, Submission, key)
                response = view(request, *args, **kwargs)
                if response.status_code not in (301, 302, 303):
                    raise _NotDone(response)
                claim.redirect_to = response.get("Location", "")[:500]
                claim.save(update_fields=["redirect_to"])
        except _NotDone as not_done:
            return not_done.response
        Submission.objects.filter(user=request.user, at__lt=timezone.now() - KEEP).delete()
        return response

    return wrapped


def _replay(request, submission_model, key):
    earlier = submission_model.objects.filter(user=request.user, key=key).first()
    messages.info(request, ALREADY_SENT)
    return redirect(earlier.redirect_to if earlier and earlier.redirect_to else request.path)
