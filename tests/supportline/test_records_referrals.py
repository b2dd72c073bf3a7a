"""Referrals: only with consent, a follow-up date a week out by default, one reminder to the
mentor on that date however often the daily tick runs, and the outcome tracked."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from nearpeer.supportline.models import Notification, Referral, Resource
from nearpeer.supportline.services import records
from tests.supportline.fixtures_records import *  # noqa: F403

pytestmark = pytest.mark.django_db


def refer(by, request, resource, **fields):
    return records.referral_create(
        by=by, request=request, resource=resource, **({"consent": True} | fields)
    )


def test_a_referral_gets_a_follow_up_a_week_out(mentor, talk, counseling):
    referral = refer(mentor, talk, counseling)
    assert referral.follow_up_on == timezone.localdate() + datetime.timedelta(days=7)
    assert (referral.outcome, referral.made_by) == (Referral.Outcome.PENDING, mentor)


def test_a_referral_without_consent_is_refused(mentor, talk, counseling):
    with pytest.raises(ValidationError) as caught:
        refer(mentor, talk, counseling, consent=False)
    assert caught.value.error_dict["consent"][0].code == "consent_required"
    assert not Referral.objects.exists()


def test_the_database_refuses_a_referral_without_consent(talk, counseling):
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(
            request=talk, resource=counseling, consent=False, follow_up_on=timezone.localdate()
        )


def test_the_page_refuses_a_referral_without_the_consent_box(sign_in, mentor, talk, counseling):
    url = reverse("supportline:support_records_referral_create", args=[talk.pk])
    response = sign_in(mentor).post(url, {"resource": counseling.pk, "follow_up_on": "2099-01-01"})
    assert response.status_code == 400
    assert "only when the person agreed" in response.content.decode()
    assert not Referral.objects.exists()


def test_the_page_records_a_referral_with_consent(sign_in, mentor, talk, counseling):
    url = reverse("supportline:support_records_referral_create", args=[talk.pk])
    data = {"resource": counseling.pk, "consent": "on", "follow_up_on": "2099-01-01"}
    assert sign_in(mentor).post(url, data).status_code == 302
    assert Referral.objects.get().follow_up_on == datetime.date(2099, 1, 1)


def test_a_service_of_another_institution_cannot_be_chosen(mentor, talk, lakeshore):
    elsewhere = Resource.objects.create(institution=lakeshore, kind="ombuds", name="L", phone="1")
    with pytest.raises(ValidationError):
        refer(mentor, talk, elsewhere)


def test_a_follow_up_date_in_the_past_is_refused(mentor, talk, counseling):
    with pytest.raises(ValidationError):
        refer(
            mentor, talk, counseling, follow_up_on=timezone.localdate() - datetime.timedelta(days=1)
        )


def test_the_mentor_notes_the_outcome(sign_in, mentor, talk, counseling):
    referral = refer(mentor, talk, counseling)
    url = reverse("supportline:support_records_referral_outcome", args=[referral.pk])
    sign_in(mentor).post(url, {"outcome": "connected"})
    referral.refresh_from_db()
    assert referral.outcome == "connected" and referral.outcome_noted_at is not None


@pytest.mark.parametrize("persona", ["coordinator", "office_admin", "outsider", "other_mentor"])
def test_others_cannot_touch_referrals(request, sign_in, mentor, talk, counseling, persona):
    referral = refer(mentor, talk, counseling)
    client = sign_in(request.getfixturevalue(persona))
    url = reverse("supportline:support_records_referral_outcome", args=[referral.pk])
    assert client.post(url, {"outcome": "declined"}).status_code == 404
    create = reverse("supportline:support_records_referral_create", args=[talk.pk])
    assert client.post(create, {"resource": counseling.pk, "consent": "on"}).status_code == 404
    referral.refresh_from_db()
    assert referral.outcome == "pending" and Referral.objects.count() == 1


def _due(referral):
    Referral.objects.filter(pk=referral.pk).update(follow_up_on=timezone.localdate())


def test_the_daily_tick_reminds_the_mentor_once(
    mentor, talk, counseling, mailoutbox, django_capture_on_commit_callbacks
):
    referral = refer(mentor, talk, counseling)
    _due(referral)
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("supportline_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [mentor.email]
    assert "Ridgeview Counseling Center" in mailoutbox[0].body
    assert talk.opening_message not in mailoutbox[0].body
    notice = Notification.objects.get()
    assert notice.kind == Notification.Kind.REFERRAL_FOLLOW_UP and notice.sent_at


def test_no_reminder_before_the_date_or_once_the_outcome_is_known(
    mentor, talk, counseling, mailoutbox, django_capture_on_commit_callbacks
):
    refer(mentor, talk, counseling)
    known = refer(mentor, talk, counseling)
    _due(known)
    records.referral_outcome_set(by=mentor, referral=known, outcome="connected")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("supportline_daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mailoutbox == []


def test_two_referrals_due_get_a_reminder_each(mentor, talk, counseling, mailoutbox):
    first, second = refer(mentor, talk, counseling), refer(mentor, talk, counseling)
    for referral in (first, second, first):
        _due(referral)
        records.referral_follow_up_send(referral_id=referral.pk)
    assert len(mailoutbox) == 2


# --- API ---------------------------------------------------------------------------------------


def test_api_refers_with_consent_and_sets_the_outcome(api_as, mentor, talk, counseling):
    api = api_as(mentor)
    refused = api.post(
        f"/support/requests/{talk.pk}/referrals", {"resource_id": counseling.pk, "consent": False}
    )
    assert refused.status_code == 400
    assert "agreed" in refused.json()["detail"]
    created = api.post(
        f"/support/requests/{talk.pk}/referrals", {"resource_id": counseling.pk, "consent": True}
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    changed = api.patch(f"/support/referrals/{pk}", {"outcome": "not_yet"})
    assert changed.json()["outcome"] == "not_yet"


@pytest.mark.parametrize("persona", ["coordinator", "office_admin", "outsider"])
def test_api_others_get_404_on_referrals(request, api_as, mentor, talk, counseling, persona):
    referral = refer(mentor, talk, counseling)
    api = api_as(request.getfixturevalue(persona))
    assert (
        api.patch(f"/support/referrals/{referral.pk}", {"outcome": "declined"}).status_code == 404
    )
    body = {"resource_id": counseling.pk, "consent": True}
    assert api.post(f"/support/requests/{talk.pk}/referrals", body).status_code == 404
    assert Referral.objects.count() == 1
