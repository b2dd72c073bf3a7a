"""Reaching out on a phone: an anonymous student is matched to the on-call mentor and they talk
without reloading; a request in crisis shows resources at once and reaches the backup's board.
Every page passes axe, and the browser reports no CSP violation (see conftest)."""

import pytest

from nearpeer.supportline.models import SupportRequest
from tests.browser.support import (
    add_authenticator,
    answer_talk_form,
    check_axe,
    sign_in_cookie,
    sign_in_ui,
)
from tests.supportline.conftest import make_line, make_mentor, make_professional, put_on_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def on_call(ridgeview, program):
    ridgeview.emergency_phone = "555-0100"
    ridgeview.after_hours_counseling_phone = "555-0199"
    ridgeview.save()
    line = make_line(ridgeview, [program], name="Ridgeview Peer Support Line")
    mentor = make_mentor(line, program, email="mia.mentor@ridgeview.example", full_name="Mia")
    backup = make_professional(ridgeview, email="wes.wellness@ridgeview.example")
    put_on_call(line, mentor, backup)
    return line, mentor, backup


def _reach_out(page, line, *, self_harm: str, message: str) -> None:
    page.goto(f"/support/talk/{line.pk}/")
    check_axe(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_text("Loneliness", exact=True).click()  # a topic chip
    answer_talk_form(page, self_harm=self_harm, message=message)


def test_anonymous_student_on_a_phone_talks_with_the_on_call_mentor(
    page, browser, live_server, on_call
):
    line, mentor, _ = on_call
    # given an anonymous student on a phone-sized screen
    page.set_viewport_size(PHONE)

    # when they reach out through the line's public link
    _reach_out(page, line, self_harm="No", message="Homesick and can't focus on anything")

    # then they are told a mentor is being asked, with a private link and code to come back
    assert page.locator("#return-code").is_visible()
    assert (
        "A peer mentor has been asked to join" in page.locator("#conversation-status").inner_text()
    )
    check_axe(page)
    request = SupportRequest.objects.get()
    assert request.mentor_id == mentor.pk and request.anonymous

    # when the mentor, in another browser, signs in with their authenticator and accepts it
    add_authenticator(mentor)
    mentor_context = browser.new_context(base_url=live_server.url)
    mentor_context.set_default_timeout(10_000)
    mentor_page = mentor_context.new_page()
    try:
        sign_in_ui(mentor_page, mentor.email, totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
        mentor_page.goto("/support/queue/")
        check_axe(mentor_page)
        with mentor_page.expect_navigation():
            mentor_page.get_by_role("link", name=f"Request {request.pk}").click()
        check_axe(mentor_page)
        with mentor_page.expect_navigation():
            mentor_page.get_by_role("button", name="Accept").click()
        check_axe(mentor_page)
        mentor_page.get_by_label("Your message").fill("Hi, I'm Mia. Homesickness is so real.")
        mentor_page.get_by_role("button", name="Send").click()
        mentor_page.locator("#message-list").get_by_text("Homesickness is so real").wait_for()

        # then the student sees it without reloading, and answers
        page.locator("#message-list").get_by_text("Homesickness is so real").wait_for()
        assert "A peer mentor is with you" in page.locator("#conversation-status").inner_text()
        page.get_by_label("Your message").fill("Thank you, it helps to hear that")
        page.get_by_role("button", name="Send").click()
        page.locator("#message-list").get_by_text("it helps to hear that").wait_for()
        assert page.get_by_label("Your message").input_value() == ""  # the form is fresh
        check_axe(page)

        # and the mentor's page picks the answer up by itself
        mentor_page.locator("#message-list").get_by_text("it helps to hear that").wait_for()
        assert page.locator("#message-list li").count() == 3  # opening + two messages
    finally:
        mentor_context.close()


def test_request_in_crisis_shows_resources_at_once_and_reaches_the_backups_board(
    page, live_server, on_call
):
    line, _, backup = on_call
    page.set_viewport_size(PHONE)

    # when a student answers yes to the question about ending their life
    _reach_out(page, line, self_harm="Yes", message="")

    # then the first thing on the page is where to get help now
    crisis = page.locator(".crisis-box").first
    assert crisis.is_visible()
    assert "help is here right now" in crisis.inner_text()
    for needed in ("988", "911", "555-0100", "555-0199"):
        assert needed in crisis.inner_text()
    top = page.evaluate("document.querySelector('.crisis-box').getBoundingClientRect().top")
    heading = page.evaluate("document.querySelector('main h1').getBoundingClientRect().top")
    assert top < heading
    check_axe(page)

    # and the request is on the backup's live board
    request = SupportRequest.objects.get()
    assert request.risk == "high"
    board = page.context.browser.new_context(base_url=live_server.url)
    try:
        board_page = board.new_page()
        sign_in_cookie(board, backup, live_server.url)
        board_page.goto("/support/board/")
        row = board_page.locator("#board-rows tr", has_text=f"Request {request.pk}")
        assert "High" in row.inner_text()
        check_axe(board_page)
    finally:
        board.close()
