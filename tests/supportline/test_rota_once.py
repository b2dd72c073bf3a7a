"""Every rota form that creates something is safe to send twice: one line, one shift, one weekly
pattern, one swap request."""

import datetime

import pytest
from django.urls import reverse

from nearpeer.supportline.models import Shift, ShiftSwap, SupportLine
from tests.supportline.fixtures_rota import *  # noqa: F403
from tests.supportline.fixtures_rota import make_shift
from tests.supportline.once import send_twice

pytestmark = pytest.mark.django_db


def test_the_line_form_sent_twice_opens_one_line(sign_in, office_admin, ridgeview, program):
    data = {
        "institution": ridgeview.pk,
        "name": "Evening line",
        "programs": [program.pk],
        "escalation_minutes": 10,
        "retention_days_after_year_end": 30,
    }
    first, second = send_twice(
        sign_in(office_admin), reverse("supportline:support_rota_line_create"), data
    )
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert SupportLine.objects.filter(name="Evening line").count() == 1


def test_the_shift_form_sent_twice_adds_one_shift(sign_in, coordinator, line, day, prof):
    data = {"on": day.isoformat(), "start_time": "18:00", "end_time": "22:00", "backup": prof.pk}
    url = reverse("supportline:support_rota_shift_create", args=[line.pk])
    first, second = send_twice(sign_in(coordinator), url, data)
    assert first.status_code == second.status_code == 302
    assert Shift.objects.count() == 1


def test_the_weekly_form_sent_twice_adds_one_pattern(sign_in, coordinator, line, day, prof):
    data = {
        "weekdays": ["0", "2"],
        "start_time": "08:00",
        "end_time": "12:00",
        "first_date": day.isoformat(),
        "last_date": (day + datetime.timedelta(days=13)).isoformat(),
        "backup": prof.pk,
    }
    url = reverse("supportline:support_rota_shift_weekly", args=[line.pk])
    first, second = send_twice(sign_in(coordinator), url, data)
    assert first.status_code == second.status_code == 302
    assert Shift.objects.count() == 4


def test_the_swap_form_sent_twice_asks_once(
    sign_in, coordinator, line, day, prof, mentor_a, mentor_b
):
    shift = make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)
    url = reverse("supportline:support_rota_shift_swap", args=[shift.pk])
    first, second = send_twice(sign_in(mentor_a), url, {"to_user": mentor_b.pk})
    assert first.status_code == second.status_code == 302
    assert ShiftSwap.objects.count() == 1


def test_a_second_fresh_shift_form_adds_a_second_shift(sign_in, coordinator, line, day, prof):
    client = sign_in(coordinator)
    url = reverse("supportline:support_rota_shift_create", args=[line.pk])
    for start, end in (("08:00", "12:00"), ("13:00", "17:00")):
        data = {"on": day.isoformat(), "start_time": start, "end_time": end, "backup": prof.pk}
        send_twice(client, url, data)
    assert Shift.objects.count() == 2
