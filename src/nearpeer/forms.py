"""Form helpers shared by every app's views."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from django import forms
from django.core.exceptions import ValidationError

T = TypeVar("T")


class DateInput(forms.DateInput):
    """The browser's own date picker."""

    input_type = "date"


def apply_service_errors(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@dataclass(frozen=True)
class Saved(Generic[T]):
    """What the service returned when a submitted form went through (it may itself be None)."""

    value: T


def form_submit(request, form, save: Callable[[dict], T]) -> Saved[T] | None:
    """On a POST with a valid form, call save(form.cleaned_data); a ValidationError from the
    service is shown on the form. Saved(result) when it went through, else None."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        value = save(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return None
    return Saved(value)
