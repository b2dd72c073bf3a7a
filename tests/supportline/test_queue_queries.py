"""The mentor's queue asks once whether the mentor is on call, whatever the number of lines."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nearpeer.supportline.models import MentorTraining
from nearpeer.supportline.selectors.requests import lines_on_call_for
from tests.supportline.conftest import make_line, make_professional, put_on_call


def queue_queries(client) -> tuple[int, str]:
    client.get(reverse("supportline:support_queue"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("supportline:support_queue"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_queue_query_count_does_not_grow_with_lines(sign_in, ridgeview, program, line, mentor):
    client = sign_in(mentor)
    put_on_call(line, mentor, make_professional(ridgeview))
    one, html = queue_queries(client)
    assert "Ridgeview Peer Support Line" in html

    for n in range(4):
        more = make_line(ridgeview, [program], name=f"Line {n}")
        MentorTraining.objects.create(
            user=mentor, line=more, completed_on=datetime.date(2026, 1, 5)
        )
        if n % 2:
            put_on_call(more, mentor, make_professional(ridgeview))
    many, html = queue_queries(client)
    assert many == one


def test_on_call_needs_a_running_published_shift_and_training_for_that_line(
    ridgeview, program, line, mentor
):
    untrained = make_line(ridgeview, [program], name="Untrained line")
    put_on_call(untrained, mentor, make_professional(ridgeview))
    later = make_line(ridgeview, [program], name="Later line")
    MentorTraining.objects.create(user=mentor, line=later, completed_on=datetime.date(2026, 1, 5))
    put_on_call(later, mentor, make_professional(ridgeview), hours_before=-2, hours_after=5)
    put_on_call(line, mentor, make_professional(ridgeview))

    assert lines_on_call_for(mentor, [line, untrained, later]) == [line]
