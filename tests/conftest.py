"""Shared personas. Each test module meets the same people:

- ``trainee``: a trainee in Ridgeview's internal medicine residency (program ``program``).
- ``coordinator``: runs that residency.
- ``director``: program director of Ridgeview's *other* program, ``other_program``.
- ``office_admin``: Ridgeview's well-being office.
- ``outsider``: the well-being office of another institution, Lakeshore, with its own program.
"""

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from nearpeer.tenancy.models import Role
from tests.factories import InstitutionFactory, MembershipFactory, ProgramFactory, UserFactory
from tests.support import mark_session_mfa_passed

# Property tests assert behaviour, never speed: on a busy 2-core CI machine a slow example is not
# a failure (speed is measured in bench/).
hypothesis_settings.register_profile(
    "nearpeer", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("nearpeer")


@pytest.fixture(autouse=True)
def _clear_cache(django_db_setup, django_db_blocker):
    """Each test starts with an empty cache (rate-limit counts included). The cache is a table in
    the test database (or Redis), so it is cleared with the database unblocked."""
    with django_db_blocker.unblock():
        cache.clear()
    yield
    with django_db_blocker.unblock():
        cache.clear()


@pytest.fixture
def ridgeview(db):
    return InstitutionFactory(name="Ridgeview University", slug="ridgeview")


@pytest.fixture
def lakeshore(db):
    return InstitutionFactory(name="Lakeshore Health Sciences", slug="lakeshore")


@pytest.fixture
def program(ridgeview):
    return ProgramFactory(institution=ridgeview, name="Ridgeview Internal Medicine Residency")


@pytest.fixture
def other_program(ridgeview):
    return ProgramFactory(institution=ridgeview, name="Ridgeview Pediatrics Residency")


@pytest.fixture
def foreign_program(lakeshore):
    return ProgramFactory(institution=lakeshore, name="Lakeshore School of Medicine")


def _member(role, program=None, institution=None, **user_fields):
    user = UserFactory(**user_fields)
    if program is not None:
        MembershipFactory(user=user, program=program, institution=program.institution, role=role)
    else:
        MembershipFactory(user=user, program=None, institution=institution, role=role)
    return user


@pytest.fixture
def trainee(program):
    return _member(
        Role.TRAINEE, program, email="tara.trainee@ridgeview.example", full_name="Tara Trainee"
    )


@pytest.fixture
def coordinator(program):
    return _member(
        Role.COORDINATOR,
        program,
        email="cole.coordinator@ridgeview.example",
        full_name="Cole Coordinator",
    )


@pytest.fixture
def director(other_program):
    return _member(
        Role.PROGRAM_DIRECTOR,
        other_program,
        email="dana.director@ridgeview.example",
        full_name="Dana Director",
    )


@pytest.fixture
def office_admin(ridgeview):
    return _member(
        Role.OFFICE_ADMIN,
        institution=ridgeview,
        email="olive.office@ridgeview.example",
        full_name="Olive Office",
    )


@pytest.fixture
def outsider(lakeshore, foreign_program):
    user = _member(
        Role.OFFICE_ADMIN,
        institution=lakeshore,
        email="oscar.outsider@lakeshore.example",
        full_name="Oscar Outsider",
    )
    MembershipFactory(user=user, program=foreign_program, role=Role.COORDINATOR)
    return user


@pytest.fixture
def sign_in(client):
    """Sign a persona in as if they had passed the second step, returning the client."""

    def _sign_in(user, the_client=None):
        c = the_client or client
        c.force_login(user)
        session = c.session
        mark_session_mfa_passed(session, user)
        session.save()
        return c

    return _sign_in
