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
