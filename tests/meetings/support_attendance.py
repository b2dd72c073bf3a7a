"""Helpers for the attendance, feedback, calendar and reminder tests."""

import datetime
import json

from django.test import Client
from django.utils import timezone

from nearpeer.tenancy.models import Role
from tests.conftest import _member
from tests.meetings.factories import FacilitationFactory, MeetingFactory, SeriesFactory
from tests.support import api_token_for


def meeting_at(program, starts_at, *, minutes=60, facilitators=(), **fields):
    """A session of `program` starting at `starts_at` (aware), led by `facilitators`."""
    meeting = MeetingFactory(
        series=fields.pop("series", None) or SeriesFactory(program=program),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(minutes=minutes),
        **fields,
    )
    for person in facilitators:
        FacilitationFactory(meeting=meeting, user=person)
    return meeting


def running_now(program, **kwargs):
    """A session that started ten minutes ago."""
    return meeting_at(program, timezone.now() - datetime.timedelta(minutes=10), **kwargs)


def trainees(program, names):
    return [_member(Role.TRAINEE, program, full_name=name) for name in names]


class Api:
    """A script using a personal API token."""

    def __init__(self, user):
        raw = api_token_for(user)
        self.client, self.headers = Client(), {"Authorization": f"Bearer {raw}"}

    def get(self, path):
        return self.client.get("/api/v1" + path, headers=self.headers)

    def post(self, path, body=None):
        data = "" if body is None else json.dumps(body)
        return self.client.post(
            "/api/v1" + path, data, content_type="application/json", headers=self.headers
        )

    def delete(self, path):
        return self.client.delete("/api/v1" + path, headers=self.headers)
