"""The record forms that create something are safe to send twice: one referral, one resource,
one contact record."""

import pytest
from django.urls import reverse

from nearpeer.supportline.models import Contact, Referral, Resource
from tests.supportline.fixtures_records import *  # noqa: F403
from tests.supportline.once import send_twice

pytestmark = pytest.mark.django_db


def test_the_referral_form_sent_twice_records_one_referral(sign_in, mentor, talk, counseling):
    data = {"resource": counseling.pk, "consent": "on", "follow_up_on": "2099-01-01"}
    page = reverse("supportline:support_records_contact", args=[talk.pk])
    post = reverse("supportline:support_records_referral_create", args=[talk.pk])
    first, second = send_twice(sign_in(mentor), page, data, post_url=post)
    assert first.status_code == second.status_code == 302
    assert Referral.objects.count() == 1


def test_the_resource_form_sent_twice_adds_one_service(sign_in, office_admin, ridgeview):
    data = {
        "institution": ridgeview.pk,
        "kind": "ipv_advocate",
        "name": "Safe Harbor advocates",
        "phone": "(555) 555-0160",
    }
    url = reverse("supportline:support_records_resource_create")
    first, second = send_twice(sign_in(office_admin), url, data)
    assert first.status_code == second.status_code == 302
    assert Resource.objects.filter(name="Safe Harbor advocates").count() == 1


def test_the_contact_form_sent_twice_keeps_one_record(sign_in, mentor, talk):
    data = {"topics": ["academic_stress"], "minutes": 20, "outcome": "supported"}
    url = reverse("supportline:support_records_contact", args=[talk.pk])
    client = sign_in(mentor)
    client.post(url, data)
    client.post(url, data)
    assert Contact.objects.filter(request=talk).count() == 1
