"""Each role's home page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from nearpeer.home import selectors


@login_required
def home(request):
    return render(request, "home/home.html", {"home": selectors.home_for(request.user)})
