"""The resource directory: everyone in the institution reads it, only the well-being office edits
it, and crisis resources always start with 988 and emergency services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nearpeer.supportline.models import Referral, Resource
from nearpeer.supportline.selectors import requests as selectors
from tests.api.conftest import ids
from tests.supportline.fixtures_records import *  # noqa: F403
from tests.supportline.fixtures_records import make_request

pytestmark = pytest.mark.django_db
LIST = reverse("supportline:support_records_resources")
NEW = {
    "institution": "",
    "kind": "ipv_advocate",
    "name": "Safe Harbor advocates",
    "phone": "(555) 555-0160",
    "hours": "24 hours",
    "is_crisis": "on",
}


@pytest.fixture
def foreign_resource(lakeshore):
    return Resource.objects.create(
        institution=lakeshore, kind="counseling", name="Lakeshore Counseling", phone="555-0100"
    )


def test_crisis_resources_start_with_988_and_911_then_the_institutions_own(ridgeview):
    ridgeview.emergency_phone, ridgeview.after_hours_counseling_phone = "555-0199", "555-0177"
    ridgeview.save()
    Resource.objects.create(
        institution=ridgeview,
        kind="crisis_line",
        name="Ridgeview Crisis Line",
        phone="555-0111",
        is_crisis=True,
    )
    Resource.objects.create(institution=ridgeview, kind="academic", name="Tutoring", phone="1")
    with CaptureQueriesContext(connection) as queries:
        found = selectors.crisis_resources(ridgeview)
    assert len(queries) == 1
    assert [r["phone"] for r in found] == ["988", "911", "555-0199", "555-0177", "555-0111"]
    assert found[0]["text_number"] == "988"


def test_crisis_resources_never_include_another_institutions(ridgeview, foreign_resource):
    foreign_resource.is_crisis = True
    foreign_resource.save()
    assert [r["phone"] for r in selectors.crisis_resources(ridgeview)] == ["988", "911"]


def test_a_trainee_reads_the_directory_of_their_institution_only(
    sign_in, trainee, counseling, foreign_resource
):
    response = sign_in(trainee).get(LIST)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Ridgeview Counseling Center" in body and "Lakeshore Counseling" not in body
    assert "Add a service" not in body


def test_the_office_adds_a_service_from_the_page(sign_in, office_admin, ridgeview):
    response = sign_in(office_admin).post(
        reverse("supportline:support_records_resource_create"), NEW | {"institution": ridgeview.pk}
    )
    assert response.status_code == 302
    resource = Resource.objects.get(name="Safe Harbor advocates")
    assert (resource.institution, resource.is_crisis) == (ridgeview, True)


def test_a_service_with_no_way_to_reach_it_is_refused(sign_in, office_admin, ridgeview):
    data = NEW | {"institution": ridgeview.pk, "phone": ""}
    response = sign_in(office_admin).post(
        reverse("supportline:support_records_resource_create"), data
    )
    assert response.status_code == 200
    assert "Say how to reach this service" in response.content.decode()
    assert not Resource.objects.exists()


def test_the_office_cannot_add_to_another_institution(sign_in, office_admin, lakeshore):
    data = NEW | {"institution": lakeshore.pk}
    response = sign_in(office_admin).post(
        reverse("supportline:support_records_resource_create"), data
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Resource.objects.exists()


def test_the_office_edits_and_removes_a_service(sign_in, office_admin, counseling):
    client = sign_in(office_admin)
    edit = reverse("supportline:support_records_resource_edit", args=[counseling.pk])
    data = {"kind": "counseling", "name": counseling.name, "phone": "555-0131", "hours": "Late"}
    assert client.post(edit, data).status_code == 302
    counseling.refresh_from_db()
    assert (counseling.phone, counseling.hours) == ("555-0131", "Late")
    client.post(reverse("supportline:support_records_resource_delete", args=[counseling.pk]))
    assert not Resource.objects.exists()


def test_a_service_someone_was_referred_to_stays(sign_in, office_admin, counseling, line, mentor):
    request = make_request(line, mentor=mentor)
    Referral.objects.create(
        request=request, resource=counseling, consent=True, follow_up_on="2030-01-01"
    )
    response = sign_in(office_admin).post(
        reverse("supportline:support_records_resource_delete", args=[counseling.pk]), follow=True
    )
    assert "stays in the directory" in response.content.decode()
    assert Resource.objects.filter(pk=counseling.pk).exists()


@pytest.mark.parametrize("persona", ["coordinator", "trainee", "outsider"])
def test_only_the_office_edits(request, sign_in, counseling, persona):
    client = sign_in(request.getfixturevalue(persona))
    edit = reverse("supportline:support_records_resource_edit", args=[counseling.pk])
    assert client.get(edit).status_code == 404
    assert (
        client.post(
            reverse("supportline:support_records_resource_delete", args=[counseling.pk])
        ).status_code
        == 404
    )
    assert Resource.objects.filter(pk=counseling.pk).exists()


def test_non_office_cannot_open_the_add_page(sign_in, coordinator):
    assert (
        sign_in(coordinator).get(reverse("supportline:support_records_resource_create")).status_code
        == 404
    )


def test_outsider_sees_none_of_ridgeviews_directory(sign_in, outsider, counseling):
    body = sign_in(outsider).get(LIST).content.decode()
    assert "Ridgeview Counseling Center" not in body


# --- API ---------------------------------------------------------------------------------------


def test_api_lists_the_directory_of_ones_institutions(
    api_as, trainee, counseling, foreign_resource
):
    assert ids(api_as(trainee).get("/support/resources")) == {counseling.pk}


def test_api_outsider_list_is_empty_of_ridgeview(api_as, outsider, counseling, foreign_resource):
    assert ids(api_as(outsider).get("/support/resources")) == {foreign_resource.pk}


def test_api_office_creates_updates_and_deletes(api_as, office_admin, ridgeview):
    api = api_as(office_admin)
    created = api.post(
        "/support/resources",
        {
            "institution_id": ridgeview.pk,
            "kind": "ombuds",
            "name": "Ombuds",
            "url": "https://o.example",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = api.patch(f"/support/resources/{pk}", {"hours": "Tuesdays", "is_crisis": False})
    assert changed.json()["hours"] == "Tuesdays"
    assert api.delete(f"/support/resources/{pk}").status_code == 204
    assert not Resource.objects.exists()


def test_api_refuses_fields_nobody_may_set(api_as, office_admin, counseling, lakeshore):
    response = api_as(office_admin).patch(
        f"/support/resources/{counseling.pk}", {"institution_id": lakeshore.pk}
    )
    assert response.status_code == 422
    counseling.refresh_from_db()
    assert counseling.institution.slug == "ridgeview"


def test_api_coordinator_cannot_add_a_service(api_as, coordinator, ridgeview):
    response = api_as(coordinator).post(
        "/support/resources",
        {"institution_id": ridgeview.pk, "kind": "ombuds", "name": "X", "phone": "1"},
    )
    assert response.status_code == 403
    assert not Resource.objects.exists()


def test_api_outsider_gets_404_on_ridgeviews_resources(api_as, outsider, counseling, ridgeview):
    api = api_as(outsider)
    assert api.patch(f"/support/resources/{counseling.pk}", {"hours": "x"}).status_code == 404
    assert api.delete(f"/support/resources/{counseling.pk}").status_code == 404
    body = {"institution_id": ridgeview.pk, "kind": "ombuds", "name": "X", "phone": "1"}
    assert api.post("/support/resources", body).status_code == 404
    assert Resource.objects.count() == 1
