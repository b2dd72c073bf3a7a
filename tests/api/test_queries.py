"""List endpoints run a fixed number of queries, however many rows there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nearpeer.tenancy.models import Role
from tests.factories import (
    BlackoutFactory,
    CalendarFactory,
    CohortFactory,
    InstitutionFactory,
    MembershipFactory,
    ProgramFactory,
)


def _grow(kind, n, *, ridgeview, program, office_admin):
    """Add n rows that the office admin can see to the list under test."""
    for _ in range(n):
        if kind == "programs":
            ProgramFactory(institution=ridgeview)
        elif kind == "memberships":
            MembershipFactory(
                program=program, role=Role.TRAINEE, cohort=CohortFactory(program=program)
            )
        elif kind == "calendars":
            BlackoutFactory(calendar=CalendarFactory(institution=ridgeview, program=program))
        elif kind == "blackouts":
            BlackoutFactory(calendar=CalendarFactory(institution=ridgeview))
        elif kind == "cohorts":
            CohortFactory(program=program)
        elif kind == "institutions":
            MembershipFactory(
                user=office_admin,
                program=None,
                institution=InstitutionFactory(),
                role=Role.OFFICE_ADMIN,
            )
        elif kind == "me":
            MembershipFactory(user=office_admin, program=ProgramFactory(institution=ridgeview))


@pytest.mark.parametrize(
    ("kind", "path"),
    [
        ("programs", "/programs"),
        ("memberships", "/memberships"),
        ("calendars", "/calendars"),
        ("blackouts", "/blackouts"),
        ("cohorts", "/programs/{program}/cohorts"),
        ("institutions", "/institutions"),
        ("me", "/me"),
    ],
)
def test_list_query_count_does_not_grow_with_rows(
    api_as, office_admin, ridgeview, program, kind, path
):
    path = path.format(program=program.pk)

    def measure(total):
        _grow(
            kind,
            total - measure.rows,
            ridgeview=ridgeview,
            program=program,
            office_admin=office_admin,
        )
        measure.rows = total
        client = api_as(office_admin)  # a fresh token each time: same first-use bookkeeping
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, response.content
        return len(queries), response.json()

    measure.rows = 0
    few, few_body = measure(5)
    many, many_body = measure(50)
    # the answers really did grow, the queries did not
    assert len(many_body.get("items", many_body.get("memberships"))) > len(
        few_body.get("items", few_body.get("memberships"))
    )
    assert many == few, f"{kind}: {few} queries for 5 rows, {many} for 50"


def test_list_endpoints_stay_under_a_small_query_budget(
    api_as, office_admin, ridgeview, program, django_assert_max_num_queries
):
    _grow("memberships", 30, ridgeview=ridgeview, program=program, office_admin=office_admin)
    client = api_as(office_admin)
    client.get("/me")  # the token's first use records when it was used
    with django_assert_max_num_queries(6):
        assert client.get("/memberships").status_code == 200
