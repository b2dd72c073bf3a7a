"""Contact records: the assigned mentor writes a minimal record; private notes are encrypted, read
only by the mentor and the line's professionals, and every read is in the access log."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from nearpeer.audit.models import AccessLog
from nearpeer.supportline.models import Contact
from nearpeer.supportline.services import records
from tests.supportline.fixtures_records import *  # noqa: F403
from tests.supportline.fixtures_records import make_request, raw

pytestmark = pytest.mark.django_db
NOTES = "Worried about the Step 2 date; has a partner at home who shouts. Check in Friday."


def record(by, request, **fields):
    values = {
        "topics": ["academic_stress", "imposter"],
        "minutes": 25,
        "outcome": Contact.Outcome.SUPPORTED,
        "follow_up_wanted": True,
        "notes": NOTES,
    } | fields
    return records.contact_record(by=by, request=request, **values)


def note_reads():
    return AccessLog.objects.filter(action="read", record_type="support_contact_notes")


def url(request):
    return reverse("supportline:support_records_contact", args=[request.pk])


def test_notes_are_stored_encrypted(mentor, talk):
    contact = record(mentor, talk)
    stored = raw("supportline_contact", "notes", contact.pk)
    assert "Step 2" not in stored and stored.startswith("enc1:")
    assert Contact.objects.get(pk=contact.pk).notes == NOTES


def test_the_assigned_mentor_records_a_contact_from_the_page(sign_in, mentor, talk):
    response = sign_in(mentor).post(
        url(talk),
        {"topics": ["loneliness"], "minutes": "30", "outcome": "supported", "notes": "Call back"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get(request=talk)
    assert (contact.topics, contact.minutes, contact.notes) == (["loneliness"], 30, "Call back")
    assert AccessLog.objects.filter(action="create", record_type="support_contact_notes").exists()


def test_recording_again_updates_the_one_record(mentor, talk):
    record(mentor, talk)
    record(mentor, talk, minutes=40, notes="Better today.")
    assert Contact.objects.get(request=talk).minutes == 40
    assert Contact.objects.count() == 1


def test_a_bad_outcome_is_refused_and_nothing_is_saved(sign_in, mentor, talk):
    response = sign_in(mentor).post(url(talk), {"minutes": "10", "outcome": "vanished"})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not Contact.objects.exists()


def test_another_mentor_cannot_write_the_record(mentor, other_mentor, talk):
    with pytest.raises(PermissionDenied):
        record(other_mentor, talk)
    assert not Contact.objects.exists()


def test_a_mentor_who_has_not_accepted_cannot_write_yet(line, mentor):
    offered = make_request(line, mentor=mentor, status="offered", accepted_at=None)
    with pytest.raises(PermissionDenied):
        record(mentor, offered)


def test_a_line_professional_may_write_the_record(advisor, talk):
    assert record(advisor, talk).mentor == advisor


def test_unknown_topics_are_refused(mentor, talk):
    with pytest.raises(ValidationError) as caught:
        record(mentor, talk, topics=["astrology"])
    assert caught.value.error_dict["topics"][0].code == "unknown_topic"


def test_every_view_of_the_notes_is_logged(sign_in, mentor, talk):
    record(mentor, talk)
    client = sign_in(mentor)
    for _ in range(2):
        response = client.get(url(talk))
        assert response.status_code == 200
        assert "Check in Friday" in response.content.decode()
    assert note_reads().count() == 2
    assert set(note_reads().values_list("actor", flat=True)) == {mentor.pk}


@pytest.mark.parametrize("reader", ["advisor", "supervisor"])
def test_the_lines_professionals_read_notes_and_are_logged(request, sign_in, mentor, talk, reader):
    record(mentor, talk)
    person = request.getfixturevalue(reader)
    response = sign_in(person).get(url(talk))
    assert "Check in Friday" in response.content.decode()
    assert note_reads().get().actor == person


@pytest.mark.parametrize(
    "persona", ["coordinator", "office_admin", "director", "trainee", "outsider", "other_mentor"]
)
def test_staff_office_and_others_get_404_and_no_notes(request, sign_in, mentor, talk, persona):
    record(mentor, talk)
    person = request.getfixturevalue(persona)
    response = sign_in(person).get(url(talk))
    assert response.status_code == 404
    assert "Check in Friday" not in response.content.decode()
    assert not note_reads().exists()


def test_the_office_sees_note_reads_in_its_access_log(sign_in, mentor, talk, office_admin):
    record(mentor, talk)
    sign_in(mentor).get(url(talk))
    body = sign_in(office_admin).get(reverse("access_log")).content.decode()
    assert f"Read the contact notes of support request {talk.pk}" in body
    assert mentor.email in body
    assert "Check in Friday" not in body


def test_purged_request_refuses_a_contact_record(mentor, talk):
    talk.purged_at = talk.created_at
    talk.save(update_fields=["purged_at"])
    with pytest.raises(ValidationError) as caught:
        record(mentor, talk)
    assert caught.value.code == "purged"
