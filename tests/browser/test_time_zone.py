"""A trainee far from UTC reads session times in their own zone and may choose another."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.browser.support import check_axe, sign_in_cookie
from tests.meetings.factories import RsvpFactory
from tests.meetings.support_attendance import meeting_at

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")


@pytest.mark.parametrize("size", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_trainee_reads_local_times_and_chooses_their_own_zone(
    size, page, live_server, program, trainee
):
    # given a residency on Kiritimati time with a session at 12:35 there (22:35 UTC)
    program.time_zone = "Pacific/Kiritimati"
    program.save(update_fields=["time_zone"])
    day = timezone.now().astimezone(KIRITIMATI).date() + datetime.timedelta(days=3)
    starts = datetime.datetime.combine(day, datetime.time(12, 35), tzinfo=KIRITIMATI)
    RsvpFactory(meeting=meeting_at(program, starts), user=trainee)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in_cookie(page.context, trainee, live_server.url)

    # when the trainee opens upcoming sessions, the time is local and the zone is named
    page.goto("/sessions/upcoming/")
    body = page.locator("main").inner_text()
    assert "12:35" in body and "Times are in Pacific/Kiritimati" in body
    check_axe(page)

    # when they choose Pago Pago time on their time-zone page
    page.goto("/me/settings/")
    assert "Pacific/Kiritimati" in page.locator("main").inner_text()
    check_axe(page)
    page.get_by_label("Show my times in").select_option("Pacific/Pago_Pago")
    page.get_by_role("button", name="Save").click()
    assert "now shown in Pacific/Pago_Pago" in page.locator("main").inner_text()

    # then the same session reads 11:35, Pago Pago time
    page.goto("/sessions/upcoming/")
    body = page.locator("main").inner_text()
    assert "11:35" in body and "Times are in Pacific/Pago_Pago" in body
