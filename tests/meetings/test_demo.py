"""The demo has a staffed series for every program, and running it again changes nothing."""

import datetime

import pytest

from nearpeer.demo import data as demo
from nearpeer.meetings.models import Facilitation, Meeting, MeetingChange, Series
from nearpeer.tenancy.models import Program

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 23)


def test_every_demo_program_has_a_series_staffed_by_valid_pairs():
    demo.build(today=TODAY)
    assert Series.objects.count() == Program.objects.count() == 10
    counts = (Series.objects.count(), Meeting.objects.count(), Facilitation.objects.count(),
              MeetingChange.objects.count())  # fmt: skip
    staffed = Meeting.objects.filter(facilitations__isnull=False).distinct().count()
    assert staffed >= 0.9 * Meeting.objects.count()
    for meeting in Meeting.objects.prefetch_related("facilitations"):
        assert len(meeting.facilitations.all()) in (0, 2)
    demo.build(today=TODAY)
    again = (Series.objects.count(), Meeting.objects.count(), Facilitation.objects.count(),
             MeetingChange.objects.count())  # fmt: skip
    assert again == counts
