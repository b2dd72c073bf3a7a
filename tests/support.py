"""Test helpers shared by unit, browser and benchmark code."""

import time


def mark_session_mfa_passed(session, user) -> None:
    """Record in a session, as allauth does at sign-in, that the user passed password and MFA."""
    now = time.time()
    session["account_authentication_methods"] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def api_token_for(user, name: str = "script", **options) -> str:
    """A raw personal API token for a script, made as in a session that passed the second step
    (setting up an authenticator first when the user's role needs one). Read and write unless
    ``scope`` says otherwise."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from nearpeer.accounts.services import api_token_create
    from nearpeer.tenancy import policy

    if (
        policy.requires_mfa(user)
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        TOTP.activate(user, TOTP_SECRET)
    options.setdefault("scope", "read_write")
    _, raw = api_token_create(user=user, name=name, second_step_passed=True, **options)
    return raw
