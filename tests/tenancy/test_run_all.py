"""`nearpeer run_all` (what `make demo` serves with): web server, task worker and periodic commands
from one command, all stopped together; and `nearpeer run_ticks`, its periodic commands."""

import importlib.util
import os
import signal
import subprocess
import sys
import time
import urllib.request
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command


def _env(data_dir: Path, port: int) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DEBUG", "NEARPEER_", "DATABASE_URL", "SITE_URL", "DJANGO_"))
    }
    return env | {
        "DEBUG": "true",
        "NEARPEER_DATA_DIR": str(data_dir),
        "SITE_URL": f"http://127.0.0.1:{port}",
    }


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run_all")
    done = subprocess.run(
        [sys.executable, "-m", "nearpeer", "migrate", "--noinput", "-v", "0"],
        env=_env(folder, 8000),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return folder


def _load_smoke():
    """The CI demo check's process helpers (reading the process tree from /proc): one copy."""
    path = Path(__file__).resolve().parents[2] / ".ci" / "demo_smoke.py"
    spec = importlib.util.spec_from_file_location("demo_smoke", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_smoke = _load_smoke()
_descendants, _alive, _free_port = _smoke.descendants, _smoke.alive, _smoke.free_port


def _start(data_dir: Path) -> tuple[subprocess.Popen, int]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "nearpeer", "run_all", f"127.0.0.1:{port}"],
        env=_env(data_dir, port),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as answer:  # noqa: S310
                if answer.status == 200:
                    return process, port
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail(f"run_all did not answer within 90 s:\n{process.communicate()[0]}")


def _wait_for_three_children(process: subprocess.Popen) -> set[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        below = _descendants(process.pid)
        names = {Path(f"/proc/{pid}/cmdline").read_bytes() for pid in below if _alive(pid)}
        joined = b" ".join(names)
        if all(c in joined for c in (b"runserver", b"db_worker", b"run_ticks")):
            return below
        time.sleep(0.2)
    pytest.fail("run_all did not start the web server, the worker and the periodic commands")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
def test_ctrl_c_stops_the_web_server_worker_and_ticks_leaving_no_orphan(data_dir):
    # given everything runs and answers
    process, _port = _start(data_dir)
    children = _wait_for_three_children(process)
    # when Ctrl-C
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    # then run_all ends cleanly, every child and grandchild with it
    assert process.returncode == 0, output
    assert "Press Ctrl-C to stop them all" in output
    assert not [pid for pid in children if _alive(pid)], output


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process tree from /proc")
def test_when_the_web_server_dies_the_worker_and_ticks_stop_too(data_dir):
    # given everything runs
    process, port = _start(data_dir)
    children = _wait_for_three_children(process)
    web = next(pid for pid in children if b"runserver" in Path(f"/proc/{pid}/cmdline").read_bytes())
    # when the web server dies
    os.kill(web, signal.SIGKILL)
    output, _ = process.communicate(timeout=30)
    # then run_all stops the rest and says why
    assert process.returncode != 0
    assert "The web server stopped" in output
    assert not [pid for pid in children if _alive(pid)], output


def test_run_all_warns_when_links_would_point_to_another_port(data_dir):
    port = _free_port()
    env = _env(data_dir, port) | {"SITE_URL": "http://127.0.0.1:8000"}
    process = subprocess.Popen(
        [sys.executable, "-m", "nearpeer", "run_all", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    expected = f"SITE_URL is http://127.0.0.1:8000, but the web server listens on 127.0.0.1:{port}"
    seen, deadline = [], time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        seen.append(process.stdout.readline())
        if expected in seen[-1] or "Press Ctrl-C" in seen[-1]:
            break
    process.send_signal(signal.SIGINT)
    output, _ = process.communicate(timeout=30)
    assert expected in "".join(seen) + output


@pytest.mark.django_db
def test_run_ticks_runs_each_periodic_command_once():
    out = StringIO()
    call_command("run_ticks", once=True, stdout=out)
    text = out.getvalue()
    assert "Escalated 0, re-offered 0" in text  # supportline_tick
    assert "reminders run" in text  # meetings_tick
    assert "referral follow-up reminders and the purge" in text  # supportline_daily


@pytest.mark.django_db
def test_the_daily_run_removes_expired_sessions_and_keeps_live_ones():
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    live = SessionStore()
    live["x"] = 1
    live.create()
    expired = SessionStore()
    expired["x"] = 1
    expired.set_expiry(-60)
    expired.create()

    call_command("run_ticks", once=True, stdout=StringIO())

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
