"""A program's people are listed a page at a time, can be found by name or email, and the page
runs the same queries however many people the program has."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from nearpeer.paging import PER_PAGE
from nearpeer.tenancy.models import Role
from tests.factories import MembershipFactory, UserFactory


def add_trainees(program, n, start=0):
    for k in range(start, start + n):
        person = UserFactory(full_name=f"Trainee {k:03d}", email=f"t{k:03d}@ridgeview.example")
        MembershipFactory(user=person, program=program, role=Role.TRAINEE)


def test_people_are_listed_a_page_at_a_time(sign_in, coordinator, program):
    add_trainees(program, PER_PAGE + 10)
    client = sign_in(coordinator)
    url = f"/programs/{program.pk}/"

    first = client.get(url).content.decode()
    assert first.count("End role</button>") == PER_PAGE
    assert f"of {PER_PAGE + 11}." in first  # the trainees and the coordinator
    second = client.get(url + "?page=2").content.decode()
    assert second.count("End role</button>") == 11


def test_find_a_person_by_name_or_email_and_keep_the_search_across_pages(
    sign_in, coordinator, program, other_program
):
    add_trainees(program, 3)
    MembershipFactory(
        user=UserFactory(full_name="Trainee 777"), program=other_program, role=Role.TRAINEE
    )
    client = sign_in(coordinator)
    url = f"/programs/{program.pk}/"

    html = client.get(url, {"find": "trainee 001"}).content.decode()
    assert "t001@ridgeview.example" in html and "t002@ridgeview.example" not in html
    assert "Trainee 777" not in client.get(url, {"find": "777"}).content.decode()
    assert "t002@ridgeview.example" in client.get(url, {"find": "T002@"}).content.decode()
    nobody = client.get(url, {"find": "zzz"}).content.decode()
    assert "Nobody in this program has a name or email containing “zzz”." in nobody


def test_the_people_page_runs_the_same_queries_with_ten_times_the_people(
    sign_in, coordinator, program
):
    client = sign_in(coordinator)
    url = f"/programs/{program.pk}/"
    add_trainees(program, 6)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_trainees(program, 60, start=100)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
