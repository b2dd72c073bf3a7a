"""A person's home page and their API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.accounts import selectors, services
from nearpeer.accounts.forms import ApiTokenForm
from nearpeer.accounts.models import ApiToken


@login_required
def home(request):
    return render(request, "home/home.html", {"home": selectors.home_for(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    form, new_token = ApiTokenForm(request.POST or None), None
    if request.method == "POST" and form.is_valid():
        try:
            _, new_token = services.api_token_create(
                user=request.user, name=form.cleaned_data["name"]
            )
            form = ApiTokenForm()
        except ValidationError as exc:
            form.add_error("name", exc)
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request, "accounts/tokens.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


@login_required
@require_POST
def token_revoke(request, token_id: int):
    get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token = services.api_token_revoke(user=request.user, token_id=token_id)
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("token_list")
