"""The mentor's and the backup's journeys through one request: passing it on tells the truth,
closing asks first and only after acceptance, the backup sees why risk was raised and who wrote
what, and the record, referrals and conversation link to each other."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from nearpeer.supportline.models import Notification, SupportRequest
from nearpeer.supportline.services import escalation, handling
from tests.supportline.conftest import make_mentor, put_on_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def low(submit_request):
    return submit_request(self_harm_answer=False, danger_answer=False, message="Exams").request


# --- Pass it on ------------------------------------------------------------------------------


def test_passing_on_with_nobody_else_on_call_says_so(low, mentor, backup, sign_in):
    page = sign_in(mentor).post(
        reverse("supportline:support_request_pass", args=[low.pk]),
        {"reason": "knows_requester"},
        follow=True,
    )
    html = page.content.decode()
    assert "passed on to another mentor" not in html
    assert "Nobody else is on call right now" in html
    low.refresh_from_db()
    assert low.status == "waiting" and low.mentor is None
    assert Notification.objects.filter(request=low, user=backup, kind="unaccepted").exists()


def test_passing_on_to_another_mentor_on_call_says_that(
    low, mentor, backup, line, program, sign_in
):
    second = make_mentor(line, program, email="sam.second@ridgeview.example")
    put_on_call(line, second, backup)
    page = sign_in(mentor).post(
        reverse("supportline:support_request_pass", args=[low.pk]), follow=True
    )
    assert "passed on to another mentor on call" in page.content.decode()


def test_a_high_risk_request_passed_on_to_nobody_still_escalates(
    submit_request, mentor, backup, professional, django_capture_on_commit_callbacks
):
    high = submit_request(self_harm_answer=True, danger_answer=False).request
    with django_capture_on_commit_callbacks(execute=True):
        handling.request_pass(by=mentor, request=high)
    later = high.created_at + datetime.timedelta(minutes=11)

    with django_capture_on_commit_callbacks(execute=True):
        escalation.tick(at=later)

    assert Notification.objects.filter(request=high, kind="escalation", user=professional).exists()
    assert "keeps escalating" in handling.pass_outcome_text(SupportRequest.objects.get(pk=high.pk))


# --- Closing -----------------------------------------------------------------------------------


def test_close_is_not_offered_before_the_mentor_accepts(low, mentor, sign_in):
    html = (
        sign_in(mentor).get(reverse("supportline:support_request", args=[low.pk])).content.decode()
    )
    assert reverse("supportline:support_request_close", args=[low.pk]) not in html


def test_the_mentor_cannot_close_before_accepting(low, mentor):
    with pytest.raises(ValidationError) as caught:
        handling.request_close(by=mentor, request=low)
    assert caught.value.code == "not_accepted"


def test_closing_asks_first_and_only_a_confirmed_post_closes(low, mentor, sign_in):
    handling.request_accept(by=mentor, request=low)
    client = sign_in(mentor)
    url = reverse("supportline:support_request_close", args=[low.pk])
    assert url in client.get(reverse("supportline:support_request", args=[low.pk])).content.decode()

    question = client.get(url).content.decode()
    assert "Close this conversation?" in question
    assert "The person can't write here after." in question

    client.post(url)  # a bare post (an old page, a stray click) only asks
    assert SupportRequest.objects.get(pk=low.pk).status == "active"
    client.post(url, {"confirm": "yes"})
    assert SupportRequest.objects.get(pk=low.pk).status == "closed"


# --- What the backup sees ----------------------------------------------------------------------


def test_the_backup_sees_why_the_mentor_raised_the_risk(low, mentor, backup, sign_in):
    handling.request_accept(by=mentor, request=low)
    handling.request_risk_raise(
        by=mentor, request=low, risk="high", reason="Mentioned a plan and a date"
    )
    html = (
        sign_in(backup).get(reverse("supportline:support_request", args=[low.pk])).content.decode()
    )
    assert "Risk history" in html
    assert "Mentioned a plan and a date" in html
    assert "Mia Mentor" in html


def test_messages_are_labelled_from_the_viewers_point_of_view(
    submit_request, trainee, mentor, backup, sign_in
):
    named = submit_request(requester=trainee, anonymous=False, message="hi").request
    handling.request_accept(by=mentor, request=named)
    handling.message_send(request=named, body="I'm here with you.", by=mentor, as_requester=False)

    as_backup = (
        sign_in(backup)
        .get(reverse("supportline:support_request", args=[named.pk]))
        .content.decode()
    )
    as_requester = sign_in(trainee).get(reverse("supportline:support_request", args=[named.pk]))

    assert "Peer mentor (Mia Mentor)" in as_backup
    assert "Your peer mentor" not in as_backup
    assert "Your peer mentor" in as_requester.content.decode()


# --- Record, referrals and conversation, one click apart ----------------------------------------


@pytest.mark.parametrize("who", ["mentor", "backup"])
def test_record_and_conversation_link_to_each_other(who, low, mentor, backup, sign_in):
    handling.request_accept(by=mentor, request=low)
    client = sign_in({"mentor": mentor, "backup": backup}[who])
    record_url = reverse("supportline:support_records_contact", args=[low.pk])
    conversation_url = reverse("supportline:support_request", args=[low.pk])

    assert record_url in client.get(conversation_url).content.decode()
    assert conversation_url in client.get(record_url).content.decode()


# --- The board and crisis help on a phone ------------------------------------------------------


def test_board_cells_carry_their_column_names_for_the_phone_layout(submit_request, backup, sign_in):
    submit_request(self_harm_answer=True, danger_answer=False)
    html = sign_in(backup).get(reverse("supportline:support_board")).content.decode()
    assert 'data-label="Acknowledgement"' in html


def test_after_an_ordinary_request_crisis_help_is_linked_near_the_top(
    submit_request, trainee, sign_in
):
    named = submit_request(
        requester=trainee,
        anonymous=False,
        message="Exams",
        self_harm_answer=False,
        danger_answer=False,
    ).request
    html = (
        sign_in(trainee)
        .get(reverse("supportline:support_request", args=[named.pk]))
        .content.decode()
    )
    assert html.index('id="crisis-line"') < html.index('id="conversation"')
    assert 'href="#crisis-heading-bottom"' in html and 'id="crisis-heading-bottom"' in html


def test_a_high_risk_request_still_shows_the_crisis_panel_first(submit_request, trainee, sign_in):
    named = submit_request(requester=trainee, anonymous=False, self_harm_answer=True).request
    html = (
        sign_in(trainee)
        .get(reverse("supportline:support_request", args=[named.pk]))
        .content.decode()
    )
    assert html.index("crisis-box") < html.index("<h1>Your conversation")
