"""Every page a demo person can reach by following links opens: each role signs in to the demo data
and follows every link on every page it reaches (GET only), and no page answers with a server error
or a link to a route that does not exist. This finds the broken links a renamed route leaves in a
template that no other test opens."""

import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.test import Client
from django.urls import Resolver404, resolve

from nearpeer.accounts.models import User
from nearpeer.demo import data as demo
from tests.support import mark_session_mfa_passed

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="([^"]+)"')
# Links that leave the signed-in pages or act on a click (sign out, downloads, the admin)
SKIP = re.compile(
    r"^/(accounts/(logout|password|email|3rdparty|mfa|reauthenticate)|admin/|api/|static/)"
)
PAGE_LIMIT = 400  # per person; the demo has far fewer pages than this
PER_ROUTE = 2  # pages of one route (one session, another session...) are alike: two of each


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    session = client.session
    mark_session_mfa_passed(session, user)
    session.save()
    return client


def _links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        url, _ = urldefrag(href.replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or SKIP.match(url):
            continue
        found.append(url)
    return found


def _crawl(client: Client, start: str) -> tuple[dict[str, int], list[str]]:
    seen: dict[str, int] = {}
    per_route: dict[str, int] = {}
    broken: list[str] = []
    queue = deque([(start, "(start)")])
    while queue and len(seen) < PAGE_LIMIT:
        url, came_from = queue.popleft()
        if url in seen:
            continue
        try:
            route = resolve(urlsplit(url).path).view_name
        except Resolver404:
            broken.append(f"{url} leads nowhere (linked from {came_from})")
            continue
        per_route[route] = per_route.get(route, 0) + 1
        if per_route[route] > PER_ROUTE:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code >= 500:
            broken.append(f"{url} answered {response.status_code} (linked from {came_from})")
            continue
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            queue.extend((link, url) for link in _links(response.content.decode()))
    return seen, broken


@pytest.fixture
def built(db):
    return demo.build()


def _people(built) -> list[str]:
    return [sign_in.email for sign_in in built.sign_ins]


def test_every_demo_person_can_follow_every_link_without_a_server_error(built):
    with_pages = {}
    problems = []
    for email in _people(built):
        user = User.objects.get(email=email)
        seen, broken = _crawl(_signed_in(user), "/home/")
        with_pages[email] = len(seen)
        problems += [f"{email}: {line}" for line in broken]
    assert not problems, "\n".join(problems)
    assert all(count > 3 for count in with_pages.values()), with_pages
