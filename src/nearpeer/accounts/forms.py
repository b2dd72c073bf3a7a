from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms

from nearpeer.accounts import services
from nearpeer.accounts.models import ApiToken
from nearpeer.tenancy import zones


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(
        label="Show my times in",
        required=False,
        help_text="Session times, messages and emails to you use this zone.",
    )

    def __init__(self, *args, following: str, **kwargs):
        super().__init__(*args, **kwargs)
        follow = ("", f"Automatic: {following}")
        self.fields["time_zone"].choices = [follow, *zones.zone_choices()]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        label="Token name",
        help_text="Something that tells you where it is used, such as “monthly report script”.",
    )
    scope = forms.ChoiceField(
        label="What it may do",
        choices=[
            (ApiToken.Scope.READ, "Read only: it can look, but not change anything"),
            (ApiToken.Scope.READ_WRITE, "Read and write: it can also make changes, as you"),
        ],
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    lifetime_days = forms.TypedChoiceField(
        label="Stops working after",
        choices=[(d, f"{d} days") for d in services.TOKEN_LIFETIMES],
        coerce=int,
        initial=90,
    )


class _LimitedCodeMixin:
    """allauth's code check, counted against nearpeer's limits on wrong codes (in the database,
    so they hold across processes). Covers authenticator and recovery codes alike."""

    sign_in_ended = False

    def _sign_in(self) -> str:
        return ""

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        check = services.mfa_code_check(
            user=self.user, sign_in=self._sign_in(), matches=self._matches
        )
        if not check.ok:
            self.sign_in_ended = check.sign_in_ended
            raise forms.ValidationError(check.message, code="incorrect_code")
        return code

    def _matches(self) -> bool:
        try:
            super().clean_code()
        except forms.ValidationError:
            return False
        return True


class LimitedAuthenticateForm(_LimitedCodeMixin, AuthenticateForm):
    def _sign_in(self) -> str:
        # The sign-in under way: allauth's login stage, started by the password step.
        stage = getattr(context.request, "_login_stage", None)
        return f"{stage.login.initiated_at:.6f}" if stage else ""


class LimitedReauthenticateForm(_LimitedCodeMixin, ReauthenticateForm):
    pass
