"""The support line as a signed-in requester and as the professional backup, on a phone and on a
desktop: reaching out under one's name, reloading the confirmation (nothing is sent again),
finding the conversation in My conversations; the backup's board keeps Acknowledge in view and
the conversation shows why the mentor raised the risk. Every page passes axe."""

import pytest

from nearpeer.supportline.models import Notification, SupportRequest
from nearpeer.supportline.services import handling, intake
from tests.browser.support import check_axe, sign_in_cookie
from tests.supportline.conftest import make_line, make_mentor, make_professional, put_on_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def on_call(ridgeview, program):
    line = make_line(ridgeview, [program], name="Ridgeview Peer Support Line")
    mentor = make_mentor(
        line, program, email="mia.mentor@ridgeview.example", full_name="Mia Mentor"
    )
    backup = make_professional(ridgeview, email="wes.wellness@ridgeview.example")
    put_on_call(line, mentor, backup)
    return line, mentor, backup


def _fits(page, size) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_a_named_requester_reaches_out_reloads_and_finds_the_conversation(
    page, live_server, on_call, trainee, size
):
    page.set_viewport_size(size)
    sign_in_cookie(page.context, trainee, live_server.url)

    # Talk to a peer, under their name, saying they are having thoughts of ending their life
    page.goto("/support/talk/")
    check_axe(page)
    page.locator("fieldset", has_text="thoughts of harming yourself").get_by_label(
        "Yes", exact=True
    ).check()
    page.locator("fieldset", has_text="in danger from someone").get_by_label(
        "No", exact=True
    ).check()
    page.get_by_label("Stay anonymous").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Reach out now").click()

    # the confirmation: crisis help first, then thanks and the way back
    assert "?sent=1" in page.url
    assert page.locator(".crisis-box").first.is_visible()
    assert "Thank you for reaching out" in page.content()
    _fits(page, size)
    check_axe(page)
    alerts = Notification.objects.filter(kind=Notification.Kind.HIGH_RISK).count()

    # reloading it sends nothing again
    page.reload()
    assert SupportRequest.objects.count() == 1
    assert Notification.objects.filter(kind=Notification.Kind.HIGH_RISK).count() == alerts

    # home leads to My conversations, which leads back to the conversation
    page.goto("/")
    with page.expect_navigation():
        page.get_by_role("link", name="My conversations").first.click()
    check_axe(page)
    _fits(page, size)
    request = SupportRequest.objects.get()
    with page.expect_navigation():
        page.locator(f'a[href="/support/requests/{request.pk}/"]').click()
    assert "Your conversation" in page.locator("h1").inner_text()


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_the_backup_acknowledges_from_the_board_and_reads_the_mentors_reason(
    page, live_server, on_call, size
):
    line, mentor, backup = on_call
    submitted = intake.request_create(line=line, self_harm_answer=False, danger_answer=False)
    request = handling.request_accept(by=mentor, request=submitted.request)
    handling.request_risk_raise(
        by=mentor, request=request, risk="high", reason="Talked about a plan for tonight"
    )
    page.set_viewport_size(size)
    sign_in_cookie(page.context, backup, live_server.url)

    # home says what needs them now
    page.goto("/")
    assert "1 high-risk request waiting" in page.locator("#support-now-heading + ul").inner_text()
    check_axe(page)

    # the board shows Acknowledge within the screen, without scrolling sideways
    page.goto("/support/board/")
    check_axe(page)
    acknowledge = page.get_by_role("link", name=f"Acknowledge request {request.pk}")
    box = acknowledge.bounding_box()
    assert box and box["x"] + box["width"] <= size["width"]
    _fits(page, size)

    # the conversation shows the mentor's reason and labels the mentor by role
    with page.expect_navigation():
        acknowledge.click()
    history = page.locator(".risk-history").inner_text()
    assert "Talked about a plan for tonight" in history and "Mia Mentor" in history
    check_axe(page)
    page.get_by_label("What did you do?").fill("Called them; safe with a friend tonight.")
    with page.expect_navigation():
        page.get_by_role("button", name="Acknowledge").click()
    assert SupportRequest.objects.get(pk=request.pk).acknowledged_at is not None
    check_axe(page)
