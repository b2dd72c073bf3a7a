"""Errors: the one-field ValidationError services raise, and error pages (kind words on pages,
JSON under /api/)."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import render


def field_error(field: str, message: str, code: str) -> ValidationError:
    """An error about one field that keeps its code (a dict of plain strings would lose it)."""
    return ValidationError({field: ValidationError(message, code=code)})


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return render(request, "404.html", status=404)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Something went wrong on our side. Please try again."}, status=500
        )
    return render(request, "500.html", status=500)
