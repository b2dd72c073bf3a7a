"""What describes a person's state is encrypted at rest (issue #7, defect 8): the reason typed for a
risk change, the screening reasons and stated preferences hold no plain text in the database (read
back with raw SQL, on SQLite and PostgreSQL alike), yet the staff who saw them before still see them,
and every read by staff is logged. Counts keep working from the plain columns."""

import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from nearpeer.audit.models import AccessLog
from nearpeer.supportline.models import RiskChange, SupportRequest, WeeklyCount
from nearpeer.supportline.services import handling, retention
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def raw(sql: str, params) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def raw_request(request: SupportRequest) -> tuple[str, str]:
    return raw(
        "select risk_reasons, preferences from supportline_supportrequest where id = %s",
        [request.pk],
    )


def raw_answers(request: SupportRequest) -> tuple[str, str]:
    return raw(
        "select self_harm_answer, danger_answer from supportline_supportrequest where id = %s",
        [request.pk],
    )


def raw_reasons(request: SupportRequest) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "select reason from supportline_riskchange where request_id = %s", [request.pk]
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.fixture
def hopeless(submit_request, trainee, mentor):
    """A named request whose words the screening flags, with stated preferences."""
    return submit_request(
        requester=trainee,
        anonymous=False,
        self_harm_answer=False,
        danger_answer=False,
        message="I feel hopeless about everything",
        topics=["loneliness"],
        preferences={"gender": "nonbinary", "language": "Tagalog", "not_my_program": True},
    ).request


# --- Nothing readable in the database ----------------------------------------------------------


def test_screening_reasons_are_not_stored_in_plain_text(hopeless):
    assert hopeless.risk == "elevated"
    stored_reasons, _ = raw_request(hopeless)
    assert "hopeless" not in stored_reasons
    assert stored_reasons.startswith("enc1:")
    hopeless.refresh_from_db()
    assert hopeless.risk_reasons[0] == "expresses hopelessness"


def test_stated_preferences_are_not_stored_in_plain_text(hopeless):
    _, stored_preferences = raw_request(hopeless)
    assert "nonbinary" not in stored_preferences and "Tagalog" not in stored_preferences
    hopeless.refresh_from_db()
    assert hopeless.preferences == {
        "gender": "nonbinary",
        "language": "Tagalog",
        "not_my_program": True,
    }


def test_answers_to_the_safety_questions_are_not_stored_in_plain_text(submit_request, trainee):
    request = submit_request(
        requester=trainee, anonymous=False, self_harm_answer=True, danger_answer=False
    ).request
    self_harm, danger = raw_answers(request)
    assert self_harm.startswith("enc1:") and danger.startswith("enc1:")
    request.refresh_from_db()
    assert (request.self_harm_answer, request.danger_answer) == (True, False)
    assert request.risk == "high"


def test_a_skipped_safety_question_stays_empty(submit_request):
    request = submit_request(self_harm_answer=None, danger_answer=False).request
    self_harm, danger = raw_answers(request)
    assert self_harm is None and danger.startswith("enc1:")
    request.refresh_from_db()
    assert (request.self_harm_answer, request.danger_answer) == (None, False)


def test_triage_reason_on_arrival_is_not_stored_in_plain_text(hopeless):
    (arrival,) = raw_reasons(hopeless)
    assert "hopeless" not in arrival and "triage" not in arrival
    assert hopeless.risk_changes.get().reason.startswith(
        "triage on arrival: expresses hopelessness"
    )


def test_reason_a_mentor_types_for_raising_risk_is_not_stored_in_plain_text(hopeless, mentor):
    handling.request_accept(by=mentor, request=hopeless)
    handling.request_risk_raise(
        by=mentor, request=hopeless, risk="high", reason="Says they feel hopeless and alone"
    )
    stored = raw_reasons(hopeless)
    assert len(stored) == 2
    assert not any("hopeless" in value or "alone" in value for value in stored)
    latest = hopeless.risk_changes.last()
    assert (latest.to_risk, latest.reason) == ("high", "Says they feel hopeless and alone")


def test_reason_a_professional_types_for_lowering_risk_is_not_stored_in_plain_text(
    hopeless, backup
):
    handling.request_risk_lower(
        by=backup, request=hopeless, risk="low", reason="Spoke with them: not hopeless now"
    )
    assert not any("hopeless" in value for value in raw_reasons(hopeless))
    assert hopeless.risk_changes.last().reason == "Spoke with them: not hopeless now"


def test_counts_still_come_from_the_plain_columns(hopeless):
    topics, risk, status = raw(
        "select topics, risk, status from supportline_supportrequest where id = %s",
        [hopeless.pk],
    )
    assert risk == "elevated" and status in {"offered", "waiting"}
    assert "loneliness" in str(topics)  # a topic code in the clear, for the weekly counts


# --- The same people see them, and their reads are logged ---------------------------------------


def test_mentor_sees_screening_reasons_preferences_and_risk_history(hopeless, mentor, sign_in):
    handling.request_accept(by=mentor, request=hopeless)
    handling.request_risk_raise(by=mentor, request=hopeless, risk="high", reason="Sounds unsafe")
    page = sign_in(mentor).get(reverse("supportline:support_request", args=[hopeless.pk]))
    body = page.content.decode()
    assert "expresses hopelessness" in body
    assert "a nonbinary mentor" in body and "speaks Tagalog" in body
    assert "elevated to high by Mia Mentor (Sounds unsafe)" in body
    assert AccessLog.objects.filter(
        action="read",
        actor=mentor,
        record_type="support_request_messages",
        record_id=str(hopeless.pk),
    ).exists()


def test_line_professional_sees_screening_reasons_and_the_read_is_logged(hopeless, backup, sign_in):
    body = (
        sign_in(backup)
        .get(reverse("supportline:support_request", args=[hopeless.pk]))
        .content.decode()
    )
    assert "expresses hopelessness" in body
    assert "When they reached out: expresses hopelessness" in body
    assert AccessLog.objects.filter(action="read", actor=backup, record_id=str(hopeless.pk))


def test_requester_does_not_see_screening_reasons_or_risk_history(hopeless, trainee, sign_in):
    body = (
        sign_in(trainee)
        .get(reverse("supportline:support_request", args=[hopeless.pk]))
        .content.decode()
    )
    assert "I feel hopeless about everything" in body  # their own words, as before
    assert "expresses hopelessness" not in body and "triage on arrival" not in body


@pytest.mark.parametrize("persona", ["coordinator", "office_admin", "outsider"])
def test_program_staff_the_office_and_outsiders_still_cannot_read_them(
    request, hopeless, sign_in, persona
):
    person = request.getfixturevalue(persona)
    response = sign_in(person).get(reverse("supportline:support_request", args=[hopeless.pk]))
    assert response.status_code == 404


def test_the_api_queue_does_not_answer_reasons_or_preferences(hopeless, mentor, sign_in):
    body = sign_in(mentor).get("/api/v1/support/queue").content.decode()
    assert str(hopeless.pk) in body
    assert "hopeless" not in body and "Tagalog" not in body


def test_an_operator_opening_a_request_in_the_admin_is_logged(hopeless, sign_in):
    operator = UserFactory(is_staff=True, is_superuser=True)
    url = reverse("admin:supportline_supportrequest_change", args=[hopeless.pk])
    body = sign_in(operator).get(url).content.decode()
    assert "expresses hopelessness" in body  # screening reasons: shown to operators, as before
    assert "Tagalog" not in body  # preferences: never shown in the admin, as before
    entry = AccessLog.objects.get(actor=operator, action="read")
    assert (entry.record_type, entry.record_id) == ("support_request", str(hopeless.pk))
    assert entry.institution == hopeless.line.institution


def test_an_operator_opening_a_risk_change_in_the_admin_is_logged(hopeless, sign_in):
    operator = UserFactory(is_staff=True, is_superuser=True)
    change = hopeless.risk_changes.get()
    url = reverse("admin:supportline_riskchange_change", args=[change.pk])
    assert "expresses hopelessness" in sign_in(operator).get(url).content.decode()
    entry = AccessLog.objects.get(actor=operator, action="read")
    assert (entry.record_type, entry.record_id) == ("support_risk_change", str(change.pk))


# --- Retention ---------------------------------------------------------------------------------


def test_purge_empties_the_encrypted_reasons_and_keeps_the_counts(hopeless, mentor):
    long_ago = timezone.now() - datetime.timedelta(days=3 * 366)
    SupportRequest.objects.filter(pk=hopeless.pk).update(
        status="closed", closed_at=long_ago, created_at=long_ago
    )
    retention.supportline_purge()
    hopeless.refresh_from_db()
    assert hopeless.purged_at is not None
    assert hopeless.risk_reasons == [] and hopeless.preferences == {}
    assert hopeless.self_harm_answer is None and hopeless.danger_answer is None
    assert RiskChange.objects.get(request=hopeless).reason == ""
    assert WeeklyCount.objects.filter(topic=retention.ALL_REQUESTS, risk="elevated").exists()
    stored_reasons, stored_preferences = raw_request(hopeless)
    assert "hopeless" not in stored_reasons and "Tagalog" not in stored_preferences
