"""Repeated wrong passwords pause sign-in for that account from that address only."""

import pytest
from django.test import Client

from tests.factories import UserFactory

PASSWORD = "correct horse battery"


def attempt(email, password, address):
    return Client(REMOTE_ADDR=address).post(
        "/accounts/login/", {"login": email, "password": password}
    )


@pytest.fixture
def alice(db):
    return UserFactory(email="alice@ridgeview.example")


@pytest.fixture
def bob(db):
    return UserFactory(email="bob@ridgeview.example")


def _lock_out(email, address="10.0.0.1"):
    for _ in range(5):
        attempt(email, "wrong password", address)


def test_five_wrong_passwords_pause_that_account_from_that_address(alice):
    _lock_out(alice.email)
    response = attempt(alice.email, PASSWORD, "10.0.0.1")
    assert response.status_code == 429
    assert b"Sign-in paused" in response.content


def test_the_same_account_can_still_sign_in_from_another_address(alice):
    _lock_out(alice.email)
    response = attempt(alice.email, PASSWORD, "10.0.0.2")
    assert response.status_code == 302


def test_other_people_behind_the_same_hospital_address_can_still_sign_in(alice, bob):
    _lock_out(alice.email)
    response = attempt(bob.email, PASSWORD, "10.0.0.1")
    assert response.status_code == 302


def test_email_case_does_not_dodge_the_pause(alice):
    _lock_out(alice.email.upper())
    assert attempt(alice.email, PASSWORD, "10.0.0.1").status_code == 429
