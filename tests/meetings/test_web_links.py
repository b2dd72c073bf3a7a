"""A session's video link is an http(s) address, checked by the form, the API, the service and
the model; and a page only ever links to one (issue #7, defect 7)."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from nearpeer.meetings import services
from nearpeer.meetings.forms import MeetingEditForm
from nearpeer.meetings.models import Meeting, Series
from nearpeer.weblinks import NOT_A_WEB_ADDRESS
from tests.api.conftest import ApiClient
from tests.meetings.factories import MeetingFactory, SeriesFactory
from tests.support import api_token_for

pytestmark = pytest.mark.django_db
NOT_WEB = ["javascript:alert(1)", "JavaScript:alert(document.cookie)", "data:text/html,hi",
           "ftp://files.example.edu/x", "vbscript:msgbox(1)"]  # fmt: skip


@pytest.fixture
def meeting(program):
    return MeetingFactory(series=SeriesFactory(program=program))


@pytest.mark.parametrize("link", NOT_WEB)
def test_the_api_refuses_a_video_link_that_is_not_a_web_address(coordinator, program, link):
    response = ApiClient(api_token_for(coordinator)).post(
        "/series",
        {"program_id": program.pk, "name": "Online", "weekday": 2, "start_time": "12:00",
         "modality": "virtual", "video_link": link, "starts_on": "2026-09-01",
         "ends_on": "2027-05-31"},
    )  # fmt: skip
    assert response.status_code == 422
    assert response.json()["errors"]["video_link"] == [NOT_A_WEB_ADDRESS]
    assert not Series.objects.exists()


@pytest.mark.parametrize("link", NOT_WEB)
def test_the_service_refuses_it_whoever_calls(coordinator, meeting, link):
    with pytest.raises(ValidationError) as caught:
        services.meeting_update(by=coordinator, meeting=meeting, room="", video_link=link,
                                modality="virtual", plan=None)  # fmt: skip
    assert caught.value.message_dict == {"video_link": [NOT_A_WEB_ADDRESS]}
    meeting.refresh_from_db()
    assert meeting.video_link == ""


def test_the_model_refuses_it_too(meeting):
    meeting.video_link = "javascript:alert(1)"
    with pytest.raises(ValidationError) as caught:
        meeting.full_clean()
    assert NOT_A_WEB_ADDRESS in caught.value.message_dict["video_link"]


def test_the_edit_form_says_to_give_a_web_address(program):
    form = MeetingEditForm(
        {"modality": "virtual", "room": "", "video_link": "javascript:alert(1)"}, plans=None
    )
    assert not form.is_valid()
    assert form.errors["video_link"] == [NOT_A_WEB_ADDRESS]


def test_the_edit_form_still_takes_an_address_typed_without_https(program):
    form = MeetingEditForm({"modality": "virtual", "video_link": "meet.example.edu/x"}, plans=None)
    form.is_valid()
    assert form.cleaned_data["video_link"] == "https://meet.example.edu/x"


def test_a_stored_javascript_link_is_not_made_a_link_on_the_session_page(
    sign_in, coordinator, meeting
):
    # given a row written before the checks existed
    Meeting.objects.filter(pk=meeting.pk).update(video_link="javascript:alert(1)")
    # when staff open the session page
    page = sign_in(coordinator).get(f"/sessions/meetings/{meeting.pk}/").content.decode()
    # then nothing links to it
    assert 'href="javascript:' not in page
    assert "<dt>Video link</dt>" not in page


def test_a_web_video_link_is_a_link_on_the_session_page(sign_in, coordinator, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(video_link="https://meet.example.edu/ridge")
    page = sign_in(coordinator).get(f"/sessions/meetings/{meeting.pk}/").content.decode()
    assert '<a href="https://meet.example.edu/ridge">' in page


def test_the_migration_blanks_links_of_other_schemes(meeting):
    Meeting.objects.filter(pk=meeting.pk).update(video_link="javascript:alert(1)")
    Series.objects.filter(pk=meeting.series_id).update(video_link="HTTPS://meet.example.edu/a")
    migration = importlib.import_module("nearpeer.meetings.migrations.0002_http_links_only")
    migration.blank_other_schemes(apps, None)
    meeting.refresh_from_db()
    meeting.series.refresh_from_db()
    assert meeting.video_link == ""
    assert meeting.series.video_link == "HTTPS://meet.example.edu/a"
