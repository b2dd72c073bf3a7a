"""The support-line part of the demo: lines, trained mentors, a rota, a resource directory, a year
of de-identified history and a few open requests; loading it twice duplicates nothing."""

import datetime

import pytest
from django.db import transaction
from django.db.models import Sum

from nearpeer.demo import data as demo
from nearpeer.supportline.models import (
    MentorProfile,
    MentorTraining,
    Message,
    Resource,
    Shift,
    SupportLine,
    SupportRequest,
    WeeklyCount,
)
from nearpeer.supportline.selectors.dashboard import line_dashboard
from nearpeer.supportline.services.retention import ALL_REQUESTS
from nearpeer.tenancy.models import Program
from tests.supportline.fixtures_records import raw

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)
MODELS = (
    SupportLine,
    MentorTraining,
    MentorProfile,
    Shift,
    Resource,
    WeeklyCount,
    SupportRequest,
    Message,
)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The demo, loaded twice, once for the module (it takes seconds); rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        first = demo.build(today=TODAY)
        once = {m.__name__: m.objects.count() for m in MODELS}
        demo.build(today=TODAY)
        twice = {m.__name__: m.objects.count() for m in MODELS}
        yield first, once, twice
        transaction.set_rollback(True)


def test_running_the_demo_twice_duplicates_nothing(built):
    _, once, twice = built
    assert once == twice
    assert once["SupportLine"] == 4 and once["SupportRequest"] == 4


def test_each_institution_has_a_student_line_and_a_resident_line(built):
    for line in SupportLine.objects.prefetch_related("programs"):
        kinds = {p.kind for p in line.programs.all()}
        if "students" in line.name:
            assert kinds == {Program.Kind.MEDICAL_SCHOOL, Program.Kind.GRADUATE}
        else:
            assert Program.Kind.RESIDENCY in kinds


def test_the_demo_peer_mentor_is_trained_and_on_call_with_a_backup(built):
    training = MentorTraining.objects.get(user__email="peer-mentor@elmstead.example")
    shifts = Shift.objects.filter(line=training.line)
    assert shifts.filter(mentor=training.user).exists()
    assert not shifts.exclude(status="published").exists()
    assert not shifts.filter(backup__isnull=True).exists()
    assert shifts.filter(backup__email="wellness-advisor@elmstead.example").exists()
    span = shifts.last().ends_at - shifts.first().starts_at
    assert span == datetime.timedelta(days=28)


def test_the_directory_is_fictional_with_crisis_entries(built):
    resources = Resource.objects.all()
    assert all("555" in r.phone for r in resources)
    assert resources.filter(is_crisis=True).count() >= 4
    assert set(resources.values_list("kind", flat=True)) == set(Resource.Kind.values)


def test_a_year_of_history_peaks_around_finals(built):
    line = SupportLine.objects.get(institution__slug="elmstead", name__contains="students")
    weeks = dict(
        WeeklyCount.objects.filter(line=line, topic=ALL_REQUESTS)
        .values_list("week_start")
        .annotate(n=Sum("count"))
    )
    assert 45 <= len(weeks) <= 52
    fall_finals = datetime.date(2025, 12, 8)  # the previous academic year's fall finals week
    ordinary = sorted(weeks.values())[len(weeks) // 2]
    assert weeks[fall_finals] > ordinary


def test_open_requests_cover_each_risk_and_stay_encrypted(built):
    requests = {r.risk: r for r in SupportRequest.objects.all()}
    assert set(requests) == {"low", "elevated", "high"}
    high = requests["high"]
    assert high.acknowledged_at is None and high.status == "waiting"
    assert raw("supportline_supportrequest", "opening_message", high.pk).startswith("enc1:")
    message = Message.objects.filter(request=requests["low"]).first()
    assert raw("supportline_message", "body", message.pk).startswith("enc1:")
    assert requests["low"].mentor.email == "peer-mentor@elmstead.example"


def test_a_demo_request_shows_a_rather_not_say_answer_as_elevated_with_its_reason(built):
    request = SupportRequest.objects.get(self_harm_answer__isnull=True)
    assert request.risk == "elevated" and request.needs_human_review
    assert any("chose not to answer" in reason for reason in request.risk_reasons)


def test_the_demo_dashboard_has_a_forecast_and_backtest(built):
    line = SupportLine.objects.get(institution__slug="elmstead", name__contains="students")
    board = line_dashboard(line, today=TODAY)
    assert board.backtest is not None and len(board.forecast.weeks) == 8


def test_the_demo_office_and_mentor_pages_render(built, sign_in):
    from django.urls import reverse

    from nearpeer.accounts.models import User

    line = SupportLine.objects.get(institution__slug="elmstead", name__contains="students")
    office = User.objects.get(email="office@elmstead.example")
    page = sign_in(office).get(reverse("supportline:support_records_dashboard", args=[line.pk]))
    assert page.status_code == 200
    assert "Tested on the last 8 weeks" in page.content.decode()
    mentor = User.objects.get(email="peer-mentor@elmstead.example")
    talk = SupportRequest.objects.get(risk="low")
    page = sign_in(mentor).get(reverse("supportline:support_records_contact", args=[talk.pk]))
    assert page.status_code == 200
    assert sign_in(mentor).get(reverse("supportline:support_records_resources")).status_code == 200


def test_demo_requests_show_their_first_message_once(built):
    for request in SupportRequest.objects.exclude(opening_message=""):
        bodies = list(request.messages.values_list("body", flat=True))
        assert request.opening_message not in bodies
