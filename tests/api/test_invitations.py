"""Invitations through the API: the same answer for any email, and only the program's staff
and its institution's office see or withdraw them."""

from nearpeer.tenancy import invitations
from nearpeer.tenancy.models import Invitation, Membership, Role
from tests.api.conftest import ids


def _invite(by, program, email):
    return invitations.person_add(
        by=by, email=email, role=Role.TRAINEE, institution=program.institution, program=program
    )


def test_adding_by_email_is_the_same_through_the_api(api_as, office_admin, outsider, program):
    api = api_as(office_admin)
    body = {"role": "trainee", "program_id": program.pk, "full_name": ""}
    known = api.post("/memberships", body | {"email": outsider.email})
    unknown = api.post("/memberships", body | {"email": "nobody.yet@example.edu"})
    assert known.status_code == unknown.status_code == 202
    strip = {"id", "email", "created_at", "expires_at"}
    assert {k: v for k, v in known.json().items() if k not in strip} == {
        k: v for k, v in unknown.json().items() if k not in strip
    }
    assert "Oscar" not in known.content.decode()
    assert not Membership.objects.filter(user=outsider, institution=program.institution).exists()


def test_staff_list_their_programs_invitations(api_as, coordinator, office_admin, program):
    invitation = _invite(coordinator, program, "nia@example.edu")
    assert invitation.pk in ids(api_as(coordinator).get("/invitations"))
    assert invitation.pk in ids(api_as(office_admin).get("/invitations", status="pending"))
    assert invitation.pk not in ids(api_as(office_admin).get("/invitations", status="accepted"))


def test_outsider_and_trainee_neither_list_nor_withdraw_an_invitation(
    api_as, coordinator, outsider, trainee, director, program
):
    invitation = _invite(coordinator, program, "nia@example.edu")
    for person in (outsider, trainee, director):
        api = api_as(person)
        assert invitation.pk not in ids(api.get("/invitations"))
        assert api.post(f"/invitations/{invitation.pk}/withdraw").status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_coordinator_withdraws_an_invitation(api_as, coordinator, program):
    invitation = _invite(coordinator, program, "nia@example.edu")
    response = api_as(coordinator).post(f"/invitations/{invitation.pk}/withdraw")
    assert response.status_code == 200
    assert response.json()["status"] == "revoked"
    again = api_as(coordinator).post(f"/invitations/{invitation.pk}/withdraw")
    assert again.status_code == 400
