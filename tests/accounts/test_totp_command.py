"""`nearpeer totp EMAIL`: the current code of a demo account's authenticator, and of no real person's."""

from io import StringIO

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.management import call_command
from django.core.management.base import CommandError

from nearpeer.demo import data as demo
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_command(email: str) -> str:
    out = StringIO()
    call_command("totp", email, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


@pytest.fixture
def demo_person():
    user = UserFactory(email="casey.demo@elmstead.example")
    TOTP.activate(user, SECRET)
    return user


@pytest.fixture
def real_person():
    user = UserFactory(email="pat.real@hospital.org")
    TOTP.activate(user, SECRET)
    return user


def test_printed_code_is_accepted_by_the_authenticator(settings, demo_person):
    settings.DEBUG = False
    code = totp_command(demo_person.email)
    assert len(code) == 6 and code.isdigit()
    authenticator = Authenticator.objects.get(user=demo_person, type=Authenticator.Type.TOTP)
    assert TOTP(authenticator).validate_code(code)


def test_demo_coordinator_signs_in_with_the_password_and_the_printed_code(client):
    # given the demo data
    demo.build()
    email = "coordinator@elmstead.example"
    # when the coordinator signs in with the demo password and the code `nearpeer totp` prints
    client.post("/accounts/login/", {"login": email, "password": demo.DEMO_PASSWORD})
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_command(email)})
    # then they reach their program's pages
    assert response.status_code == 302
    assert client.get("/programs/").status_code == 200


def test_refuses_a_real_address_when_debug_is_off(settings, real_person):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only for demo addresses ending in .example"):
        totp_command(real_person.email)


def test_refuses_an_unknown_real_address_the_same_way(settings):
    # the answer must not tell whether a real account exists
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only for demo addresses"):
        totp_command("nobody@hospital.org")


def test_any_address_works_on_a_development_setup(settings, real_person):
    settings.DEBUG = True
    assert len(totp_command(real_person.email)) == 6


def test_address_is_matched_whatever_its_case(settings, demo_person):
    settings.DEBUG = False
    assert len(totp_command("  Casey.Demo@Elmstead.EXAMPLE ")) == 6


def test_unknown_demo_address_is_a_clear_error():
    with pytest.raises(CommandError, match="No account has the email nobody@elmstead.example"):
        totp_command("nobody@elmstead.example")


def test_account_without_an_authenticator_is_a_clear_error():
    UserFactory(email="no.app@elmstead.example")
    with pytest.raises(CommandError, match="has no authenticator app"):
        totp_command("no.app@elmstead.example")
