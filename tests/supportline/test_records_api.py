"""Contact records through the API, and isolation: the outsider (another institution's office)
gets a 404 on every records page and endpoint, and lists empty of Ridgeview's data."""

import pytest
from django.urls import reverse

from nearpeer.audit.models import AccessLog
from nearpeer.supportline.models import Contact, Referral
from nearpeer.supportline.services import records
from tests.supportline.fixtures_records import *  # noqa: F403

pytestmark = pytest.mark.django_db
CONTACT = {"topics": ["imposter"], "minutes": 20, "outcome": "supported", "notes": "Sees CAPS Tue."}


def note_reads():
    return AccessLog.objects.filter(action="read", record_type="support_contact_notes")


@pytest.fixture
def recorded(mentor, talk):
    return records.contact_record(by=mentor, request=talk, **CONTACT)


def test_api_mentor_records_then_updates_a_contact(api_as, mentor, talk):
    api = api_as(mentor)
    assert api.post(f"/support/requests/{talk.pk}/contact", CONTACT).status_code == 201
    again = api.post(f"/support/requests/{talk.pk}/contact", CONTACT | {"minutes": 35})
    assert again.status_code == 200 and again.json()["minutes"] == 35
    assert Contact.objects.get().minutes == 35


def test_api_each_read_of_notes_is_logged(api_as, mentor, talk, recorded):
    api = api_as(mentor)
    for _ in range(3):
        assert api.get(f"/support/requests/{talk.pk}/contact").json()["notes"] == "Sees CAPS Tue."
    assert note_reads().count() == 3


def test_api_professional_reads_notes(api_as, advisor, talk, recorded):
    assert api_as(advisor).get(f"/support/requests/{talk.pk}/contact").json()["notes"]
    assert note_reads().get().actor == advisor


@pytest.mark.parametrize(
    "persona", ["coordinator", "office_admin", "trainee", "outsider", "other_mentor"]
)
def test_api_non_readers_get_404_and_no_content(request, api_as, talk, recorded, persona):
    api = api_as(request.getfixturevalue(persona))
    response = api.get(f"/support/requests/{talk.pk}/contact")
    assert response.status_code == 404
    assert "CAPS" not in response.content.decode()
    assert (
        api.post(f"/support/requests/{talk.pk}/contact", CONTACT | {"notes": "x"}).status_code
        == 404
    )
    assert Contact.objects.get().notes == "Sees CAPS Tue."
    assert not note_reads().exists()


def test_api_bad_contact_input_is_refused_with_the_field_named(api_as, mentor, talk):
    response = api_as(mentor).post(
        f"/support/requests/{talk.pk}/contact", CONTACT | {"minutes": -3, "mentor_id": 1}
    )
    assert response.status_code == 422
    assert {"minutes", "mentor_id"} <= set(response.json()["errors"])
    assert not Contact.objects.exists()


def test_api_no_contact_yet_is_404(api_as, mentor, talk):
    assert api_as(mentor).get(f"/support/requests/{talk.pk}/contact").status_code == 404


# --- Isolation ---------------------------------------------------------------------------------


def test_outsider_gets_404_on_every_records_page(
    sign_in, outsider, talk, recorded, counseling, line
):
    referral = records.referral_create(
        by=recorded.mentor, request=talk, resource=counseling, consent=True
    )
    client = sign_in(outsider)
    gets = [
        reverse("supportline:support_records_contact", args=[talk.pk]),
        reverse("supportline:support_records_resource_edit", args=[counseling.pk]),
        reverse("supportline:support_records_dashboard", args=[line.pk]),
    ]
    posts = [
        (
            reverse("supportline:support_records_contact", args=[talk.pk]),
            {"outcome": "supported", "minutes": 1},
        ),
        (
            reverse("supportline:support_records_referral_create", args=[talk.pk]),
            {"resource": counseling.pk},
        ),
        (
            reverse("supportline:support_records_referral_outcome", args=[referral.pk]),
            {"outcome": "declined"},
        ),
        (reverse("supportline:support_records_resource_delete", args=[counseling.pk]), {}),
    ]
    for url in gets:
        assert client.get(url).status_code == 404, url
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url
    assert Referral.objects.get().outcome == "pending"
    assert not note_reads().exists()


def test_outsider_gets_404_on_every_records_endpoint(
    api_as, outsider, talk, recorded, counseling, line
):
    referral = records.referral_create(
        by=recorded.mentor, request=talk, resource=counseling, consent=True
    )
    api = api_as(outsider)
    calls = [
        api.get(f"/support/requests/{talk.pk}/contact"),
        api.post(f"/support/requests/{talk.pk}/contact", CONTACT),
        api.post(
            f"/support/requests/{talk.pk}/referrals",
            {"resource_id": counseling.pk, "consent": True},
        ),
        api.patch(f"/support/referrals/{referral.pk}", {"outcome": "declined"}),
        api.patch(f"/support/resources/{counseling.pk}", {"hours": "never"}),
        api.delete(f"/support/resources/{counseling.pk}"),
        api.get(f"/support/lines/{line.pk}/dashboard"),
    ]
    assert [c.status_code for c in calls] == [404] * len(calls)
    assert api.get("/support/resources").json()["items"] == []


def test_outsider_dashboard_list_is_only_their_own(sign_in, outsider, line, foreign_line):
    response = sign_in(outsider).get(reverse("supportline:support_records_dashboards"))
    assert response.url == reverse("supportline:support_records_dashboard", args=[foreign_line.pk])


def test_a_mentor_of_another_line_cannot_read_a_request(
    sign_in, talk, recorded, foreign_line, foreign_program
):
    from tests.supportline.fixtures_records import trained_mentor

    stranger = trained_mentor(foreign_line, foreign_program)
    assert (
        sign_in(stranger)
        .get(reverse("supportline:support_records_contact", args=[talk.pk]))
        .status_code
        == 404
    )
