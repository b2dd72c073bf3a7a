"""factory_boy factories for sessions: program plans, series, meetings, facilitators."""

import datetime

import factory
from django.utils import timezone

from nearpeer.curriculum.models import ProgramPlan
from nearpeer.meetings.models import (
    Availability,
    Facilitation,
    FacilitatorProfile,
    Meeting,
    Modality,
    Rsvp,
    Series,
)
from tests.factories import ProgramFactory


class ProgramPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramPlan

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Gratitude practice {n}")
    summary = "Noticing what went well, together."
    facilitator_guide = "Open with a minute of quiet. Invite, never require, sharing."


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Noon sessions {n}")
    weekday = 2
    start_time = datetime.time(12, 0)
    minutes = 60
    modality = Modality.IN_PERSON
    room = "Room 2.14"
    starts_on = factory.LazyFunction(lambda: timezone.localdate())
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))


class MeetingFactory(factory.django.DjangoModelFactory):
    """A one-hour session `days` from now at noon UTC."""

    class Meta:
        model = Meeting
        exclude = ("days",)

    days = 10
    series = factory.SubFactory(SeriesFactory)
    program = factory.LazyAttribute(lambda o: o.series.program)
    starts_at = factory.LazyAttribute(
        lambda o: (timezone.now() + datetime.timedelta(days=o.days)).replace(
            hour=17, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(minutes=60))
    modality = Modality.IN_PERSON
    room = "Room 2.14"
    check_in_code = "ABC234"


class FacilitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Facilitation

    meeting = factory.SubFactory(MeetingFactory)
    pinned = False


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rsvp


def free_all_week(user, *, sessions_led: int = 3, cap: int = 2) -> None:
    """The person can lead any day 08:00–20:00 and has led `sessions_led` sessions before."""
    Availability.objects.bulk_create(
        Availability(user=user, weekday=d, start_time=datetime.time(8), end_time=datetime.time(20))
        for d in range(7)
    )
    FacilitatorProfile.objects.update_or_create(
        user=user, defaults={"sessions_led": sessions_led, "monthly_cap": cap}
    )
