"""A facilitator takes attendance on a phone: one tap per person, big targets, a server-side
search, and the page passes axe."""

import datetime

import pytest
from django.utils import timezone

from nearpeer.meetings.models import Attendance
from nearpeer.tenancy.models import Role
from tests.browser.support import check_axe, sign_in_cookie
from tests.conftest import _member
from tests.meetings.factories import RsvpFactory
from tests.meetings.support_attendance import meeting_at, trainees

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_marks_people_present_with_one_tap_each_on_a_phone(
    page, live_server, program
):
    # given a session that started five minutes ago, led by a peer facilitator, on a phone
    peer = _member(Role.PEER_FACILITATOR, program, full_name="Pat Peer")
    people = trainees(program, ["Ada Alvarez", "Ben Brooks", "Cleo Zimmer", "Dev Diaz"])
    meeting = meeting_at(
        program, timezone.now() - datetime.timedelta(minutes=5), facilitators=[peer]
    )
    RsvpFactory(meeting=meeting, user=people[3])
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_cookie(page.context, peer, live_server.url)
    page.goto(f"/sessions/meetings/{meeting.pk}/attendance/")
    check_axe(page)
    rows = page.locator("#attendance-list > li")
    assert rows.first.inner_text().startswith("Dev Diaz")  # said they'd come: listed first

    # when they tap Ada and Cleo once each
    for person in (people[0], people[2]):
        button = page.locator(f"#person-{person.pk} button")
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 300  # a big touch target
        button.click()
        page.locator(f'#person-{person.pk} button[aria-pressed="true"]').wait_for()

    # then exactly those two are present, the count says so, and nothing scrolls sideways
    assert page.locator("#present-count").inner_text() == "2"
    marked = set(Attendance.objects.filter(meeting=meeting).values_list("user_id", flat=True))
    assert marked == {people[0].pk, people[2].pk}
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    check_axe(page)

    # when they search for "zim", the server narrows the list
    page.get_by_label("Find a person").press_sequentially("zim")
    page.locator(f"#person-{people[0].pk}").wait_for(state="detached")
    assert rows.count() == 1 and "Cleo Zimmer" in rows.first.inner_text()

    # and one more tap undoes a mistake
    page.locator(f"#person-{people[2].pk} button").click()
    page.locator(f'#person-{people[2].pk} button[aria-pressed="false"]').wait_for()
    assert not Attendance.objects.filter(meeting=meeting, user=people[2]).exists()
    check_axe(page)
