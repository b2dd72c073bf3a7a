"""Web addresses people store (video links, a service's web page): only http(s), everywhere.

A stored address becomes a link on a page, in a calendar and in an email, so anything else
(``javascript:``, ``data:``, ``file:``) is refused at each layer — form or API schema, service,
model — and a template only ever makes a link of an address that passes ``is_web_address``.
"""

from urllib.parse import urlsplit

from django import forms, template
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

NOT_A_WEB_ADDRESS = "Give a web address starting with https:// or http://."
SCHEMES = ("http", "https")
_url_validator = URLValidator(schemes=list(SCHEMES), message=NOT_A_WEB_ADDRESS)


def is_web_address(value) -> bool:
    """True if the value is an http(s) address with a host (what a page may make a link of)."""
    if not isinstance(value, str) or not value or value != value.strip():
        return False
    try:
        _url_validator(value)
    except ValidationError:
        return False
    return urlsplit(value).scheme.lower() in SCHEMES


def validate_web_address(value) -> None:
    """Model and form validator: an empty value passes (the field is optional)."""
    if value in ("", None):
        return
    if not is_web_address(value):
        raise ValidationError(NOT_A_WEB_ADDRESS, code="web_address")


class WebAddressField(forms.URLField):
    """A form field for an http(s) address; one typed without a scheme gets https://."""

    default_error_messages = {"invalid": NOT_A_WEB_ADDRESS}
    default_validators = [validate_web_address]

    def __init__(self, **kwargs):
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


register = template.Library()


@register.filter
def safe_url(value) -> str:
    """The address if a page may link to it, else "" (so ``{% if x|safe_url %}`` shows no link)."""
    return value if is_web_address(value) else ""
