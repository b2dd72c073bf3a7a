""" "I'd rather not say", later messages read with earlier words, and the reasons people see.

Personas: Tara the trainee reaches out; Mia the mentor and Wes the wellness advisor (the shift's
professional backup) read the request; a visitor without an account uses the public entry.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from nearpeer.supportline.models import Notification, RiskChange, SupportRequest
from nearpeer.supportline.services import handling, intake

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
SELF_HARM_REASON = (
    "chose not to answer the question about thoughts of self-harm: please check in gently"
)
DANGER_REASON = "chose not to answer the question about being in danger: please check in gently"
GENTLE = "Help is here whenever you need it"
URGENT = "help is here right now"


def _reach_out(client, url, fields, capture):
    data = {"self_harm": "no", "danger": "no", "channel": "in_app", "anonymous": "on"} | fields
    with capture(execute=True):
        return client.post(url, data, follow=True)


def _crisis_first(html: str) -> str:
    """The crisis box, which must come before anything else of the page, with tappable numbers."""
    box = html.index('class="crisis-box')
    assert box < html.index("<h1") and box < html.find('class="card sent-card"') % len(html)
    section = html[box : html.index("</section>", box)]
    assert 'href="tel:988"' in section and 'href="sms:988"' in section
    assert 'href="tel:911"' in section
    return section


def _send(client, url, body, capture):
    with capture(execute=True):
        return client.post(url, {"body": body, "after": "0"}, **HTMX)


# --- "I'd rather not say" ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "reason"),
    [
        ({"self_harm_answer": None, "danger_answer": False}, SELF_HARM_REASON),
        ({"self_harm_answer": False, "danger_answer": None}, DANGER_REASON),
    ],
    ids=["self-harm", "danger"],
)
def test_rather_not_say_makes_the_request_elevated_for_a_person_to_check(
    answers, reason, submit_request, trainee
):
    # requires the engine's rule (issue 9): an unanswered safety question is at least elevated
    submitted = submit_request(requester=trainee, message="exams this week", **answers)
    request = SupportRequest.objects.get(pk=submitted.request.pk)
    assert request.risk == "elevated"
    assert request.needs_human_review
    from nearpeer.supportline.rules.reasons import plain_reason

    assert reason in [plain_reason(r) for r in request.risk_reasons]


def test_rather_not_say_on_the_form_puts_gentle_help_first_and_tells_the_mentor_why(
    sign_in, trainee, mentor, shift, django_capture_on_commit_callbacks
):
    # when Tara chooses "I'd rather not say" on the self-harm question
    html = _reach_out(
        sign_in(trainee, Client()),
        reverse("supportline:support_talk"),
        {"self_harm": "prefer_not", "message": "a rough week"},
        django_capture_on_commit_callbacks,
    ).content.decode()

    # then help comes first on her very next page, kindly worded
    section = _crisis_first(html)
    assert GENTLE in section and URGENT not in html
    # and Mia sees the plain reason, with no engine wording
    request = SupportRequest.objects.get()
    page = sign_in(mentor, Client()).get(reverse("supportline:support_request", args=[request.pk]))
    body = page.content.decode()
    assert SELF_HARM_REASON in body
    assert "a person should" not in body and "negated" not in body


def test_rather_not_say_from_the_public_entry_shows_help_first_beside_the_return_code(
    client, line, shift, django_capture_on_commit_callbacks
):
    url = reverse("supportline:support_talk_public", args=[line.pk])
    html = _reach_out(
        client, url, {"danger": "prefer_not"}, django_capture_on_commit_callbacks
    ).content.decode()
    assert GENTLE in _crisis_first(html)
    assert 'id="return-code"' in html


def test_a_low_risk_request_keeps_the_quiet_line_and_resources_at_the_bottom(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    html = _reach_out(
        sign_in(trainee),
        reverse("supportline:support_talk"),
        {"message": "exams are stressing me out"},
        django_capture_on_commit_callbacks,
    ).content.decode()
    assert GENTLE not in html and URGENT not in html
    assert html.index('id="crisis-line"') > html.index("<h1")


# --- Later messages ----------------------------------------------------------------------------


@pytest.fixture
def lonely(client, line, shift, django_capture_on_commit_callbacks):
    """An anonymous visitor's low-risk request; returns (client, messages url, request)."""
    url = reverse("supportline:support_talk_public", args=[line.pk])
    fields = {"message": "I'd like to talk about my week"}
    sent = _reach_out(client, url, fields, django_capture_on_commit_callbacks).content.decode()
    messages_url = re.search(r'hx-post="(/support/r/[^"]+/messages/)"', sent).group(1)
    request = SupportRequest.objects.get()
    assert request.risk == "low"
    return client, messages_url, request


def test_a_follow_up_read_with_the_first_message_raises_risk_and_alerts_the_backup(
    lonely, mentor, backup, django_capture_on_commit_callbacks, mailoutbox
):
    client, url, request = lonely
    _send(client, url, "honestly nobody would notice", django_capture_on_commit_callbacks)
    # when the follow-up only means something beside the message before it
    response = _send(client, url, "if i disappeared", django_capture_on_commit_callbacks)

    # then the risk rises to high, with the reason recorded
    request.refresh_from_db()
    assert request.risk == "high" and request.needs_human_review
    change = RiskChange.objects.filter(request=request).last()
    assert change.to_risk == "high"
    assert change.reason.startswith("a later message, read with their earlier words")
    # and help shows at once in the conversation, and the mentor and the backup are told
    assert URGENT in response.content.decode()
    assert 'id="crisis-slot" hx-swap-oob="true"' in response.content.decode()
    told = set(
        Notification.objects.filter(request=request, kind="high_risk").values_list(
            "user_id", flat=True
        )
    )
    assert told == {mentor.pk, backup.pk}
    assert backup.email in [a for m in mailoutbox for a in m.to]


def test_the_issues_example_follow_up_raises_risk(lonely, django_capture_on_commit_callbacks):
    client, url, request = lonely
    request.opening_message = "I don't see the point of waking up"
    request.save(update_fields=["opening_message"])
    _send(client, url, "nothing is worth it anymore", django_capture_on_commit_callbacks)
    request.refresh_from_db()
    assert request.risk != "low"


def test_a_later_elevated_message_marks_it_for_a_check_and_tells_the_mentor(
    lonely, mentor, django_capture_on_commit_callbacks, mailoutbox
):
    client, url, request = lonely
    response = _send(client, url, "I feel so hopeless", django_capture_on_commit_callbacks)
    request.refresh_from_db()
    assert request.risk == "elevated" and request.needs_human_review
    assert GENTLE in response.content.decode()
    assert Notification.objects.filter(request=request, user=mentor, kind="risk_raised").exists()
    assert any("check in" in m.subject.lower() for m in mailoutbox if mentor.email in m.to)


def test_earlier_words_a_professional_weighed_do_not_raise_risk_again(
    submit_request, trainee, backup, django_capture_on_commit_callbacks
):
    request = submit_request(
        requester=trainee,
        anonymous=False,
        self_harm_answer=False,
        danger_answer=False,
        message="I feel hopeless",
    ).request
    assert request.risk == "elevated"
    handling.request_risk_lower(by=backup, request=request, risk="low", reason="Talked: feels OK")
    with django_capture_on_commit_callbacks(execute=True):
        handling.message_send(
            request=request, body="thanks, see you", by=trainee, as_requester=True
        )
    request.refresh_from_db()
    assert request.risk == "low"


def test_a_message_alone_still_raises_risk_whatever_came_before(submit_request, trainee):
    request = submit_request(
        requester=trainee,
        anonymous=False,
        self_harm_answer=False,
        danger_answer=False,
        message="I'm not suicidal, just tired",
    ).request
    handling.message_send(
        request=request, body="I want to kill myself", by=trainee, as_requester=True
    )
    request.refresh_from_db()
    assert request.risk == "high"


# --- What mentors and the backup see -----------------------------------------------------------


def test_mentor_and_backup_see_each_reason_in_plain_words_with_local_times(
    lonely, mentor, backup, sign_in, django_capture_on_commit_callbacks
):
    client, url, request = lonely
    _send(client, url, "I feel so hopeless", django_capture_on_commit_callbacks)
    for person in (mentor, backup):
        page = sign_in(person, Client()).get(
            reverse("supportline:support_request", args=[request.pk])
        )
        body = page.content.decode()
        assert "A later message, read with their earlier words: expresses hopelessness" in body
        assert "When they reached out: nothing of concern found" in body
        assert re.search(r"\d{2}:\d{2} E[DS]T", body)  # Ridgeview's zone, New York
    board = sign_in(backup, Client()).get(reverse("supportline:support_board")).content.decode()
    assert "A later message, read with their earlier words: expresses hopelessness" in board
    assert re.search(r"\d{2}:\d{2} E[DS]T", board)


def test_the_board_reads_reasons_without_a_query_per_request(
    submit_request, backup, sign_in, django_assert_max_num_queries
):
    client = sign_in(backup)
    for _ in range(3):
        submit_request(message="I feel hopeless", self_harm_answer=False, danger_answer=False)
    client.get(reverse("supportline:support_board"))  # warm up the session and caches
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("supportline:support_board"))
    for _ in range(3):
        submit_request(message="I feel hopeless", self_harm_answer=False, danger_answer=False)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("supportline:support_board"))


# --- The API -----------------------------------------------------------------------------------


def test_api_rather_not_say_answers_elevated_with_crisis_resources(
    sign_in, trainee, shift, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(trainee).post(
            "/api/v1/support/requests",
            {"message": "a long week", "self_harm_answer": "prefer_not", "danger_answer": "no"},
            content_type="application/json",
        )
    body = response.json()
    assert response.status_code == 201
    assert body["risk"] == "elevated" and body["needs_human_review"]
    assert "988" in [r["phone"] for r in body["crisis_resources"]]


def test_api_message_answers_the_risk_and_resources_when_it_rises(
    sign_in, trainee, submit_request, django_capture_on_commit_callbacks
):
    request = submit_request(
        requester=trainee,
        anonymous=False,
        self_harm_answer=False,
        danger_answer=False,
        message="exams, mostly",
    ).request
    client = sign_in(trainee)
    url = f"/api/v1/support/requests/{request.pk}/messages"
    calm = client.post(url, {"body": "ok, see you then"}, content_type="application/json").json()
    assert calm["risk"] == "low" and calm["crisis_resources"] == []
    with django_capture_on_commit_callbacks(execute=True):
        rise = client.post(url, {"body": "I want to end my life"}, content_type="application/json")
    assert rise.status_code == 201
    assert rise.json()["risk"] == "high"
    assert "988" in [r["phone"] for r in rise.json()["crisis_resources"]]


def test_a_long_reason_is_cut_between_whole_reasons():
    reason = "; ".join(f"reason number {n} in plain words" for n in range(20))
    fitted = intake.fit_reason(reason)
    assert len(fitted) <= 300 and fitted.endswith("…")
    assert fitted[:-1].split("; ")[-1].startswith("reason number")
    assert fitted[:-1].split("; ")[-1].endswith("in plain words")
