"""The API's interactive docs render from our own static files under our Content-Security-Policy,
and every page has its icon."""

import pytest

pytestmark = pytest.mark.browser
live_db = pytest.mark.django_db(transaction=True)


@live_db
def test_api_docs_show_the_operations_with_nothing_blocked(page, live_server):
    # the page fixture fails the test on any CSP violation the browser reports
    outside = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    response = page.goto("/api/v1/docs")
    assert response.ok
    page.get_by_text("/api/v1/memberships", exact=False).first.wait_for()
    assert page.locator(".opblock").count() > 10
    assert outside == []


@live_db
def test_every_page_has_an_icon_that_loads(page, trainee):
    for path in ("/", "/accounts/login/", "/api/v1/docs"):
        page.goto(path)
        href = page.locator("link[rel=icon]").first.get_attribute("href")
        assert href, f"{path} has no icon"
        icon = page.request.get(href)
        assert icon.status == 200, f"{path}: {href} answered {icon.status}"
        assert "svg" in icon.headers["content-type"]
