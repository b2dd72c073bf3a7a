"""What home shows people of the support line: first what needs them now."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from nearpeer.supportline.models import Referral
from nearpeer.supportline.services import handling
from nearpeer.tenancy.models import Role
from tests.supportline.conftest import make_professional, put_on_call

pytestmark = pytest.mark.django_db


def test_backup_home_shows_the_high_risk_request_waiting_for_acknowledgement(
    sign_in, backup, submit_request
):
    request = submit_request(self_harm_answer=True).request

    html = sign_in(backup).get(reverse("home")).content.decode()

    assert "Needs you now" in html
    assert "1 high-risk request waiting for a professional" in html
    assert reverse("supportline:support_board") in html
    assert reverse("supportline:support_request", args=[request.pk]) in html
    assert "Requests escalated to you, and the mentors" not in html  # the old placeholder


def test_faculty_advisor_home_shows_their_next_backup_shift(sign_in, line, mentor, ridgeview):
    faculty = make_professional(ridgeview, role=Role.FACULTY_ADVISOR, email="fa@ridgeview.example")
    put_on_call(line, mentor, faculty, hours_before=-24, hours_after=28)

    html = sign_in(faculty).get(reverse("home")).content.decode()

    assert "Your next backup shift" in html
    assert line.name in html
    assert "No high-risk request is waiting for you." in html


def test_acknowledged_high_risk_request_leaves_the_backup_home(sign_in, backup, submit_request):
    request = submit_request(self_harm_answer=True).request
    handling.request_acknowledge(by=backup, request=request, note="Called them; safe.")

    html = sign_in(backup).get(reverse("home")).content.decode()

    assert "Needs you now" not in html


def test_mentor_home_lists_the_request_offered_to_them(sign_in, mentor, submit_request):
    request = submit_request(message="hello").request

    html = sign_in(mentor).get(reverse("home")).content.decode()

    assert "A request was offered to you" in html
    assert reverse("supportline:support_request", args=[request.pk]) in html
    assert reverse("supportline:support_queue") in html


def test_home_lists_referrals_due_for_follow_up(
    sign_in, mentor, backup, submit_request, counseling_resource
):
    request = submit_request(message="hello").request
    handling.request_accept(by=mentor, request=request)
    Referral.objects.create(
        request=request,
        resource=counseling_resource,
        consent=True,
        made_by=mentor,
        follow_up_on=timezone.localdate() - datetime.timedelta(days=1),
    )

    for person in (mentor, backup):
        html = sign_in(person).get(reverse("home")).content.decode()
        assert "1 referral due for a check-in" in html
        assert reverse("supportline:support_records_contact", args=[request.pk]) in html


def test_home_query_count_does_not_grow_with_requests(sign_in, backup, submit_request):
    client = sign_in(backup)
    submit_request(self_harm_answer=True)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("home"))
    for _ in range(4):
        submit_request(self_harm_answer=True)
    with CaptureQueriesContext(connection) as five:
        client.get(reverse("home"))
    assert len(five) == len(one)
