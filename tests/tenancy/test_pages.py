"""Program, membership and calendar pages: what each persona can do, and what the outsider can't."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from nearpeer.audit.models import AccessLog
from nearpeer.tenancy.models import Blackout, Invitation, Membership, Program, Role
from tests.factories import BlackoutFactory, CalendarFactory, MembershipFactory, ProgramFactory


@pytest.fixture
def calendar(ridgeview):
    return CalendarFactory(institution=ridgeview, name="Ridgeview 2026–27 calendar")


@pytest.fixture
def blackout(calendar):
    return BlackoutFactory(calendar=calendar)


@pytest.fixture
def someone_in_program(program):
    return MembershipFactory(program=program, role=Role.TRAINEE)


def test_coordinator_sees_their_program_and_its_people(
    sign_in, coordinator, program, someone_in_program
):
    page = sign_in(coordinator).get(f"/programs/{program.pk}/")
    assert page.status_code == 200
    assert someone_in_program.user.email in page.content.decode()


def test_director_cannot_open_a_program_they_do_not_run(sign_in, director, program):
    assert sign_in(director).get(f"/programs/{program.pk}/").status_code == 404


def test_trainee_cannot_open_the_program_admin_page(sign_in, trainee, program):
    assert sign_in(trainee).get(f"/programs/{program.pk}/").status_code == 404


def test_office_admin_sees_every_program_of_their_institution(
    sign_in, office_admin, program, other_program, foreign_program
):
    page = sign_in(office_admin).get("/programs/").content.decode()
    assert program.name in page and other_program.name in page
    assert foreign_program.name not in page


@pytest.mark.parametrize(
    "path",
    [
        "/programs/{program}/",
        "/programs/{program}/edit/",
        "/programs/{program}/members/add/",
        "/programs/{program}/roster/import/",
        "/calendars/{calendar}/",
    ],
)
def test_outsider_gets_not_found_for_every_ridgeview_page(
    sign_in, outsider, program, calendar, path
):
    response = sign_in(outsider).get(path.format(program=program.pk, calendar=calendar.pk))
    assert response.status_code == 404


def test_outsider_cannot_guess_ids_near_their_own(sign_in, outsider, foreign_program, program):
    client = sign_in(outsider)
    for guess in range(max(1, foreign_program.pk - 5), foreign_program.pk + 6):
        status = client.get(f"/programs/{guess}/").status_code
        assert status == (200 if guess == foreign_program.pk else 404)


def test_outsider_cannot_end_a_ridgeview_membership(sign_in, outsider, someone_in_program):
    response = sign_in(outsider).post(f"/memberships/{someone_in_program.pk}/end/")
    assert response.status_code == 404
    someone_in_program.refresh_from_db()
    assert someone_in_program.ends_on is None


def test_outsider_cannot_remove_a_ridgeview_blackout(sign_in, outsider, blackout):
    assert sign_in(outsider).post(f"/blackouts/{blackout.pk}/delete/").status_code == 404
    assert Blackout.objects.filter(pk=blackout.pk).exists()


def test_outsider_lists_show_nothing_of_ridgeview(sign_in, outsider, program, calendar):
    client = sign_in(outsider)
    assert program.name not in client.get("/programs/").content.decode()
    assert calendar.name not in client.get("/calendars/").content.decode()
    assert "Ridgeview" not in client.get("/home/").content.decode()


def test_office_admin_adds_a_program(sign_in, office_admin, ridgeview):
    response = sign_in(office_admin).post(
        "/programs/new/",
        {
            "institution": ridgeview.pk,
            "name": "Ridgeview Anesthesiology Fellowship",
            "kind": "fellowship",
            "headcount": 12,
            "time_zone": "America/New_York",
            "session_cadence": "quarterly",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Program.objects.filter(
        institution=ridgeview, name="Ridgeview Anesthesiology Fellowship"
    ).exists()


def test_adding_a_program_with_a_taken_name_says_so(sign_in, office_admin, ridgeview, program):
    response = sign_in(office_admin).post(
        "/programs/new/",
        {
            "institution": ridgeview.pk,
            "name": program.name.upper(),
            "kind": "residency",
            "headcount": 5,
            "time_zone": "America/New_York",
            "session_cadence": "monthly",
        },
    )
    assert response.status_code == 200
    assert "already has a program with that name" in response.content.decode()


def test_coordinator_cannot_add_programs(sign_in, coordinator):
    assert sign_in(coordinator).get("/programs/new/").status_code == 404


def test_coordinator_adds_a_new_person_and_it_is_logged(sign_in, coordinator, program):
    response = sign_in(coordinator).post(
        f"/programs/{program.pk}/members/add/",
        {
            "email": "New.Person@Ridgeview.example",
            "full_name": "New Person",
            "role": "peer_facilitator",
        },
    )
    assert response.status_code == 302
    # Someone the coordinator can't already see is invited; the role waits for their answer.
    invitation = Invitation.objects.get(email="new.person@ridgeview.example", program=program)
    assert invitation.role == Role.PEER_FACILITATOR
    assert not Membership.objects.filter(user__email="new.person@ridgeview.example").exists()
    assert AccessLog.objects.filter(
        action="create", record_type="invitation", record_id=str(invitation.pk)
    ).exists()


def test_coordinator_cannot_make_someone_an_office_admin(sign_in, coordinator, program):
    response = sign_in(coordinator).post(
        f"/programs/{program.pk}/members/add/",
        {"email": "sneaky@ridgeview.example", "full_name": "Sneaky", "role": "office_admin"},
    )
    assert response.status_code == 200
    assert "is not one of the available choices" in response.content.decode()
    assert not Membership.objects.filter(user__email="sneaky@ridgeview.example").exists()


def test_coordinator_ends_a_role_and_the_person_loses_access(
    sign_in, coordinator, program, someone_in_program
):
    response = sign_in(coordinator).post(f"/memberships/{someone_in_program.pk}/end/")
    assert response.status_code == 302
    someone_in_program.refresh_from_db()
    assert someone_in_program.ends_on is not None
    assert AccessLog.objects.filter(action="end", record_id=str(someone_in_program.pk)).exists()


def test_ended_role_no_longer_grants_access(sign_in, coordinator, program):
    Membership.objects.filter(user=coordinator).update(
        ends_on=datetime.date(2020, 1, 1), starts_on=datetime.date(2019, 1, 1)
    )
    assert sign_in(coordinator).get(f"/programs/{program.pk}/").status_code == 404


def test_office_admin_adds_a_calendar_and_a_blackout(sign_in, office_admin, ridgeview):
    client = sign_in(office_admin)
    response = client.post(
        "/calendars/",
        {
            "scope": f"i{ridgeview.pk}",
            "name": "2026–27",
            "starts_on": "2026-07-01",
            "ends_on": "2027-06-30",
        },
    )
    assert response.status_code == 302
    calendar_url = response["Location"]
    response = client.post(
        calendar_url,
        {
            "kind": "board_exam",
            "name": "Step 1 window",
            "starts_on": "2027-04-01",
            "ends_on": "2027-04-30",
        },
    )
    assert response.status_code == 302
    assert Blackout.objects.filter(name="Step 1 window", kind="board_exam").exists()


def test_blackout_outside_the_calendar_year_is_refused(sign_in, office_admin, calendar):
    response = sign_in(office_admin).post(
        f"/calendars/{calendar.pk}/",
        {
            "kind": "holiday",
            "name": "Far future",
            "starts_on": "2031-01-01",
            "ends_on": "2031-01-02",
        },
    )
    assert response.status_code == 200
    assert "must fall within" in response.content.decode()
    assert not Blackout.objects.filter(name="Far future").exists()


def test_blackout_ending_before_it_starts_is_refused(sign_in, office_admin, calendar):
    response = sign_in(office_admin).post(
        f"/calendars/{calendar.pk}/",
        {
            "kind": "holiday",
            "name": "Backwards",
            "starts_on": "2026-12-10",
            "ends_on": "2026-12-01",
        },
    )
    assert response.status_code == 200
    assert not Blackout.objects.filter(name="Backwards").exists()


def test_trainee_sees_their_calendar_but_cannot_change_it(sign_in, trainee, calendar, blackout):
    client = sign_in(trainee)
    page = client.get(f"/calendars/{calendar.pk}/")
    assert page.status_code == 200
    assert blackout.name in page.content.decode()
    assert client.post(f"/blackouts/{blackout.pk}/delete/").status_code == 404


def test_program_list_query_count_does_not_grow_with_programs(
    sign_in, office_admin, ridgeview, django_assert_max_num_queries
):
    client = sign_in(office_admin)
    client.get("/programs/")
    for i in range(15):
        ProgramFactory(institution=ridgeview, name=f"Extra program {i}")
    with django_assert_max_num_queries(12):
        assert client.get("/programs/").status_code == 200


def test_home_query_count_does_not_grow_with_programs(
    sign_in, office_admin, ridgeview, django_assert_max_num_queries
):
    client = sign_in(office_admin)
    MembershipFactory(program=ProgramFactory(institution=ridgeview, name="First program"))
    client.get("/home/")
    with CaptureQueriesContext(connection) as one_program:
        assert client.get("/home/").status_code == 200
    for i in range(15):
        program = ProgramFactory(institution=ridgeview, name=f"Extra program {i}")
        MembershipFactory(program=program)
    with django_assert_max_num_queries(len(one_program)):
        assert client.get("/home/").status_code == 200
    assert len(one_program) <= 14


def test_access_log_is_for_the_office_only(sign_in, office_admin, coordinator, outsider):
    assert sign_in(office_admin).get("/audit/").status_code == 200
    assert sign_in(coordinator).get("/audit/").status_code == 404


def test_outsider_office_never_sees_ridgeview_log_entries(sign_in, coordinator, outsider, program):
    sign_in(coordinator).post(
        f"/programs/{program.pk}/members/add/",
        {"email": "logged@ridgeview.example", "full_name": "Logged Person", "role": "trainee"},
    )
    page = sign_in(outsider, Client()).get("/audit/").content.decode()
    assert "logged@ridgeview.example" not in page


def test_office_admin_updates_emergency_numbers(sign_in, office_admin, ridgeview):
    response = sign_in(office_admin).post(
        f"/institutions/{ridgeview.pk}/edit/",
        {
            "office_name": "Ridgeview Well-being",
            "office_email": "wb@ridgeview.example",
            "office_phone": "555-0100",
            "emergency_phone": "555-0199",
            "after_hours_counseling_phone": "555-0142",
            "time_zone": "America/Chicago",
        },
    )
    assert response.status_code == 302
    ridgeview.refresh_from_db()
    assert (ridgeview.emergency_phone, ridgeview.time_zone) == ("555-0199", "America/Chicago")


def test_unknown_time_zone_is_refused_with_an_example(sign_in, office_admin, ridgeview):
    response = sign_in(office_admin).post(
        f"/institutions/{ridgeview.pk}/edit/",
        {"office_name": "Ridgeview Well-being", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert "is not a time zone name" in response.content.decode()


def test_office_admin_adds_an_institution_wide_wellness_advisor(
    sign_in, office_admin, ridgeview, program
):
    response = sign_in(office_admin).post(
        f"/institutions/{ridgeview.pk}/members/add/",
        {
            "email": "wendy@ridgeview.example",
            "full_name": "Wendy Advisor",
            "role": "wellness_advisor",
        },
    )
    assert response.status_code == 302
    assert Invitation.objects.filter(
        email="wendy@ridgeview.example", program=None, role="wellness_advisor"
    ).exists()


@pytest.mark.parametrize("suffix", ["", "edit/", "members/add/"])
def test_outsider_and_coordinator_cannot_open_ridgeview_institution_pages(
    sign_in, outsider, coordinator, ridgeview, suffix
):
    assert sign_in(outsider).get(f"/institutions/{ridgeview.pk}/{suffix}").status_code == 404
    assert sign_in(coordinator).get(f"/institutions/{ridgeview.pk}/{suffix}").status_code == 404


def test_last_office_member_cannot_end_their_own_role(sign_in, office_admin, ridgeview):
    membership = Membership.objects.get(user=office_admin)
    response = sign_in(office_admin).post(f"/memberships/{membership.pk}/end/", follow=True)
    assert "last well-being office member" in response.content.decode()
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_coordinator_renames_their_program(sign_in, coordinator, program):
    response = sign_in(coordinator).post(
        f"/programs/{program.pk}/edit/",
        {
            "name": "Ridgeview Medicine Residency",
            "kind": "residency",
            "headcount": 72,
            "time_zone": "America/New_York",
            "session_cadence": "bimonthly",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    program.refresh_from_db()
    assert (program.name, program.headcount, program.session_cadence) == (
        "Ridgeview Medicine Residency",
        72,
        "bimonthly",
    )
