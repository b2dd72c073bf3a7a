"""Sessions end after idling, after their lifetime, and when an account is disabled."""

import time

import pytest

from nearpeer.accounts.middleware import SEEN_KEY, STARTED_KEY


def _age_session(client, *, idle_minutes=0, started_hours_ago=0):
    session = client.session
    now = int(time.time())
    session[SEEN_KEY] = now - idle_minutes * 60
    session[STARTED_KEY] = now - started_hours_ago * 3600
    session.save()


def test_trainee_idle_for_half_an_hour_stays_signed_in(sign_in, trainee):
    client = sign_in(trainee)
    client.get("/home/")
    _age_session(client, idle_minutes=30)
    assert client.get("/home/").status_code == 200


def test_coordinator_idle_for_half_an_hour_is_signed_out(sign_in, coordinator):
    client = sign_in(coordinator)
    client.get("/home/")
    _age_session(client, idle_minutes=30)
    response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_session_past_its_lifetime_ends_even_when_active(sign_in, trainee):
    client = sign_in(trainee)
    client.get("/home/")
    _age_session(client, idle_minutes=1, started_hours_ago=13)
    assert client.get("/home/").status_code == 302


def test_disabled_account_is_signed_out_at_once(sign_in, trainee):
    client = sign_in(trainee)
    assert client.get("/home/").status_code == 200
    trainee.is_active = False
    trainee.save(update_fields=["is_active"])
    assert client.get("/home/").status_code == 302


@pytest.mark.parametrize("path", ["/home/", "/programs/", "/me/tokens/"])
def test_pages_with_people_data_are_not_cached(sign_in, coordinator, path):
    response = sign_in(coordinator).get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_api_answers_are_not_cached(sign_in, coordinator):
    response = sign_in(coordinator).get("/api/v1/openapi.json")
    assert "no-store" in response["Cache-Control"]
