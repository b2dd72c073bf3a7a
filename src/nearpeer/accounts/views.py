"""A person's settings, their API tokens, and the authenticator-code step of signing in."""

from allauth.mfa.base.views import AuthenticateView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from nearpeer.accounts import selectors, services
from nearpeer.accounts.forms import ApiTokenForm, TimeZoneForm
from nearpeer.accounts.middleware import session_confirms_second_step
from nearpeer.accounts.models import ApiToken
from nearpeer.once import submit_once
from nearpeer.tenancy import policy, zones

NEW_TOKEN_KEY = "nearpeer.new_token"  # noqa: S105 (a session key, not a secret)


@login_required
@require_http_methods(["GET", "POST"])
def my_settings(request):
    following = policy.membership_zone(request.user) or settings.TIME_ZONE
    initial = {"time_zone": request.user.time_zone}
    form = TimeZoneForm(request.POST or None, initial=initial, following=following)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_time_zone_set(user=request.user, time_zone=form.cleaned_data["time_zone"])
        except ValidationError as exc:
            form.add_error("time_zone", exc)
        else:
            messages.success(
                request, f"Your times are now shown in {zones.zone_name_for(request.user)}."
            )
            return redirect("my_settings")
    context = {"form": form, "effective": zones.zone_name_for(request.user), "following": following}
    return render(request, "accounts/settings.html", context)


@login_required
@require_http_methods(["GET", "POST"])
@submit_once
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    confirms = session_confirms_second_step(request)
    if request.method == "POST" and form.is_valid():
        try:
            _, raw = services.api_token_create(
                user=request.user, **form.cleaned_data, second_step_passed=confirms
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Shown once, on the page the redirect leads to; a reload then shows nothing.
            request.session[NEW_TOKEN_KEY] = raw
            return redirect("token_list")
    context = selectors.token_page_for(request.user)
    new_token = request.session.pop(NEW_TOKEN_KEY, None) if request.method == "GET" else None
    context.update(form=form, new_token=new_token, can_confirm=confirms)
    return render(request, "accounts/tokens.html", context)


@login_required
@require_POST
def token_confirm(request, token_id: int):
    get_object_or_404(ApiToken, pk=token_id, user=request.user)
    try:
        token = services.api_token_confirm(
            user=request.user,
            token_id=token_id,
            second_step_passed=session_confirms_second_step(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The token “{token.name}” is confirmed and works again.")
    return redirect("token_list")


@login_required
@require_POST
def token_revoke(request, token_id: int):
    get_object_or_404(ApiToken, pk=token_id, user=request.user)
    token = services.api_token_revoke(user=request.user, token_id=token_id)
    messages.success(request, f"The token “{token.name}” no longer works.")
    return redirect("token_list")


class LimitedAuthenticateView(AuthenticateView):
    """allauth's authenticator-code step; when the limits on wrong codes end the sign-in, the
    person starts again with their password."""

    def form_invalid(self, form):
        if getattr(form, "sign_in_ended", False):
            messages.error(self.request, " ".join(form.errors.get("code", [])))
            return self.stage.abort()
        return super().form_invalid(form)


mfa_authenticate = LimitedAuthenticateView.as_view()
