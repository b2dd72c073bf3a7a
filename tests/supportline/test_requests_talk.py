"""Reaching out: the "Talk to a peer" page, the public entry, an empty line, anonymous return,
and what is stored (encrypted, hashed)."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nearpeer.supportline.models import RiskChange, Shift, SupportRequest
from nearpeer.supportline.services import intake
from tests.supportline.conftest import put_on_call

pytestmark = pytest.mark.django_db

LOW_RISK = {"self_harm": "no", "danger": "no", "channel": "in_app"}


def _post(client, url, data, capture):
    with capture(execute=True):
        return client.post(url, data, follow=True)  # post/redirect/get: the confirmation page


def test_trainee_sees_the_short_form_when_a_mentor_is_on_call(sign_in, trainee, shift):
    page = sign_in(trainee).get(reverse("supportline:support_talk"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Are you having thoughts of harming yourself or ending your life?" in html
    assert "Are you in danger from someone right now?" in html
    assert "Looking fine but struggling inside" in html  # topic chips
    anonymous_box = re.search(r'<input type="checkbox" name="anonymous"[^>]*>', html).group(0)
    assert "checked" in anonymous_box  # anonymous by default


def test_home_and_navigation_link_to_talk_to_a_peer(sign_in, trainee):
    html = sign_in(trainee).get(reverse("home")).content.decode()
    assert html.count(reverse("supportline:support_talk")) >= 2  # the nav link and the trainee card


def test_low_risk_request_is_routed_to_the_on_call_mentor(
    sign_in, trainee, shift, mentor, django_capture_on_commit_callbacks, mailoutbox
):
    client = sign_in(trainee)
    data = LOW_RISK | {
        "message": "Could we talk about planning my study schedule?",
        "topics": ["academic_stress"],
        "anonymous": "on",
    }
    response = _post(
        client, reverse("supportline:support_talk"), data, django_capture_on_commit_callbacks
    )
    assert response.status_code == 200
    request = SupportRequest.objects.get()
    assert request.status == SupportRequest.Status.OFFERED
    assert request.mentor == mentor
    assert request.risk == "low"
    assert request.anonymous and request.requester is None
    assert RiskChange.objects.filter(request=request, to_risk="low").count() == 1
    assert [m.to for m in mailoutbox] == [[mentor.email]]
    assert "Exams are a lot" not in mailoutbox[0].body  # e-mail never carries content


def test_named_request_is_the_requesters_own(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    client = sign_in(trainee)
    data = LOW_RISK | {"message": "hi"}  # anonymous unticked: the checkbox is simply absent
    _post(client, reverse("supportline:support_talk"), data, django_capture_on_commit_callbacks)
    request = SupportRequest.objects.get()
    assert request.requester == trainee and not request.anonymous
    assert request.program_id is not None
    page = client.get(reverse("supportline:support_request", args=[request.pk]))
    assert page.status_code == 200
    assert "hi" in page.content.decode()


def test_nobody_on_call_page_says_so_before_anything_is_submitted(
    sign_in, trainee, line, mentor, backup, crisis_resource, counseling_resource
):
    start = timezone.now() + datetime.timedelta(hours=5)
    Shift.objects.create(
        line=line,
        mentor=mentor,
        backup=backup,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        status=Shift.Status.PUBLISHED,
    )
    page = sign_in(trainee).get(reverse("supportline:support_talk"))
    html = page.content.decode()
    assert "Nobody is on call right now" in html
    assert "the next mentor is on call from" in html
    assert "988" in html and "Ridgeview Campus Crisis Line" in html
    assert "Ridgeview Counseling Center" in html
    assert '<form method="post" class="stacked talk-form"' not in html


def test_a_request_posted_into_an_empty_line_is_refused_and_nothing_is_stored(
    sign_in, trainee, line
):
    response = sign_in(trainee).post(
        reverse("supportline:support_talk"), LOW_RISK | {"message": "hello"}
    )
    assert "Nobody is on call right now" in response.content.decode()
    assert SupportRequest.objects.count() == 0


def test_a_draft_or_untrained_shift_is_not_on_call(sign_in, trainee, line, program, backup):
    from tests.factories import MembershipFactory, UserFactory

    untrained = UserFactory()
    MembershipFactory(user=untrained, program=program, role="peer_mentor")
    put_on_call(line, untrained, backup)
    response = sign_in(trainee).get(reverse("supportline:support_talk"))
    assert "Nobody is on call right now" in response.content.decode()


def test_service_refuses_an_empty_line_with_the_next_shift_time(line, trainee):
    with pytest.raises(intake.NobodyOnCall) as caught:
        intake.request_create(line=line, requester=trainee, message="hi")
    assert caught.value.code == "nobody_on_call"
    assert SupportRequest.objects.count() == 0


def test_api_answers_409_with_next_shift_when_nobody_is_on_call(
    sign_in, trainee, line, mentor, backup
):
    start = timezone.now() + datetime.timedelta(hours=2)
    Shift.objects.create(
        line=line,
        mentor=mentor,
        backup=backup,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=4),
        status=Shift.Status.PUBLISHED,
    )
    response = sign_in(trainee).post(
        "/api/v1/support/requests", {"message": "hi"}, content_type="application/json"
    )
    assert response.status_code == 409
    body = response.json()
    assert "Nobody is on call" in body["detail"]
    assert body["next_shift_starts_at"].startswith(start.strftime("%Y-%m-%dT%H:%M"))
    assert body["crisis_resources"]
    assert SupportRequest.objects.count() == 0


def test_public_entry_lets_a_visitor_without_an_account_reach_out(
    client, line, shift, django_capture_on_commit_callbacks
):
    url = reverse("supportline:support_talk_public", args=[line.pk])
    assert "Are you in danger" in client.get(url).content.decode()
    response = _post(client, url, LOW_RISK | {"message": "hi"}, django_capture_on_commit_callbacks)
    request = SupportRequest.objects.get()
    assert request.anonymous and request.requester is None and request.program is None
    assert "Private link" in response.content.decode()


def test_public_entry_of_an_inactive_or_unknown_line_is_404(client, line):
    line.is_active = False
    line.save()
    assert client.get(reverse("supportline:support_talk_public", args=[line.pk])).status_code == 404
    assert client.get(reverse("supportline:support_talk_public", args=[99999])).status_code == 404


def _anonymous_submission(client, line, capture):
    url = reverse("supportline:support_talk_public", args=[line.pk])
    html = _post(client, url, LOW_RISK | {"message": "hi"}, capture).content.decode()
    link = re.search(r'href="(http://testserver/support/r/[^"]+/)"', html).group(1)
    code = re.search(r'id="return-code">([A-Z0-9-]+)<', html).group(1)
    return link.removeprefix("http://testserver"), code


def test_anonymous_requester_returns_with_link_and_code(
    client, line, shift, django_capture_on_commit_callbacks
):
    link, code = _anonymous_submission(client, line, django_capture_on_commit_callbacks)
    client.cookies.clear()  # a new browser: only the link and the code
    assert "Your code" in client.get(link).content.decode()
    response = client.post(link, {"code": code.lower().replace("-", " ")}, follow=True)
    assert "Your conversation" in response.content.decode()
    assert "hi" in response.content.decode()


def test_wrong_code_does_not_open_the_conversation_and_tries_are_limited(
    client, line, shift, django_capture_on_commit_callbacks
):
    link, code = _anonymous_submission(client, line, django_capture_on_commit_callbacks)
    client.cookies.clear()
    response = client.post(link, {"code": "WRONG-CODE"})
    assert "doesn&#x27;t match this link" in response.content.decode()
    assert "Your conversation" not in response.content.decode()
    assert client.get(link + "messages/").status_code == 404
    for _ in range(intake.CODE_TRIES):
        response = client.post(link, {"code": "WRONG-CODE"})
    # after too many tries even the right code waits, and the page says so kindly
    response = client.post(link, {"code": code})
    assert "resting for 15 minutes" in response.content.decode()
    assert "Your conversation" not in response.content.decode()


def test_only_hashes_of_the_link_and_code_are_stored(line, submit_request):
    submitted = submit_request(message="hi")
    request = submitted.request
    assert submitted.return_token not in request.return_token_hash
    assert submitted.return_code not in request.return_code_hash
    assert len(request.return_token_hash) == 64 and len(request.return_code_hash) == 64


def test_an_unknown_link_is_404(client):
    assert client.get("/support/r/not-a-real-token/").status_code == 404


def test_message_and_call_back_number_are_encrypted_in_the_database(submit_request):
    request = submit_request(
        message="my secret worry",
        channel="call_back",
        callback_phone="+1 (555) 010-4477",
    ).request
    with connection.cursor() as cursor:
        cursor.execute(
            "select opening_message, callback_phone from supportline_supportrequest where id = %s",
            [request.pk],
        )
        opening, phone = cursor.fetchone()
    assert "secret" not in opening and "4477" not in phone
    request.refresh_from_db()
    assert request.opening_message == "my secret worry"


def test_call_back_needs_a_number_and_the_form_says_so(sign_in, trainee, shift):
    data = LOW_RISK | {"channel": "call_back", "callback_phone": "call me"}
    response = sign_in(trainee).post(reverse("supportline:support_talk"), data)
    assert "Please give a phone number we can call" in response.content.decode()
    assert SupportRequest.objects.count() == 0


def test_unknown_topic_is_refused_by_the_api(sign_in, trainee, shift):
    response = sign_in(trainee).post(
        "/api/v1/support/requests", {"topics": ["astrology"]}, content_type="application/json"
    )
    assert response.status_code == 422
    assert SupportRequest.objects.count() == 0


def test_api_request_answers_with_risk_and_crisis_resources(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(trainee).post(
            "/api/v1/support/requests",
            {"message": "feeling lonely", "self_harm_answer": "no", "danger_answer": "no"},
            content_type="application/json",
        )
    assert response.status_code == 201
    body = response.json()
    assert body["risk"] == "low" and body["status"] == "offered"
    assert body["return_link"].startswith("http://testserver/support/r/")
    assert body["crisis_resources"][0]["phone"] == "988"
