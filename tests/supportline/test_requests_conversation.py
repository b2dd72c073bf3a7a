"""The conversation (htmx, no inline script), reads logged, the call-back number, and queues ordered
by risk then waiting time."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nearpeer.audit.models import AccessLog
from nearpeer.supportline.models import Message, SupportRequest
from nearpeer.supportline.services import handling

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def named(submit_request, trainee, mentor):
    request = submit_request(
        requester=trainee,
        anonymous=False,
        self_harm_answer=False,
        danger_answer=False,
        message="Finals are crushing me",
        channel="call_back",
        callback_phone="555 010 4242",
    ).request
    return request


def test_mentor_and_requester_exchange_messages_without_reload(named, trainee, mentor, sign_in):
    from django.test import Client

    mentor_client = sign_in(mentor, Client())
    requester_client = sign_in(trainee, Client())
    handling.request_accept(by=mentor, request=named)
    messages_url = reverse("supportline:support_request_messages", args=[named.pk])

    # the requester's page polls every 5 seconds and posts with htmx, with no inline script
    page = requester_client.get(
        reverse("supportline:support_request", args=[named.pk])
    ).content.decode()
    assert f'hx-get="{messages_url}?after=0" hx-trigger="every 5s"' in page
    assert f'hx-post="{messages_url}"' in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)

    # when the mentor writes
    sent = mentor_client.post(messages_url, {"body": "I'm here. Want to talk it through?"}, **HTMX)
    assert sent.status_code == 200
    assert "I&#x27;m here." in sent.content.decode()

    # then the requester's next poll brings just that message, appended to the list
    poll = requester_client.get(messages_url + "?after=0", **HTMX).content.decode()
    assert 'hx-swap-oob="beforeend:#message-list"' in poll
    assert "Your peer mentor" in poll and "I&#x27;m here." in poll
    last = Message.objects.get().pk
    assert (
        "I&#x27;m here."
        not in requester_client.get(f"{messages_url}?after={last}", **HTMX).content.decode()
    )


def test_messages_are_encrypted_in_the_database(named):
    handling.message_send(
        request=named, body="the words I wrote", as_requester=True, by=named.requester
    )
    with connection.cursor() as cursor:
        cursor.execute("select body from supportline_message")
        (raw,) = cursor.fetchone()
    assert "words" not in raw


def test_mentor_must_accept_before_writing(named, mentor, sign_in):
    response = sign_in(mentor).post(
        f"/api/v1/support/requests/{named.pk}/messages",
        {"body": "hello"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert Message.objects.count() == 0


def test_staff_reads_are_logged_but_an_empty_poll_is_not(named, mentor, sign_in):
    client = sign_in(mentor)
    client.get(reverse("supportline:support_request", args=[named.pk]))
    logged = AccessLog.objects.filter(record_type="support_request_messages").count()
    assert logged == 1
    client.get(
        reverse("supportline:support_request_messages", args=[named.pk]) + "?after=999", **HTMX
    )
    assert AccessLog.objects.filter(record_type="support_request_messages").count() == 1
    client.get(f"/api/v1/support/requests/{named.pk}/messages")
    assert AccessLog.objects.filter(record_type="support_request_messages").count() == 2


def test_call_back_number_is_shown_to_the_mentor_only_once_accepted_and_every_read_is_logged(
    named, mentor, sign_in
):
    client = sign_in(mentor)
    url = reverse("supportline:support_request_phone", args=[named.pk])
    assert "555 010 4242" not in client.post(url, **HTMX).content.decode()
    handling.request_accept(by=mentor, request=named)
    assert "555 010 4242" in client.post(url, **HTMX).content.decode()
    assert AccessLog.objects.filter(summary="call-back number read", actor=mentor).count() == 1
    page = client.get(reverse("supportline:support_request", args=[named.pk])).content.decode()
    assert "555 010 4242" not in page  # only through the logged button
    handling.request_close(by=mentor, request=named)
    assert "555 010 4242" not in client.post(url, **HTMX).content.decode()


def test_requester_cannot_write_after_the_conversation_ends(named, trainee, mentor, sign_in):
    handling.request_accept(by=mentor, request=named)
    handling.request_close(by=mentor, request=named)
    response = sign_in(trainee).post(
        f"/api/v1/support/requests/{named.pk}/messages",
        {"body": "one more thing"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "already ended" in response.json()["detail"]


def test_empty_message_is_refused_with_a_clear_error(named, trainee, sign_in):
    response = sign_in(trainee).post(
        reverse("supportline:support_request_messages", args=[named.pk]), {"body": "  "}, **HTMX
    )
    assert "This field is required" in response.content.decode()
    assert Message.objects.count() == 0


# --- Queues ordered by risk, then waiting time ----------------------------------------------


@pytest.fixture
def mixed(submit_request):
    """Five requests: arrival order differs from urgency order."""
    now = timezone.now()
    made = {}
    for name, risk, minutes_ago in [
        ("low_old", "low", 50),
        ("high_new", "high", 1),
        ("elevated_old", "elevated", 40),
        ("high_old", "high", 20),
        ("low_new", "low", 2),
    ]:
        request = submit_request(self_harm_answer=False, danger_answer=False).request
        SupportRequest.objects.filter(pk=request.pk).update(
            risk=risk,
            needs_human_review=True,
            created_at=now - datetime.timedelta(minutes=minutes_ago),
        )
        made[name] = request.pk
    return made


EXPECTED = ["high_old", "high_new", "elevated_old", "low_old", "low_new"]


def test_mentor_queue_is_ordered_by_risk_then_waiting_time(mixed, mentor, sign_in):
    client = sign_in(mentor)
    ids = [row["id"] for row in client.get("/api/v1/support/queue").json()]
    assert ids == [mixed[name] for name in EXPECTED]
    page = client.get(reverse("supportline:support_queue")).content.decode()
    shown = [int(i) for i in re.findall(r">Request (\d+)</a>", page)]
    assert shown == [mixed[name] for name in EXPECTED]


def test_board_is_ordered_by_risk_then_waiting_time_and_polls_every_15_seconds(
    mixed, backup, sign_in
):
    client = sign_in(backup)
    ids = [row["id"] for row in client.get("/api/v1/support/board").json()]
    assert ids == [mixed[name] for name in EXPECTED]
    page = client.get(reverse("supportline:support_board")).content.decode()
    assert 'hx-trigger="every 15s"' in page
    rows = client.get(reverse("supportline:support_board"), **HTMX).content.decode()
    assert "<html" not in rows
    assert [int(i) for i in re.findall(r">Request (\d+)</a>", rows)] == [
        mixed[name] for name in EXPECTED
    ]


def test_board_query_count_does_not_grow_with_requests(
    submit_request, backup, sign_in, django_assert_max_num_queries
):
    client = sign_in(backup)
    for _ in range(3):
        submit_request(self_harm_answer=True, danger_answer=False)
    with django_assert_max_num_queries(25) as few:
        client.get(reverse("supportline:support_board"), **HTMX)
    for _ in range(6):
        submit_request(self_harm_answer=True, danger_answer=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("supportline:support_board"), **HTMX)
