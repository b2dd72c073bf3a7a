"""Reaching out is safe to send twice, and a named requester finds their conversations again."""

import re

import pytest
from django.urls import reverse

from nearpeer.supportline.models import Notification, SupportRequest
from nearpeer.tenancy.models import Role
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HIGH_RISK = {"self_harm": "yes", "danger": "no", "channel": "in_app", "message": "I can't go on"}
LOW_RISK = {"self_harm": "no", "danger": "no", "channel": "in_app", "message": "Exams"}


@pytest.fixture
def other_trainee(program):
    person = UserFactory(email="otto.other@ridgeview.example", full_name="Otto Other")
    MembershipFactory(user=person, program=program, role=Role.TRAINEE)
    return person


def _key(client, url) -> str:
    html = client.get(url).content.decode()
    return re.search(r'name="submission_key" value="([^"]+)"', html).group(1)


def _send(client, url, data, capture):
    with capture(execute=True):
        return client.post(url, data, follow=True)


def test_reloading_the_confirmation_page_sends_nothing_again(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    # given a trainee who reached out anonymously with a high-risk answer
    client = sign_in(trainee)
    url = reverse("supportline:support_talk")
    data = HIGH_RISK | {"anonymous": "on", "submission_key": _key(client, url)}
    first = _send(client, url, data, django_capture_on_commit_callbacks)
    confirmation = first.redirect_chain[-1][0]
    alerts = Notification.objects.filter(kind=Notification.Kind.HIGH_RISK).count()

    # when they reload the confirmation page
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(confirmation)

    # then it shows the same conversation and nothing new was made
    assert again.status_code == 200
    assert "Your conversation" in again.content.decode()
    assert SupportRequest.objects.count() == 1
    assert Notification.objects.filter(kind=Notification.Kind.HIGH_RISK).count() == alerts


def test_the_same_talk_form_sent_twice_makes_one_request_and_one_alert(
    sign_in, trainee, shift, mentor, backup, django_capture_on_commit_callbacks, mailoutbox
):
    client = sign_in(trainee)
    url = reverse("supportline:support_talk")
    data = HIGH_RISK | {"anonymous": "on", "submission_key": _key(client, url)}

    first = _send(client, url, data, django_capture_on_commit_callbacks)
    second = _send(client, url, data, django_capture_on_commit_callbacks)

    assert SupportRequest.objects.count() == 1
    alerts = Notification.objects.filter(kind=Notification.Kind.HIGH_RISK)
    assert sorted(alerts.values_list("user_id", flat=True)) == sorted([mentor.pk, backup.pk])
    assert len([m for m in mailoutbox if "Urgent" in m.subject]) == 2  # one each, not four
    assert first.redirect_chain[-1][0] == second.redirect_chain[-1][0]
    # the code is shown once, on the first confirmation only
    assert 'id="return-code"' in first.content.decode()
    assert 'id="return-code"' not in second.content.decode()


def test_a_named_request_sent_twice_opens_the_same_conversation(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    client = sign_in(trainee)
    url = reverse("supportline:support_talk")
    data = LOW_RISK | {"submission_key": _key(client, url)}  # "Stay anonymous" unticked

    first = _send(client, url, data, django_capture_on_commit_callbacks)
    second = _send(client, url, data, django_capture_on_commit_callbacks)

    request = SupportRequest.objects.get()
    assert request.requester == trainee
    expected = reverse("supportline:support_request", args=[request.pk]) + "?sent=1"
    assert first.redirect_chain[-1][0] == second.redirect_chain[-1][0] == expected
    assert "Thank you for reaching out" in second.content.decode()


def test_each_fresh_talk_form_is_a_new_request(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    client = sign_in(trainee)
    url = reverse("supportline:support_talk")
    for _ in range(2):
        data = LOW_RISK | {"submission_key": _key(client, url)}
        _send(client, url, data, django_capture_on_commit_callbacks)
    assert SupportRequest.objects.count() == 2


def test_someone_elses_form_key_creates_nothing_for_me(
    sign_in, client, trainee, other_trainee, shift, django_capture_on_commit_callbacks
):
    url = reverse("supportline:support_talk")
    key = _key(sign_in(trainee), url)
    _send(client, url, LOW_RISK | {"submission_key": key}, django_capture_on_commit_callbacks)
    client.logout()

    page = _send(
        sign_in(other_trainee),
        url,
        LOW_RISK | {"submission_key": key},
        django_capture_on_commit_callbacks,
    )

    assert SupportRequest.objects.count() == 1
    assert "This form was already used" in page.content.decode()


# --- My conversations ------------------------------------------------------------------------


def test_a_named_requester_finds_their_conversations_newest_first(sign_in, trainee, submit_request):
    older = submit_request(trainee, anonymous=False, message="first").request
    newer = submit_request(trainee, anonymous=False, message="second").request
    submit_request(trainee, anonymous=True, message="hidden")  # anonymous: never listed

    html = sign_in(trainee).get(reverse("supportline:support_mine")).content.decode()

    links = re.findall(r'href="/support/requests/(\d+)/"', html)
    assert links == [str(newer.pk), str(older.pk)]
    assert "Waiting for a peer mentor to join" in html


def test_my_conversations_shows_only_my_own(sign_in, trainee, other_trainee, submit_request):
    submit_request(trainee, anonymous=False)
    html = sign_in(other_trainee).get(reverse("supportline:support_mine")).content.decode()
    assert "/support/requests/" not in html
    assert "haven't started a conversation" in html


def test_talk_to_a_peer_links_to_the_open_conversation(sign_in, trainee, submit_request):
    request = submit_request(trainee, anonymous=False).request
    html = sign_in(trainee).get(reverse("supportline:support_talk")).content.decode()
    assert reverse("supportline:support_request", args=[request.pk]) in html
    assert reverse("supportline:support_mine") in html


def test_home_links_a_requester_to_my_conversations(sign_in, trainee, submit_request):
    submit_request(trainee, anonymous=False)
    html = sign_in(trainee).get(reverse("home")).content.decode()
    assert reverse("supportline:support_mine") in html
