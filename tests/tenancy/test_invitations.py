"""Adding a person by email never reveals whether the address has an account, and a role reaches
someone new to this institution only when they accept an emailed invitation."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from nearpeer.accounts.models import User
from nearpeer.tenancy import invitations
from nearpeer.tenancy.models import Invitation, Membership, Role
from tests.factories import MembershipFactory, UserFactory


def _add(client, program, email, role="trainee", full_name=""):
    return client.post(
        f"/programs/{program.pk}/members/add/",
        {"email": email, "full_name": full_name, "role": role},
        follow=True,
    )


def _invite(by, program, email, role=Role.TRAINEE):
    return invitations.person_add(
        by=by, email=email, role=role, institution=program.institution, program=program
    )


def _path(link: str) -> str:
    return re.sub(r"^https?://[^/]+", "", link)


# --- what the adder learns -------------------------------------------------------------------


def test_adding_another_institutions_office_admin_reveals_nothing_and_grants_nothing(
    sign_in, office_admin, outsider, program
):
    # given Oscar runs Lakeshore's office and has a nearpeer account
    # when Ridgeview's office adds his email as a peer mentor
    page = _add(sign_in(office_admin), program, outsider.email, role="peer_mentor").content
    # then the page shows neither his name nor any sign that the address is known
    assert b"Oscar" not in page
    # and no role reached him: he is only invited
    assert not Membership.objects.filter(user=outsider, institution=program.institution).exists()
    assert Invitation.objects.filter(email=outsider.email, program=program).exists()


def test_known_and_unknown_emails_get_the_same_answer(sign_in, office_admin, outsider, program):
    client = sign_in(office_admin)

    def told(email):
        response = _add(client, program, email)
        return [str(m).replace(email, "EMAIL") for m in response.context["messages"]]

    assert told(outsider.email) == told("nobody.yet@example.edu")
    assert told("nobody.yet@example.edu") == [
        "We emailed an invitation to EMAIL. Their role in Ridgeview Internal Medicine Residency "
        "starts when they accept it."
    ]


def test_an_unknown_email_is_never_told_it_is_new(sign_in, coordinator, program):
    page = _add(sign_in(coordinator), program, "fresh@example.edu").content.decode()
    assert "new to nearpeer" not in page
    assert not User.objects.filter(email="fresh@example.edu").exists()


def test_someone_the_coordinator_already_sees_gets_the_role_at_once(
    sign_in, coordinator, trainee, program
):
    page = _add(sign_in(coordinator), program, trainee.email, role="peer_facilitator")
    assert "Tara Trainee was added" in page.content.decode()
    assert Membership.objects.filter(user=trainee, role=Role.PEER_FACILITATOR).exists()


def test_someone_in_another_program_the_coordinator_does_not_run_is_invited(
    sign_in, coordinator, director, program
):
    # Dana directs Ridgeview's other program; Cole can't see her, so he learns nothing of her.
    page = _add(sign_in(coordinator), program, director.email).content.decode()
    assert "Dana" not in page
    assert Invitation.objects.filter(email=director.email, program=program).exists()


# --- the email and the link ------------------------------------------------------------------


def test_the_invitation_is_emailed_once_with_a_working_link(
    office_admin, program, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = _invite(office_admin, program, "nia@example.edu")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nia@example.edu"]
    link = invitations.invitation_link(invitation)
    assert link in message.body
    # a retried task sends nothing twice
    assert invitations.invitation_send(invitation_id=invitation.pk) is False
    assert len(mail.outbox) == 1


def test_an_altered_link_opens_nothing(client, office_admin, program):
    invitation = _invite(office_admin, program, "nia@example.edu")
    path = _path(invitations.invitation_link(invitation))
    assert client.get(path[:-3] + "xyz/").status_code == 404
    assert client.get("/invitations/accept/not-a-token/").status_code == 404


def test_the_database_alone_cannot_make_a_link(office_admin, program, settings):
    invitation = _invite(office_admin, program, "nia@example.edu")
    link = invitations.invitation_link(invitation)
    settings.SECRET_KEY = "another-key-" + "x" * 40
    assert invitations.invitation_from_token(_path(link).split("/")[-2]) is None


# --- accepting -------------------------------------------------------------------------------


def test_someone_new_accepts_by_choosing_a_password_then_signs_in(client, office_admin, program):
    invitation = _invite(office_admin, program, "nia@example.edu")
    path = _path(invitations.invitation_link(invitation))
    page = client.get(path)
    assert page.status_code == 200
    assert "Choose a password" in page.content.decode()
    response = client.post(
        path,
        {
            "full_name": "Nia New",
            "password1": "a-long-safe-phrase-42",
            "password2": "a-long-safe-phrase-42",
        },
    )
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    nia = User.objects.get(email="nia@example.edu")
    assert nia.full_name == "Nia New"
    assert Membership.objects.active().filter(user=nia, program=program, role="trainee").exists()
    assert nia.check_password("a-long-safe-phrase-42")


def test_a_weak_password_is_refused_and_nothing_is_created(client, office_admin, program):
    invitation = _invite(office_admin, program, "nia@example.edu")
    path = _path(invitations.invitation_link(invitation))
    page = client.post(path, {"full_name": "Nia", "password1": "password", "password2": "password"})
    assert page.status_code == 200
    assert "too common" in page.content.decode()
    assert not User.objects.filter(email="nia@example.edu").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_someone_with_an_account_signs_in_and_then_accepts(
    client, sign_in, office_admin, outsider, program
):
    invitation = _invite(office_admin, program, outsider.email)
    path = _path(invitations.invitation_link(invitation))
    outsider.set_password("oscar-has-a-password-1")
    outsider.save()
    page = client.get(path).content.decode()
    assert "Sign in to accept" in page and "Choose a password" not in page
    # a form post without signing in does not set a new password on his account
    client.post(
        path, {"full_name": "X", "password1": "takeover-123456", "password2": "takeover-123456"}
    )
    outsider.refresh_from_db()
    assert outsider.check_password("oscar-has-a-password-1")
    # signed in, he accepts by choice
    response = sign_in(outsider).post(path)
    assert response.status_code == 302
    assert Membership.objects.active().filter(user=outsider, program=program).exists()


def test_a_different_signed_in_person_cannot_accept(sign_in, office_admin, trainee, program):
    invitation = _invite(office_admin, program, "nia@example.edu")
    path = _path(invitations.invitation_link(invitation))
    client = sign_in(trainee)
    page = client.get(path).content.decode()
    assert "this invitation was sent to" in page and "nia@example.edu" in page
    client.post(path)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert (
        not Membership.objects.filter(user=trainee, role="trainee")
        .exclude(program=program)
        .exists()
    )


def test_a_withdrawn_invitation_can_no_longer_be_accepted(client, sign_in, office_admin, program):
    invitation = _invite(office_admin, program, "nia@example.edu")
    path = _path(invitations.invitation_link(invitation))
    response = sign_in(office_admin, Client()).post(f"/invitations/{invitation.pk}/withdraw/")
    assert response.status_code == 302
    page = client.post(
        path,
        {
            "full_name": "Nia",
            "password1": "a-long-safe-phrase-42",
            "password2": "a-long-safe-phrase-42",
        },
    )
    assert "withdrawn" in page.content.decode()
    assert not User.objects.filter(email="nia@example.edu").exists()


def test_an_expired_invitation_can_no_longer_be_accepted(client, office_admin, program):
    invitation = _invite(office_admin, program, "nia@example.edu")
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    path = _path(invitations.invitation_link(invitation))
    assert "expired" in client.get(path).content.decode()


def test_an_invitation_dies_with_the_inviters_role(sign_in, coordinator, program, ridgeview):
    invitation = _invite(coordinator, program, "nia@example.edu")
    Membership.objects.filter(user=coordinator).update(ended_at=timezone.now())
    nia = UserFactory(email="nia@example.edu")
    page = sign_in(nia).post(_path(invitations.invitation_link(invitation))).content.decode()
    assert "no longer valid" in page
    assert not Membership.objects.filter(user=nia).exists()


def test_a_second_invitation_to_the_same_role_replaces_the_first(office_admin, program):
    first = _invite(office_admin, program, "nia@example.edu")
    second = _invite(office_admin, program, "nia@example.edu")
    first.refresh_from_db()
    assert first.status == Invitation.Status.REVOKED
    assert second.status == Invitation.Status.PENDING


# --- who sees invitations --------------------------------------------------------------------


def test_the_program_page_lists_waiting_invitations_in_the_programs_time_zone(
    sign_in, coordinator, program
):
    program.time_zone = "Pacific/Kiritimati"  # UTC+14: the date differs from UTC most of the day
    program.save(update_fields=["time_zone"])
    invitation = _invite(coordinator, program, "nia@example.edu")
    page = sign_in(coordinator).get(f"/programs/{program.pk}/").content.decode()
    assert "nia@example.edu" in page and "Withdraw" in page
    local = timezone.localtime(
        invitation.expires_at, timezone=zoneinfo.ZoneInfo("Pacific/Kiritimati")
    )
    assert local.strftime("%-d %b %Y") in page


@pytest.mark.parametrize("who", ["outsider", "director", "trainee"])
def test_others_cannot_withdraw_or_see_an_invitation(request, sign_in, coordinator, program, who):
    invitation = _invite(coordinator, program, "nia@example.edu")
    person = request.getfixturevalue(who)
    client = sign_in(person)
    assert client.post(f"/invitations/{invitation.pk}/withdraw/").status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == Invitation.Status.PENDING


def test_an_invitation_to_someone_already_visible_is_not_needed(office_admin, program):
    person = MembershipFactory(program=program, role=Role.TRAINEE).user
    added = _invite(office_admin, program, person.email, role=Role.PEER_FACILITATOR)
    assert isinstance(added, Membership)
