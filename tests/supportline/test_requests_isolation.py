"""Who may reach a request: the outsider, a mentor of another line or institution, and staff who
run programs but don't read content all get 404, on pages and in the API."""

import pytest
from django.test import Client
from django.urls import reverse

from nearpeer.supportline.models import SupportRequest
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["supportline:support_request", "supportline:support_request_messages"]
ACTIONS = [
    "supportline:support_request_accept",
    "supportline:support_request_pass",
    "supportline:support_request_acknowledge",
    "supportline:support_request_close",
    "supportline:support_request_risk",
    "supportline:support_request_phone",
]
API_ACTIONS = {
    "accept": {},
    "pass": {"reason": ""},
    "acknowledge": {"note": "seen"},
    "close": {},
    "risk": {"risk": "high", "reason": "x"},
}


@pytest.fixture
def request_(submit_request, trainee):
    return submit_request(
        requester=trainee,
        anonymous=False,
        self_harm_answer=True,
        danger_answer=False,
        message="private words",
    ).request


@pytest.fixture(
    params=["outsider", "lakeshore_mentor", "other_line_mentor", "coordinator", "office_admin"]
)
def stranger(request):
    return request.getfixturevalue(request.param)


def test_strangers_get_404_for_the_request_pages_and_actions(request_, stranger, sign_in):
    client = sign_in(stranger, Client())
    for name in PAGES:
        response = client.get(reverse(name, args=[request_.pk]))
        assert response.status_code == 404, name
        assert "private words" not in response.content.decode()
    for name in ACTIONS:
        assert client.post(reverse(name, args=[request_.pk])).status_code == 404, name
    assert (
        client.post(
            reverse("supportline:support_request_messages", args=[request_.pk]), {"body": "x"}
        ).status_code
        == 404
    )
    request_.refresh_from_db()
    assert request_.status == "offered" and request_.messages.count() == 0


def test_strangers_get_404_in_the_api(request_, stranger, sign_in):
    client = sign_in(stranger, Client())
    base = f"/api/v1/support/requests/{request_.pk}"
    assert client.get(f"{base}/messages").status_code == 404
    assert (
        client.post(f"{base}/messages", {"body": "x"}, content_type="application/json").status_code
        == 404
    )
    for action, body in API_ACTIONS.items():
        response = client.post(f"{base}/{action}", body, content_type="application/json")
        assert response.status_code == 404, action


@pytest.mark.parametrize("who", ["outsider", "coordinator", "office_admin", "trainee"])
def test_queue_and_board_are_404_for_people_who_are_not_mentors_or_professionals(
    who, request, sign_in, line
):
    client = sign_in(request.getfixturevalue(who), Client())
    for url in (reverse("supportline:support_queue"), reverse("supportline:support_board")):
        assert client.get(url).status_code == 404, url
    for url in ("/api/v1/support/queue", "/api/v1/support/board"):
        assert client.get(url).status_code == 404, url


def test_outsider_cannot_reach_out_to_ridgeviews_line_as_a_member(outsider, sign_in, shift):
    response = sign_in(outsider).post(
        "/api/v1/support/requests", {"message": "hi"}, content_type="application/json"
    )
    assert response.status_code == 404
    page = sign_in(outsider).get(reverse("supportline:support_talk")).content.decode()
    assert "doesn't have a peer-support line" in page
    assert SupportRequest.objects.count() == 0


def test_another_trainee_cannot_see_someone_elses_request(request_, program, sign_in):
    classmate = UserFactory()
    MembershipFactory(user=classmate, program=program)
    client = sign_in(classmate, Client())
    assert client.get(reverse("supportline:support_request", args=[request_.pk])).status_code == 404
    assert client.get(f"/api/v1/support/requests/{request_.pk}/messages").status_code == 404


def test_the_requester_cannot_act_as_staff_on_their_own_request(request_, trainee, sign_in):
    client = sign_in(trainee, Client())
    assert client.get(reverse("supportline:support_request", args=[request_.pk])).status_code == 200
    for name in ACTIONS:
        assert client.post(reverse(name, args=[request_.pk])).status_code == 404, name


def test_an_anonymous_link_does_not_open_without_its_code_in_another_browser(
    submit_request, client
):
    submitted = submit_request(self_harm_answer=False, danger_answer=False, message="hi")
    url = reverse("supportline:support_return_messages", args=[submitted.return_token])
    assert client.get(url).status_code == 404
    assert client.post(url, {"body": "x"}).status_code == 404
