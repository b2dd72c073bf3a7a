"""On a phone (390x844), a trainee whose request is high risk, or who would rather not say, finds
the crisis numbers on the first screen of the very next page, without scrolling; the backup's board
says why in plain words. Every page passes axe."""

import pytest

from nearpeer.supportline.models import SupportRequest
from tests.browser.support import answer_talk_form, check_axe, sign_in_cookie
from tests.supportline.conftest import make_line, make_mentor, make_professional, put_on_call

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def on_call(ridgeview, program):
    ridgeview.emergency_phone = "555-0100"
    ridgeview.save()
    line = make_line(ridgeview, [program], name="Ridgeview Peer Support Line")
    mentor = make_mentor(line, program, email="mia.mentor@ridgeview.example", full_name="Mia")
    backup = make_professional(ridgeview, email="wes.wellness@ridgeview.example")
    put_on_call(line, mentor, backup)
    return line, mentor, backup


def _reach_out(page, *, self_harm: str, message: str) -> None:
    page.goto("/support/talk/")
    answer_talk_form(page, self_harm=self_harm, message=message)


def _first_link_on_first_screen(page) -> str:
    box = page.locator(".crisis-box").first
    link = box.locator("a[href^='tel:']").first
    bounds = link.bounding_box()
    assert bounds is not None and bounds["y"] >= 0
    assert bounds["y"] + bounds["height"] <= PHONE["height"], bounds
    assert page.evaluate("window.scrollY") == 0
    return box.inner_text()


@pytest.mark.parametrize(
    ("self_harm", "message", "heading", "risk"),
    [
        ("No", "I want to end my life", "help is here right now", "high"),
        ("I'd rather not say", "a hard week", "Help is here whenever you need it", "elevated"),
    ],
    ids=["high-risk text", "rather not say"],
)
def test_crisis_numbers_are_on_the_phones_first_screen_after_sending(
    self_harm, message, heading, risk, page, live_server, on_call, trainee
):
    _, _, backup = on_call
    # given a signed-in trainee on a phone
    page.set_viewport_size(PHONE)
    sign_in_cookie(page.context, trainee, live_server.url)

    # when they send a request
    _reach_out(page, self_harm=self_harm, message=message)

    # then the crisis line's first number is visible without scrolling, kindly introduced
    text = _first_link_on_first_screen(page)
    assert heading in text and "988" in text and "911" in text
    check_axe(page)
    request = SupportRequest.objects.get()
    assert request.risk == risk and request.needs_human_review

    # and the backup's board says why, in plain words
    board = page.context.browser.new_context(base_url=live_server.url)
    try:
        board_page = board.new_page()
        board_page.set_viewport_size(PHONE)
        sign_in_cookie(board, backup, live_server.url)
        board_page.goto("/support/board/")
        row = board_page.locator("#board-rows tr", has_text=f"Request {request.pk}").inner_text()
        if risk == "elevated":
            assert "chose not to answer the question about thoughts of self-harm" in row
        else:
            assert "mentions ending their life" in row
        check_axe(board_page)
    finally:
        board.close()
