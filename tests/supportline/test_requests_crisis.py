"""The crisis path: every way a request can signal risk to life shows crisis resources on the very
response, flags it high, and tells the mentor and the shift's professional backup at once."""

import re

import pytest
from django.urls import reverse

from nearpeer.supportline.models import Notification, SupportRequest

pytestmark = pytest.mark.django_db

HIGH_RISK_WAYS = {
    "checkbox yes (self-harm)": {"self_harm": "yes", "danger": "no"},
    "danger yes": {"self_harm": "no", "danger": "yes"},
    "direct phrase": {"message": "I want to kill myself"},
    "indirect phrase": {"message": "everyone would be better off without me"},
    "typo": {"message": "I feel so suicdal tonight"},
    "slang": {"message": "honestly just want to kms"},
    "topic chip": {"topics": ["suicidal_thoughts"]},
    "partner violence": {"message": "my boyfriend hits me when he drinks"},
}


def _reach_out(client, url, fields, capture):
    data = {"self_harm": "no", "danger": "no", "channel": "in_app", "anonymous": "on"} | fields
    with capture(execute=True):
        return client.post(url, data, follow=True)  # post/redirect/get: the confirmation page


def _assert_crisis_first(html: str) -> None:
    assert "help is here right now" in html
    box = html.index('class="crisis-box"')
    assert box < html.index("<h1")  # above anything else of the page
    for needed in ("988", "911", "555-0100", "555-0199", "Ridgeview Campus Crisis Line"):
        assert needed in html[box : html.index("</section>", box)], needed


@pytest.mark.parametrize("fields", HIGH_RISK_WAYS.values(), ids=HIGH_RISK_WAYS.keys())
def test_high_risk_request_shows_crisis_resources_at_once_and_alerts_the_backup(
    fields,
    sign_in,
    trainee,
    shift,
    mentor,
    backup,
    crisis_resource,
    django_capture_on_commit_callbacks,
    mailoutbox,
):
    # when a trainee reaches out in one of the ways that signal risk
    response = _reach_out(
        sign_in(trainee),
        reverse("supportline:support_talk"),
        fields,
        django_capture_on_commit_callbacks,
    )

    # then the very response shows crisis resources above everything else
    assert response.status_code == 200
    _assert_crisis_first(response.content.decode())
    # and the request is flagged, with the mentor and the backup told at once
    request = SupportRequest.objects.get()
    assert request.risk == "high" and request.needs_human_review
    assert request.escalated_at is not None
    told = set(
        Notification.objects.filter(request=request, kind="high_risk").values_list(
            "user_id", flat=True
        )
    )
    assert told == {mentor.pk, backup.pk}
    assert backup.email in [address for m in mailoutbox for address in m.to]
    assert all(n.sent_at for n in Notification.objects.filter(request=request))


def test_anonymous_visitor_in_crisis_sees_resources_on_the_public_entry_too(
    client, line, shift, backup, crisis_resource, django_capture_on_commit_callbacks, mailoutbox
):
    url = reverse("supportline:support_talk_public", args=[line.pk])
    response = _reach_out(client, url, {"self_harm": "yes"}, django_capture_on_commit_callbacks)
    _assert_crisis_first(response.content.decode())
    assert Notification.objects.filter(user=backup, kind="high_risk").exists()


def test_negated_phrase_is_elevated_and_put_in_front_of_a_person(
    sign_in, trainee, shift, backup, django_capture_on_commit_callbacks
):
    fields = {"message": "I'm not suicidal, just exhausted by exams"}
    response = _reach_out(
        sign_in(trainee),
        reverse("supportline:support_talk"),
        fields,
        django_capture_on_commit_callbacks,
    )
    request = SupportRequest.objects.get()
    assert request.risk == "elevated" and request.needs_human_review
    assert "call or text" in response.content.decode()  # a gentler pointer to 988
    board = sign_in(backup).get(reverse("supportline:support_board")).content.decode()
    assert f"Request {request.pk}" in board


def test_prefer_not_to_say_is_elevated_and_asks_a_person_to_check(submit_request):
    request = submit_request(self_harm_answer=None, danger_answer=False, message="rough week")
    request = request.request
    assert request.risk == "elevated" and request.needs_human_review
    assert any("chose not to answer" in r for r in request.risk_reasons)


def test_low_risk_request_shows_no_urgent_crisis_box(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    html = _reach_out(
        sign_in(trainee),
        reverse("supportline:support_talk"),
        {"message": "exams are stressing me out"},
        django_capture_on_commit_callbacks,
    ).content.decode()
    assert "help is here right now" not in html
    assert "If you need help right now" in html  # resources are still there, lower down


def test_api_high_risk_answer_carries_crisis_resources_and_alerts_the_backup(
    sign_in, trainee, shift, backup, crisis_resource, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(trainee).post(
            "/api/v1/support/requests",
            {"message": "I want to end my life", "self_harm_answer": "prefer_not"},
            content_type="application/json",
        )
    body = response.json()
    assert response.status_code == 201
    assert body["risk"] == "high"
    phones = [r["phone"] for r in body["crisis_resources"]]
    assert {"988", "911", "555-0100", "555-0199", "555-0111"} <= set(phones)
    assert Notification.objects.filter(user=backup, kind="high_risk").exists()


def test_a_later_message_that_signals_risk_raises_it_and_shows_resources(
    client, line, shift, backup, django_capture_on_commit_callbacks
):
    url = reverse("supportline:support_talk_public", args=[line.pk])
    sent = _reach_out(client, url, {"message": "just lonely"}, django_capture_on_commit_callbacks)
    request = SupportRequest.objects.get()
    assert request.risk == "low"
    messages_url = re.search(r'hx-post="(/support/r/[^"]+/messages/)"', sent.content.decode())

    # when the requester writes again, through the conversation's htmx form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            messages_url.group(1),
            {"body": "tbh i want to kill myself", "after": "0"},
            HTTP_HX_REQUEST="true",
        )

    # then the risk rises, resources appear for them, and the backup is told
    request.refresh_from_db()
    assert request.risk == "high"
    assert "help is here right now" in response.content.decode()
    assert Notification.objects.filter(user=backup, kind="high_risk").exists()
    assert request.risk_changes.last().reason.startswith("a later message")
