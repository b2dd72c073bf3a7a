"""A high-risk request closes only after a professional acknowledges it, by every path; only a
professional lowers risk; closing purges the call-back number."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from nearpeer.supportline.models import SupportRequest
from nearpeer.supportline.services import escalation, handling
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def high(submit_request, mentor):
    request = submit_request(
        self_harm_answer=True,
        danger_answer=False,
        channel="call_back",
        callback_phone="555 010 7788",
    ).request
    handling.request_accept(by=mentor, request=request)
    return request


def _status(request) -> str:
    return SupportRequest.objects.values_list("status", flat=True).get(pk=request.pk)


def test_mentor_cannot_close_an_unacknowledged_high_risk_request_from_the_page(
    high, mentor, sign_in
):
    response = sign_in(mentor).post(
        reverse("supportline:support_request_close", args=[high.pk]), follow=True
    )
    assert "a professional of the line must acknowledge it" in response.content.decode()
    assert _status(high) == "active"


def test_api_refuses_to_close_it_with_a_clear_reason(high, backup, sign_in):
    response = sign_in(backup).post(f"/api/v1/support/requests/{high.pk}/close")
    assert response.status_code == 400
    assert "must acknowledge it" in response.json()["detail"]
    assert _status(high) == "active"


def test_service_refuses_even_a_professional_until_acknowledged(high, backup):
    with pytest.raises(ValidationError) as caught:
        handling.request_close(by=backup, request=high)
    assert caught.value.code == "needs_acknowledgement"


def test_admin_change_form_cannot_close_it(high, sign_in):
    operator = UserFactory(is_staff=True, is_superuser=True)
    client = sign_in(operator)
    url = reverse("admin:supportline_supportrequest_change", args=[high.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "555 010 7788" not in page.content.decode()  # no content in the admin
    client.post(url, {"status": "closed", "risk": "low", "_save": "Save"})
    high.refresh_from_db()
    assert high.status == "active" and high.risk == "high"
    delete = reverse("admin:supportline_supportrequest_delete", args=[high.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert SupportRequest.objects.filter(pk=high.pk).exists()


def test_the_database_refuses_a_raw_close_of_an_unacknowledged_high_risk_request(high):
    with pytest.raises(IntegrityError), transaction.atomic():
        SupportRequest.objects.filter(pk=high.pk).update(status="closed")


def test_the_tick_never_closes_anything(high, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        escalation.tick()
    assert _status(high) == "active"


def test_only_a_professional_acknowledges_and_must_say_what_was_done(high, mentor, backup):
    with pytest.raises(PermissionDenied):
        handling.request_acknowledge(by=mentor, request=high, note="I talked with them")
    with pytest.raises(ValidationError) as caught:
        handling.request_acknowledge(by=backup, request=high, note="   ")
    assert caught.value.error_dict["note"][0].code == "required"
    high.refresh_from_db()
    assert high.acknowledged_at is None


def test_after_acknowledgement_the_mentor_closes_and_the_number_is_purged(
    high, mentor, backup, sign_in
):
    ack = sign_in(backup).post(
        reverse("supportline:support_request_acknowledge", args=[high.pk]),
        {"note": "Called them, safe with a friend tonight, referred to counseling."},
    )
    assert ack.status_code == 302
    sign_in(mentor).post(
        reverse("supportline:support_request_close", args=[high.pk]), {"confirm": "yes"}
    )
    high.refresh_from_db()
    assert high.status == "closed" and high.closed_by == mentor
    assert high.callback_phone == ""
    assert high.acknowledgement.startswith("Called them")


def test_lowering_risk_does_not_skip_the_acknowledgement(high, backup):
    handling.request_risk_lower(by=backup, request=high, risk="elevated", reason="Safety plan made")
    with pytest.raises(ValidationError):
        handling.request_close(by=backup, request=high)


def test_only_a_professional_lowers_risk(high, mentor, backup, sign_in):
    response = sign_in(mentor).post(
        f"/api/v1/support/requests/{high.pk}/risk",
        {"risk": "low", "reason": "seems fine"},
        content_type="application/json",
    )
    assert response.status_code == 403
    high.refresh_from_db()
    assert high.risk == "high"
    response = sign_in(backup).post(
        f"/api/v1/support/requests/{high.pk}/risk",
        {"risk": "elevated", "reason": "Spoke with them; safety plan in place"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["risk"] == "elevated"
    assert high.risk_changes.last().by == backup


def test_lowering_needs_a_reason(high, backup):
    with pytest.raises(ValidationError):
        handling.request_risk_lower(by=backup, request=high, risk="low", reason="")


def test_mentor_raises_risk_with_a_reason_and_the_backup_is_told(
    submit_request, mentor, backup, django_capture_on_commit_callbacks
):
    request = submit_request(self_harm_answer=False, danger_answer=False).request
    with django_capture_on_commit_callbacks(execute=True):
        handling.request_risk_raise(
            by=mentor, request=request, risk="high", reason="Mentioned a plan on the phone"
        )
    request.refresh_from_db()
    assert request.risk == "high"
    assert request.notifications.filter(user=backup, kind="high_risk").exists()


def test_a_calm_message_never_lowers_risk(high, mentor):
    handling.message_send(request=high, body="thanks, feeling a bit better", as_requester=True)
    high.refresh_from_db()
    assert high.risk == "high"


def test_low_risk_request_closes_without_acknowledgement(submit_request, mentor):
    request = submit_request(
        self_harm_answer=False,
        danger_answer=False,
        channel="call_back",
        callback_phone="5550101234",
    ).request
    handling.request_accept(by=mentor, request=request)
    handling.request_close(by=mentor, request=request)
    request.refresh_from_db()
    assert request.status == "closed" and request.callback_phone == ""
