"""factory_boy factories for the spine: institutions, programs, people and their roles."""

import datetime

import factory
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.tenancy.models import (
    AcademicCalendar,
    Blackout,
    Cohort,
    Institution,
    Membership,
    Program,
    Role,
)


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Testbrook University {n}")
    slug = factory.Sequence(lambda n: f"testbrook-{n}")
    office_name = "Office of Well-being"
    office_email = factory.Sequence(lambda n: f"wellbeing{n}@testbrook.example")
    time_zone = "America/New_York"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Internal Medicine Residency {n}")
    kind = Program.Kind.RESIDENCY
    headcount = 60


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"PGY-{n % 5 + 1} ({n})")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@testbrook.example")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    program = factory.SubFactory(ProgramFactory)
    institution = factory.LazyAttribute(lambda o: o.program.institution)
    role = Role.TRAINEE
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))


class CalendarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AcademicCalendar

    institution = factory.SubFactory(InstitutionFactory)
    program = None
    name = "2026–27 academic year"
    starts_on = datetime.date(2026, 7, 1)
    ends_on = datetime.date(2027, 6, 30)


class BlackoutFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Blackout

    calendar = factory.SubFactory(CalendarFactory)
    kind = Blackout.Kind.FINALS
    name = "Winter finals"
    starts_on = datetime.date(2026, 12, 7)
    ends_on = datetime.date(2026, 12, 18)
