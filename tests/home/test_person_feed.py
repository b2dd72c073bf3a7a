"""The personal calendar feed, composed in home: a mentor's secret link carries their shifts."""

import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from nearpeer.meetings import feeds
from tests.supportline.fixtures_rota import *  # noqa: F403
from tests.supportline.fixtures_rota import make_shift


@pytest.fixture
def shift(coordinator, line, day, prof, mentor_a):
    return make_shift(line, coordinator, day, 18, 22, mentor=mentor_a, backup=prof)


def test_a_mentors_calendar_link_carries_their_shift(mentor_a, shift):
    # given
    _, raw = feeds.feed_create(by=mentor_a)
    # when
    response = Client().get(reverse("meetings:feed_ics", args=[raw]))
    # then
    calendar = icalendar.Calendar.from_ical(response.content)
    (event,) = calendar.events
    assert str(event["SUMMARY"]) == "On call: Ridgeview Peer Line"
    assert event.start == shift.starts_at
