"""Browser tests: Debian's chromium driven by Playwright against pytest-django's live server.

Skipped when chromium is missing, unless NEARPEER_REQUIRE_BROWSER=1 (CI), which makes a missing
browser a failure. Every page a test visits is checked with axe; serious or critical findings fail.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous, so tell Django not to refuse them.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium_path() -> str | None:
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def chromium_path():
    path = _chromium_path()
    if path is None:
        reason = (
            "Debian's chromium is not installed (apt-get install chromium; see `make browser-deps`)"
        )
        if os.environ.get("NEARPEER_REQUIRE_BROWSER") == "1":
            pytest.fail(f"NEARPEER_REQUIRE_BROWSER=1 but {reason}.", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}.")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One chromium per xdist worker (session scope is per worker process)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, live_server):
    ctx = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    ctx.set_default_timeout(10_000)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """A fresh page. Content-Security-Policy violations reported by the browser fail the test."""
    the_page = context.new_page()
    csp_errors: list[str] = []
    the_page.on(
        "console",
        lambda msg: (
            csp_errors.append(f"{the_page.url}: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    yield the_page
    assert not csp_errors, "The browser blocked content under our CSP:\n" + "\n".join(csp_errors)
