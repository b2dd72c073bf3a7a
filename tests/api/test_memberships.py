"""Memberships through the API: who sees whose roles, giving and ending roles, and the access log."""

import datetime

import pytest
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.audit.models import AccessLog
from nearpeer.tenancy.models import Membership, Role
from tests.api.conftest import ids
from tests.factories import CohortFactory, MembershipFactory


def reads():
    return list(
        AccessLog.objects.filter(action=AccessLog.Action.READ, record_type="membership")
        .order_by("pk")
        .values_list("actor__email", "institution__slug")
    )


def add(program, **fields):
    return {
        "email": "nia.new@ridgeview.example",
        "full_name": "Nia New",
        "role": "trainee",
        "program_id": program.pk,
    } | fields


# --- reading ---------------------------------------------------------------------------------


def test_office_admin_sees_every_membership_in_the_institution(
    api_as, office_admin, trainee, coordinator, director
):
    expected = set(Membership.objects.values_list("pk", flat=True))
    assert ids(api_as(office_admin).get("/memberships")) == expected


def test_coordinator_sees_their_program_and_themself(
    api_as, coordinator, trainee, director, program
):
    seen = ids(api_as(coordinator).get("/memberships"))
    assert seen == set(Membership.objects.filter(program=program).values_list("pk", flat=True))


def test_membership_answer_shows_the_person_and_role(api_as, coordinator, trainee, program):
    membership = Membership.objects.get(user=trainee)
    body = api_as(coordinator).get(f"/memberships/{membership.pk}").json()
    assert body["user"] == {"id": trainee.pk, "email": trainee.email, "full_name": "Tara Trainee"}
    assert (body["role"], body["program_id"], body["is_active"]) == ("trainee", program.pk, True)


def test_membership_filters(api_as, office_admin, trainee, coordinator, program, other_program):
    ended = MembershipFactory(
        program=program,
        starts_on=datetime.date(2020, 7, 1),
        ends_on=datetime.date(2021, 6, 30),
    )
    client = api_as(office_admin)
    in_program = ids(client.get("/memberships", program_id=program.pk))
    assert in_program == set(
        Membership.objects.filter(program=program).values_list("pk", flat=True)
    )
    trainees = ids(client.get("/memberships", program_id=program.pk, role="trainee"))
    assert trainees == {Membership.objects.get(user=trainee).pk, ended.pk}
    assert ids(client.get("/memberships", program_id=program.pk, active="false")) == {ended.pk}
    assert ended.pk not in ids(client.get("/memberships", active="true"))


def test_listing_memberships_writes_one_access_log_entry(
    api_as, office_admin, trainee, coordinator
):
    api_as(office_admin).get("/memberships")
    assert reads() == [(office_admin.email, "ridgeview")]


def test_listing_across_two_institutions_writes_one_entry_for_each(
    api_as, office_admin, ridgeview, lakeshore, foreign_program, trainee
):
    MembershipFactory(
        user=office_admin, program=None, institution=lakeshore, role=Role.OFFICE_ADMIN
    )
    MembershipFactory(program=foreign_program)
    api_as(office_admin).get("/memberships")
    assert sorted(reads()) == [(office_admin.email, "lakeshore"), (office_admin.email, "ridgeview")]


def test_reading_one_membership_is_logged(api_as, coordinator, trainee):
    membership = Membership.objects.get(user=trainee)
    api_as(coordinator).get(f"/memberships/{membership.pk}")
    entry = AccessLog.objects.get(action=AccessLog.Action.READ)
    assert (entry.actor, entry.record_id, entry.institution.slug) == (
        coordinator,
        str(membership.pk),
        "ridgeview",
    )


def test_a_refused_read_is_not_logged_as_a_read(api_as, outsider, trainee):
    membership = Membership.objects.get(user=trainee)
    assert api_as(outsider).get(f"/memberships/{membership.pk}").status_code == 404
    assert reads() == []


# --- giving a role ---------------------------------------------------------------------------


def test_coordinator_adds_someone_they_can_see_at_once(api_as, coordinator, program, trainee):
    cohort = CohortFactory(program=program, name="PGY-1")
    response = api_as(coordinator).post(
        "/memberships",
        add(program, email=trainee.email.upper(), role="peer_facilitator", cohort_id=cohort.pk),
    )
    assert response.status_code == 201, response.content
    membership = Membership.objects.get(pk=response.json()["id"])
    assert (membership.user, membership.role, membership.cohort) == (
        trainee,
        "peer_facilitator",
        cohort,
    )
    assert (membership.institution, membership.starts_on) == (
        program.institution,
        timezone.localdate(),
    )
    assert AccessLog.objects.filter(action=AccessLog.Action.CREATE, actor=coordinator).exists()


def test_coordinator_invites_a_new_person_and_no_role_starts_yet(api_as, coordinator, program):
    response = api_as(coordinator).post(
        "/memberships", add(program, email="Nia.New@Ridgeview.example")
    )
    assert response.status_code == 202, response.content
    body = response.json()
    assert (body["email"], body["status"], body["role"]) == (
        "nia.new@ridgeview.example",
        "pending",
        "trainee",
    )
    assert not User.objects.filter(email="nia.new@ridgeview.example").exists()
    assert not Membership.objects.filter(user__email="nia.new@ridgeview.example").exists()


def test_a_new_person_needs_no_name(api_as, coordinator, program):
    response = api_as(coordinator).post("/memberships", add(program, full_name=""))
    assert response.status_code == 202, response.content


def test_coordinator_cannot_give_an_office_role(api_as, coordinator, program):
    response = api_as(coordinator).post("/memberships", add(program, role="program_director"))
    assert response.status_code == 403
    assert response.json() == {"detail": "You can't give that role here."}
    assert not User.objects.filter(email="nia.new@ridgeview.example").exists()


@pytest.mark.parametrize(
    "email", ["nia.new@ridgeview.example", "cole.coordinator@ridgeview.example"]
)
def test_trainee_cannot_add_anyone_and_learns_nothing_about_who_exists(
    api_as, trainee, coordinator, program, email
):
    before = Membership.objects.count(), User.objects.count()
    response = api_as(trainee).post("/memberships", add(program, email=email, full_name=""))
    assert response.status_code == 403
    assert (Membership.objects.count(), User.objects.count()) == before


def test_cohort_of_another_program_is_refused(api_as, office_admin, program, other_program):
    cohort = CohortFactory(program=other_program)
    response = api_as(office_admin).post("/memberships", add(program, cohort_id=cohort.pk))
    assert response.status_code == 400
    assert response.json()["errors"] == {"cohort": ["That cohort belongs to another program."]}
    assert not User.objects.filter(email="nia.new@ridgeview.example").exists()


def test_giving_the_same_role_twice_is_a_clear_400(api_as, coordinator, trainee, program):
    response = api_as(coordinator).post("/memberships", add(program, email=trainee.email))
    assert response.status_code == 400
    assert "already has the role Trainee" in response.json()["detail"]


def test_role_ending_before_it_starts_is_422_on_ends_on(api_as, coordinator, program):
    response = api_as(coordinator).post(
        "/memberships", add(program, starts_on="2026-09-01", ends_on="2026-08-01")
    )
    assert response.status_code == 422
    assert response.json()["errors"] == {"ends_on": ["A role can't end before it starts."]}


def test_role_ending_in_the_past_with_no_start_is_422(api_as, coordinator, program):
    response = api_as(coordinator).post("/memberships", add(program, ends_on="2001-01-01"))
    assert response.status_code == 422
    assert "ends_on" in response.json()["errors"]


@pytest.mark.parametrize(
    "attack",
    [{"institution_id": 1}, {"user_id": 1}, {"is_staff": True}, {"id": 5}, {"cohort": 1}],
)
def test_membership_create_refuses_fields_it_does_not_take(api_as, coordinator, program, attack):
    response = api_as(coordinator).post("/memberships", add(program, **attack))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == list(attack)
    assert not User.objects.filter(email="nia.new@ridgeview.example").exists()


@pytest.mark.parametrize("email", ["not-an-email", "", "a@b", "x" * 250 + "@example.edu"])
def test_bad_email_is_422(api_as, coordinator, program, email):
    response = api_as(coordinator).post("/memberships", add(program, email=email))
    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["email"]


# --- ending a role ---------------------------------------------------------------------------


def test_coordinator_ends_a_trainees_role_today(api_as, coordinator, trainee):
    membership = Membership.objects.get(user=trainee)
    response = api_as(coordinator).post(f"/memberships/{membership.pk}/end")
    assert response.status_code == 200, response.content
    membership.refresh_from_db()
    assert membership.ends_on == timezone.localdate()
    assert response.json()["ends_on"] == timezone.localdate().isoformat()
    assert AccessLog.objects.filter(action=AccessLog.Action.END).count() == 1


def test_role_can_end_on_a_chosen_date(api_as, coordinator, trainee):
    membership = Membership.objects.get(user=trainee)
    graduation = timezone.localdate() + datetime.timedelta(days=200)
    api_as(coordinator).post(
        f"/memberships/{membership.pk}/end", {"ends_on": graduation.isoformat()}
    )
    membership.refresh_from_db()
    assert membership.ends_on == graduation


def test_role_cannot_end_before_it_started(api_as, coordinator, trainee):
    membership = Membership.objects.get(user=trainee)
    response = api_as(coordinator).post(
        f"/memberships/{membership.pk}/end", {"ends_on": "2001-01-01"}
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"ends_on": ["A role can't end before it starts."]}
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_trainee_cannot_end_their_own_role_through_the_api(api_as, trainee):
    membership = Membership.objects.get(user=trainee)
    response = api_as(trainee).post(f"/memberships/{membership.pk}/end")
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.ends_on is None


def test_director_of_another_program_cannot_see_or_end_the_role(api_as, director, trainee):
    membership = Membership.objects.get(user=trainee)
    response = api_as(director).post(f"/memberships/{membership.pk}/end")
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
