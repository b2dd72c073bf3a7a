"""Anonymous feedback: a one-time link, an answer saved with no person, invite or time, and figures
shown only where at least five people answered (and never ones that let you work out a hidden one)."""

import datetime

import pytest
from django.contrib import admin
from django.db import models
from django.test import Client
from django.utils import timezone

from nearpeer.meetings import feedback
from nearpeer.meetings.models import Feedback, FeedbackInvite
from nearpeer.meetings.rules.feedback_cells import hidden_figures
from tests.meetings.factories import SeriesFactory
from tests.meetings.support_attendance import Api, meeting_at


@pytest.fixture
def past(program, peers):
    """A session that ended yesterday, led by two peers."""
    start = timezone.now() - datetime.timedelta(days=1, hours=1)
    return meeting_at(program, start, facilitators=peers[:2])


def answers(meeting, scores, helped="", change=""):
    Feedback.objects.bulk_create(
        Feedback(meeting=meeting, helpfulness=s, what_helped=helped, what_to_change=change)
        for s in scores
    )


def invite(meeting, person) -> str:
    return feedback.feedback_invite_issue(meeting=meeting, user=person)


# --- The answer itself is anonymous -------------------------------------------------------------


def test_the_feedback_table_has_no_person_invite_or_time_column():
    fields = {f.name: f for f in Feedback._meta.get_fields()}
    assert set(fields) == {"id", "meeting", "helpfulness", "what_helped", "what_to_change"}
    related = {f.related_model for f in fields.values() if f.is_relation}
    assert related == {fields["meeting"].related_model}
    assert not any(isinstance(f, models.DateField | models.TimeField) for f in fields.values())


def test_no_admin_page_shows_single_answers():
    assert Feedback not in admin.site._registry
    assert FeedbackInvite not in admin.site._registry


def test_a_link_works_once_without_signing_in_and_saves_no_person(past, trainee):
    token = invite(past, trainee)
    client = Client()  # not signed in: the link is the key
    page = client.get(f"/sessions/feedback/{token}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<legend>How helpful was this session for you?</legend>" in html
    body = {"helpfulness": "4", "what_helped": "Quiet start.", "what_to_change": ""}
    done = client.post(f"/sessions/feedback/{token}/", body)
    assert done.status_code == 200 and "Thank you" in done.content.decode()
    saved = Feedback.objects.get()
    assert (saved.meeting_id, saved.helpfulness, saved.what_helped) == (past.pk, 4, "Quiet start.")
    assert FeedbackInvite.objects.get().used is True
    again = client.post(f"/sessions/feedback/{token}/", body)
    assert again.status_code == 410 and "already" in again.content.decode()
    assert Feedback.objects.count() == 1


def test_the_service_refuses_a_used_link_and_saves_nothing_more(past, trainee):
    token = invite(past, trainee)
    feedback.feedback_submit(token=token, helpfulness=5)
    with pytest.raises(Exception, match="already been used"):
        feedback.feedback_submit(token=token, helpfulness=1)
    assert list(Feedback.objects.values_list("helpfulness", flat=True)) == [5]


def test_an_unknown_link_is_404(db):
    assert Client().get("/sessions/feedback/not-a-real-token/").status_code == 404


def test_a_missing_answer_is_explained_and_the_link_still_works(past, trainee):
    token = invite(past, trainee)
    response = Client().post(f"/sessions/feedback/{token}/", {"what_helped": "x"})
    assert response.status_code == 400
    assert "Choose how helpful the session was" in response.content.decode()
    assert not Feedback.objects.exists()
    assert FeedbackInvite.objects.get().used is False


def test_a_link_expires_30_days_after_the_session(program, trainee):
    old = meeting_at(program, timezone.now() - datetime.timedelta(days=31))
    token = invite(old, trainee)
    response = Client().post(f"/sessions/feedback/{token}/", {"helpfulness": "3"})
    assert response.status_code == 410 and "expired" in response.content.decode()
    assert not Feedback.objects.exists()


def test_issuing_again_replaces_the_link_and_a_used_invite_gets_none(past, trainee):
    first = invite(past, trainee)
    second = invite(past, trainee)
    assert Client().get(f"/sessions/feedback/{first}/").status_code == 404
    feedback.feedback_submit(token=second, helpfulness=3)
    assert invite(past, trainee) is None


# --- Figures ------------------------------------------------------------------------------------


def summary(client, meeting):
    return client.get(f"/sessions/meetings/{meeting.pk}/feedback/").content.decode()


def test_four_answers_show_nothing_and_five_show_the_mean(sign_in, peers, past):
    client = sign_in(peers[0])
    answers(past, [5, 4, 4, 3], helped="The breathing exercise")
    html = summary(client, past)
    assert "Not shown: fewer than 5 responses" in html
    assert "out of 5" not in html and "breathing" not in html
    answers(past, [5])
    html = summary(client, past)
    assert "4.2 out of 5" in html
    assert "Not shown" not in html


def test_comments_appear_only_from_five_answers(sign_in, coordinator, past):
    client = sign_in(coordinator)
    answers(past, [4, 4, 4, 4], helped="Small groups", change="A quieter room")
    assert "Small groups" not in summary(client, past)
    answers(past, [2], helped="Tea")
    html = summary(client, past)
    assert html.count("Small groups") == 4 and "Tea" in html and "A quieter room" in html


def test_a_program_page_hides_a_session_that_would_give_away_a_hidden_one(
    sign_in, coordinator, program
):
    series = SeriesFactory(program=program, name="Noon sessions")
    days_ago = [timezone.now() - datetime.timedelta(days=d) for d in (30, 20)]
    big, small = (meeting_at(program, when, series=series) for when in days_ago)
    answers(big, [5] * 6)
    answers(small, [1, 1])
    html = sign_in(coordinator).get(f"/sessions/programs/{program.pk}/feedback/").content.decode()
    # the series (8 answers) is shown, so showing the 6 would give away the other 2
    assert "4.0 out of 5 from 8 responses" in html
    assert "5.0 from 6" not in html
    assert html.count("Not shown: fewer than 5 responses") == 2


def test_a_shown_series_never_leaves_fewer_than_five_hidden_answers():
    hidden = hidden_figures({"a": {"a1": 6, "a2": 2}, "b": {"b1": 6}})
    assert hidden == {("meeting", "a1"), ("meeting", "a2")}


def test_the_program_figure_never_gives_away_a_small_series():
    # the program (9) minus series a (6) would give series b (3)
    hidden = hidden_figures({"a": {"a1": 6}, "b": {"b1": 3}})
    assert {("series", "a"), ("meeting", "a1"), ("series", "b"), ("meeting", "b1")} <= hidden
    assert "program" not in hidden


def test_small_series_that_together_reach_five_hide_only_themselves():
    hidden = hidden_figures({"a": {"a1": 4}, "b": {"b1": 3}, "c": {"c1": 9}})
    assert hidden == {("series", "a"), ("meeting", "a1"), ("series", "b"), ("meeting", "b1")}


def test_a_program_of_four_answers_shows_nothing():
    assert "program" in hidden_figures({"a": {"a1": 4}})


def test_the_api_answers_only_suppressed_figures(peers, past):
    answers(past, [5, 5, 5, 5], helped="x")
    api = Api(peers[0])
    hidden = api.get(f"/meetings/{past.pk}/feedback-summary").json()
    assert hidden["shown"] is False and hidden["responses"] is None
    assert hidden["mean_helpfulness"] is None and hidden["what_helped"] == []
    assert hidden["note"] == "Not shown: fewer than 5 responses"
    answers(past, [3])
    shown = api.get(f"/meetings/{past.pk}/feedback-summary").json()
    assert shown["responses"] == 5 and shown["mean_helpfulness"] == pytest.approx(4.6)


def test_a_trainee_cannot_see_feedback_figures(sign_in, trainee, past, program):
    client = sign_in(trainee)
    assert client.get(f"/sessions/meetings/{past.pk}/feedback/").status_code == 404
    assert client.get(f"/sessions/programs/{program.pk}/feedback/").status_code == 404
    assert Api(trainee).get(f"/meetings/{past.pk}/feedback-summary").status_code == 404


def test_the_outsider_gets_404_for_every_feedback_page_and_endpoint(
    sign_in, outsider, past, program
):
    answers(past, [5] * 6)
    client = sign_in(outsider)
    assert client.get(f"/sessions/meetings/{past.pk}/feedback/").status_code == 404
    assert client.get(f"/sessions/programs/{program.pk}/feedback/").status_code == 404
    assert Api(outsider).get(f"/meetings/{past.pk}/feedback-summary").status_code == 404


def test_demo_feedback_builds_once_and_shows_some_figures(db):
    from nearpeer.demo import data as demo

    built = demo.build(today=timezone.localdate())
    counts = (Feedback.objects.count(), FeedbackInvite.objects.count())
    demo.build(today=timezone.localdate())
    assert (Feedback.objects.count(), FeedbackInvite.objects.count()) == counts
    per_meeting = list(
        Feedback.objects.values("meeting")
        .annotate(n=models.Count("id"))
        .values_list("n", flat=True)
    )
    if built.programs and per_meeting:  # the sessions demo made past sessions
        assert any(n >= 5 for n in per_meeting) and any(n < 5 for n in per_meeting)
