"""The coordinator's main journey, at phone size and on a desktop: home says which sessions have
nobody to lead them, the season page is one click away, and staffing them works. The staff session
page and the institution page fit a phone's width."""

import pytest

from nearpeer.meetings import services
from nearpeer.meetings.models import Facilitation
from tests.browser.support import check_axe, sign_in_cookie
from tests.meetings.conftest import make_series, peers, year  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=list(SIZES))
def sized(request, browser, live_server):
    ctx = browser.new_context(base_url=live_server.url, viewport=SIZES[request.param])
    ctx.set_default_timeout(15_000)
    yield request.param, ctx
    ctx.close()


def _fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{page.url} scrolls sideways at phone size ({width}px wide)"


def test_coordinator_sees_unstaffed_sessions_at_home_and_staffs_them(
    sized,
    live_server,
    coordinator,
    program,
    peers,  # noqa: F811
    make_series,  # noqa: F811
):
    size, ctx = sized
    series, _ = make_series()
    count = series.meetings.count()
    page = ctx.new_page()
    sign_in_cookie(ctx, coordinator, live_server.url)

    # home says what needs the coordinator now
    page.goto("/home/")
    check_axe(page)
    assert f"{count} upcoming sessions with no facilitators" in page.content()
    if size == "phone":
        _fits(page)

    # one click to the season
    with page.expect_navigation():
        page.get_by_role("link", name=f"Open the season of {program.name}").click()
    check_axe(page)
    assert "Staff all upcoming sessions" in page.content()

    # staffing them from there
    with page.expect_navigation():
        page.get_by_role("button", name="Staff all upcoming sessions").click()
    assert f"{count} of {count} upcoming sessions are staffed" in page.content()
    check_axe(page)
    assert Facilitation.objects.filter(meeting__series=series).count() == 2 * count

    # and home no longer lists them
    page.goto("/home/")
    assert "with no facilitators" not in page.content()


def test_the_staff_session_page_and_institution_page_fit_a_phone(
    browser,
    live_server,
    coordinator,
    office_admin,
    ridgeview,
    program,
    peers,  # noqa: F811
    make_series,  # noqa: F811
):
    # a hybrid session with a long video link, staffed, as the staff see it
    series, _ = make_series(
        modality="hybrid",
        video_link="https://video.example.edu/rooms/ridgeview-internal-medicine-wellbeing-noon",
    )
    services.series_schedule(series=series, by=coordinator)
    meeting = series.meetings.order_by("starts_at").first()
    ctx = browser.new_context(base_url=live_server.url, viewport=SIZES["phone"])
    try:
        page = ctx.new_page()
        sign_in_cookie(ctx, coordinator, live_server.url)
        page.goto(f"/sessions/meetings/{meeting.pk}/")
        check_axe(page)
        _fits(page)
        ctx.clear_cookies()
        sign_in_cookie(ctx, office_admin, live_server.url)
        page.goto(f"/institutions/{ridgeview.pk}/")
        check_axe(page)
        _fits(page)
    finally:
        ctx.close()
