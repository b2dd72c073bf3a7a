"""The Makefile's `make demo`, read with `make --dry-run` (nothing is run or installed)."""

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def dry_run(*args: str) -> str:
    env = {"PATH": "/usr/bin:/bin"}  # no SITE_URL from the caller's environment
    done = subprocess.run(
        ["make", "--dry-run", "--always-make", *args],  # noqa: S607
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return done.stdout


def test_make_demo_runs_web_server_worker_and_ticks_together():
    commands = dry_run("demo")
    assert "nearpeer migrate --noinput" in commands
    assert "nearpeer demo" in commands
    assert "nearpeer run_all 127.0.0.1:8000" in commands
    assert "runserver" not in commands


def test_make_demo_on_another_port_points_links_at_that_port():
    commands = dry_run("demo", "PORT=8123")
    assert "SITE_URL=http://127.0.0.1:8123 .venv/bin/nearpeer demo" in commands
    assert "SITE_URL=http://127.0.0.1:8123 .venv/bin/nearpeer run_all 127.0.0.1:8123" in commands
