"""Public pages: about the program, FAQ, for trainees, for institutions."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET


@require_GET
def landing(request):
    if request.user.is_authenticated:
        return redirect("home")
    return render(request, "outreach/landing.html")


@require_GET
def page(request, name: str):
    return render(request, f"outreach/{name}.html")
