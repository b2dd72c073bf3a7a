"""Wrong authenticator or recovery codes are limited per sign-in and per account, in the database
so the limits hold across browsers and app processes (issue #7)."""

import datetime
import time

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client

from nearpeer.accounts.models import MfaAttempt

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct horse battery"
WRONG = "000000"


def current_code() -> str:
    return format_hotp_value(hotp_value(SECRET, int(time.time()) // 30))


def start_sign_in(user, client=None) -> Client:
    """A browser that has given the right password and is asked for the authenticator code."""
    client = client or Client()
    response = client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/authenticate/")
    return client


def enter(client, code):
    return client.post("/accounts/2fa/authenticate/", {"code": code})


def signed_in(client) -> bool:
    return client.get("/home/").status_code == 200


@pytest.fixture
def coordinator_with_totp(coordinator):
    TOTP.activate(coordinator, SECRET)
    return coordinator


def test_wrong_code_says_how_many_tries_are_left(coordinator_with_totp):
    client = start_sign_in(coordinator_with_totp)
    response = enter(client, WRONG)
    assert response.status_code == 200
    assert (
        "That code didn&#x27;t match. You have 4 tries left before you need to sign in again."
        in response.content.decode()
    )


def test_six_wrong_codes_end_the_sign_in_and_the_right_code_is_then_refused(
    coordinator_with_totp,
):
    # given a sign-in at the code step
    client = start_sign_in(coordinator_with_totp)
    # when five wrong codes are entered
    for _ in range(4):
        assert enter(client, WRONG).status_code == 200
    fifth = enter(client, WRONG)
    # then the sign-in is over: back to the password, with a kind explanation
    assert fifth.status_code == 302
    assert fifth["Location"] == "/accounts/login/"
    page = client.get("/accounts/login/").content.decode()
    assert "sign in again with your email and password" in page
    # and a sixth wrong code, then the right one, are not even looked at
    assert enter(client, WRONG)["Location"] == "/accounts/login/"
    assert enter(client, current_code())["Location"] == "/accounts/login/"
    assert not signed_in(client)
    assert MfaAttempt.objects.filter(user=coordinator_with_totp).count() == 5


def test_wrong_codes_from_two_browsers_pause_the_account(coordinator_with_totp):
    # given two separate sign-ins (two browsers, two sessions) at the code step
    first, second = start_sign_in(coordinator_with_totp), start_sign_in(coordinator_with_totp)
    # when three wrong codes come from one and two from the other
    for _ in range(3):
        enter(first, WRONG)
    enter(second, WRONG)
    last = enter(second, WRONG)
    # then the account's codes are paused, and even the right code is refused in the first
    assert last["Location"] == "/accounts/login/"
    response = enter(first, current_code())
    assert response["Location"] == "/accounts/login/"
    assert not signed_in(first)
    assert "codes are paused for 15 minutes" in first.get("/accounts/login/").content.decode()
    # and so in a third browser that starts afresh with the right password and code
    third = start_sign_in(coordinator_with_totp)
    assert enter(third, current_code())["Location"] == "/accounts/login/"
    assert not signed_in(third)


def test_codes_work_again_when_the_pause_has_ended(coordinator_with_totp):
    client = start_sign_in(coordinator_with_totp)
    for _ in range(5):
        enter(client, WRONG)
    # 20 minutes later
    MfaAttempt.objects.update(
        at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=20)
    )
    client = start_sign_in(coordinator_with_totp)
    assert enter(client, current_code()).status_code == 302
    assert signed_in(client)


def test_each_further_pause_is_longer(coordinator_with_totp):
    # given an account whose codes were paused once, 20 minutes ago
    for _ in range(5):
        MfaAttempt.objects.create(
            user=coordinator_with_totp,
            at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=21),
        )
    # when five more wrong codes come in
    for _ in range(4):
        enter(start_sign_in(coordinator_with_totp), WRONG)
    client = start_sign_in(coordinator_with_totp)
    enter(client, WRONG)
    # then this pause lasts twice as long
    assert "codes are paused for 30 minutes" in client.get("/accounts/login/").content.decode()


def test_a_right_code_clears_earlier_wrong_ones(coordinator_with_totp):
    client = start_sign_in(coordinator_with_totp)
    for _ in range(4):
        enter(client, WRONG)
    assert enter(client, current_code()).status_code == 302
    assert signed_in(client)
    assert not MfaAttempt.objects.filter(cleared_at__isnull=True).exists()


@pytest.fixture
def recovery_codes(coordinator_with_totp):
    return RecoveryCodes.activate(coordinator_with_totp).get_unused_codes()


def test_wrong_recovery_codes_count_towards_the_same_limits(coordinator_with_totp, recovery_codes):
    # given wrong authenticator codes and wrong recovery codes in one sign-in
    client = start_sign_in(coordinator_with_totp)
    for _ in range(3):
        enter(client, WRONG)
    enter(client, "12345678")
    response = enter(client, "87654321")
    # then together they end the sign-in and pause the account
    assert response["Location"] == "/accounts/login/"
    # and a right recovery code is refused, and stays unused
    again = start_sign_in(coordinator_with_totp)
    assert enter(again, recovery_codes[0])["Location"] == "/accounts/login/"
    assert not signed_in(again)
    assert (
        recovery_codes[0]
        in RecoveryCodes(
            coordinator_with_totp.authenticator_set.get(type="recovery_codes")
        ).get_unused_codes()
    )


def test_right_recovery_code_signs_in_within_the_limits(coordinator_with_totp, recovery_codes):
    client = start_sign_in(coordinator_with_totp)
    enter(client, "12345678")
    assert enter(client, recovery_codes[0]).status_code == 302
    assert signed_in(client)


def test_wrong_codes_when_confirming_identity_while_signed_in_count_too(
    sign_in, coordinator_with_totp
):
    client = sign_in(coordinator_with_totp)
    for _ in range(5):
        client.post("/accounts/2fa/reauthenticate/", {"code": WRONG})
    response = client.post("/accounts/2fa/reauthenticate/", {"code": current_code()})
    assert response.status_code == 200
    assert "codes are paused" in response.content.decode()


def test_wrong_codes_older_than_the_look_back_are_dropped(coordinator_with_totp):
    # given wrong codes from three days ago, which no longer count for anything
    for _ in range(3):
        MfaAttempt.objects.create(
            user=coordinator_with_totp,
            at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=3),
        )
    # when the person next enters a code
    client = start_sign_in(coordinator_with_totp)
    enter(client, current_code())
    # then those old rows are gone
    assert not MfaAttempt.objects.exists()
