"""A service's web address is http(s) only, from the page, the API and the service; the pages
never link to anything else (issue #7, defect 7)."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from nearpeer.supportline.models import Resource
from nearpeer.supportline.services import resources
from nearpeer.weblinks import NOT_A_WEB_ADDRESS
from tests.supportline.fixtures_records import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_the_api_refuses_a_javascript_address(api_as, office_admin, ridgeview):
    response = api_as(office_admin).post(
        "/support/resources",
        {"institution_id": ridgeview.pk, "kind": "counseling", "name": "Help",
         "url": "javascript:alert(1)"},
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"]["url"] == [NOT_A_WEB_ADDRESS]
    assert not Resource.objects.filter(name="Help").exists()


def test_the_api_keeps_a_web_address_as_given(api_as, office_admin, ridgeview):
    response = api_as(office_admin).post(
        "/support/resources",
        {"institution_id": ridgeview.pk, "kind": "counseling", "name": "Help",
         "url": "https://help.example.edu/counseling"},
    )  # fmt: skip
    assert response.status_code == 201, response.content
    assert response.json()["url"] == "https://help.example.edu/counseling"


def test_the_service_refuses_it_whoever_calls(office_admin, counseling):
    with pytest.raises(ValidationError) as caught:
        resources.resource_update(by=office_admin, resource=counseling, url="data:text/html,x")
    assert caught.value.message_dict == {"url": [NOT_A_WEB_ADDRESS]}


def test_the_page_form_says_to_give_a_web_address(sign_in, office_admin, ridgeview):
    response = sign_in(office_admin).post(
        reverse("supportline:support_records_resource_create"),
        {"institution": ridgeview.pk, "kind": "counseling", "name": "Help",
         "phone": "555-0101", "url": "javascript:alert(1)"},
    )  # fmt: skip
    assert response.status_code in (200, 400)
    assert NOT_A_WEB_ADDRESS in response.content.decode()
    assert not Resource.objects.filter(name="Help").exists()


def test_a_stored_javascript_address_is_not_a_link_in_the_directory(sign_in, trainee, counseling):
    Resource.objects.filter(pk=counseling.pk).update(url="javascript:alert(1)")
    page = sign_in(trainee).get(reverse("supportline:support_records_resources")).content.decode()
    assert "Ridgeview Counseling Center" in page
    assert 'href="javascript:' not in page
    assert "<dt>Web</dt>" not in page


def test_the_migration_blanks_addresses_of_other_schemes(counseling):
    Resource.objects.filter(pk=counseling.pk).update(url="javascript:alert(1)")
    migration = importlib.import_module("nearpeer.supportline.migrations.0004_http_links_only")
    migration.blank_other_schemes(apps, None)
    counseling.refresh_from_db()
    assert counseling.url == ""
