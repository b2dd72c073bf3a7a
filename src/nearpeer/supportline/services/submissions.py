"""One-time keys that make every support-line form that creates something safe to send twice.

Each creating form carries a hidden random key; the row it creates stores it (a unique column).
Sending the same form again (a double click, a reload of the page after posting, the back button)
finds that row and answers with it instead of making a second one.
"""

import re
import secrets

from django import forms
from django.core.exceptions import ValidationError

_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}(\.[0-9]{1,4})?$")  # .n: the nth of a batch


def new_key() -> str:
    return secrets.token_urlsafe(24)


def clean_key(value) -> str | None:
    """The key a form sent, or None when it sent none (the API, a page from before this change)."""
    value = (value or "").strip()
    if not value:
        return None
    if not _KEY.match(value):
        raise ValidationError(
            "This form is out of date. Please reload the page and send it again.",
            code="bad_submission_key",
        )
    return value


def earlier(queryset, key: str | None, **mine):
    """The row this key already made, or None. A key that made someone else's row is refused."""
    if not key:
        return None
    found = queryset.filter(submission_key=key).first()
    if found is None:
        return None
    if any(getattr(found, name) != value for name, value in mine.items()):
        raise ValidationError(
            "This form was already used. Please reload the page and send it again.",
            code="used_submission_key",
        )
    return found


class SubmissionKeyField(forms.CharField):
    """The hidden one-time key; a fresh one each time the empty form is shown."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("initial", new_key)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)
