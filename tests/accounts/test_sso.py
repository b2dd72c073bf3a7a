"""Single sign-on is configured per institution as allauth apps; check what can be checked offline."""

import datetime

import pytest
from allauth.socialaccount.models import SocialApp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


def _self_signed_cert() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "idp.ridgeview.example")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    return "".join(line for line in pem.splitlines() if "CERTIFICATE" not in line)


@pytest.fixture
def saml_app(ridgeview):
    return SocialApp.objects.create(
        provider="saml",
        provider_id=ridgeview.slug,
        name="Ridgeview single sign-on",
        client_id=ridgeview.slug,
        settings={
            "attribute_mapping": {"uid": "uid", "email": "email", "name": "displayName"},
            "idp": {
                "entity_id": "https://idp.ridgeview.example/saml",
                "sso_url": "https://idp.ridgeview.example/saml/sso",
                "x509cert": _self_signed_cert(),
            },
        },
    )


@pytest.fixture
def oidc_app(lakeshore):
    return SocialApp.objects.create(
        provider="openid_connect",
        provider_id="lakeshore",
        name="Lakeshore sign-in",
        client_id="nearpeer",
        secret="client-secret",
        settings={"server_url": "https://login.lakeshore.example"},
    )


HOST = {"HTTP_HOST": "nearpeer.ridgeview.example"}


@pytest.fixture(autouse=True)
def _real_host_name(settings):
    # SAML refuses service-provider URLs on a host name without a domain, such as "testserver".
    settings.ALLOWED_HOSTS = ["nearpeer.ridgeview.example", "testserver"]


def test_saml_service_provider_metadata_is_published(client, saml_app):
    response = client.get(f"/accounts/saml/{saml_app.provider_id}/metadata/", **HOST)
    assert response.status_code == 200
    assert b"EntityDescriptor" in response.content
    assert b"AssertionConsumerService" in response.content


def test_sign_in_page_offers_each_configured_institution(client, saml_app, oidc_app):
    page = client.get("/accounts/login/").content.decode()
    assert "Ridgeview single sign-on" in page
    assert "Lakeshore sign-in" in page


def test_single_sign_on_never_opens_a_new_account(rf):
    from nearpeer.accounts.adapters import SocialAccountAdapter

    assert SocialAccountAdapter().is_open_for_signup(rf.get("/"), sociallogin=None) is False


def test_saml_sign_in_starts_with_a_redirect_to_the_identity_provider(client, saml_app):
    response = client.post(f"/accounts/saml/{saml_app.provider_id}/login/", **HOST)
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.ridgeview.example/saml/sso")
