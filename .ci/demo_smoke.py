"""CI: run `make demo` as a newcomer would, sign in as the demo trainee, reach her home page, stop.

Run from the repository root with `.venv/bin/python .ci/demo_smoke.py` (after `make test` made the
venv). The demo gets a data folder of its own (nothing in var/ is touched) and a free port. Any
arguments are passed to make. Exits non-zero, with the demo's output, if any step fails or if a
process it started is still running afterwards.
"""

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

TIMEOUT_SECONDS = int(os.environ.get("DEMO_SMOKE_TIMEOUT", "180"))
# One demo sign-in with no second step (src/nearpeer/tenancy/demo_specs.py, SIGN_INS).
EMAIL, PASSWORD, NAME = "trainee@elmstead.example", "peer-support-demo", "Maya Ellison"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid: int) -> set[int]:
    """Every process below ``pid``, read from /proc (run_all's children have their own groups)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until_it_answers(base: str, demo: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if demo.poll() is not None:
            raise SystemExit(f"make demo stopped before it answered (exit code {demo.returncode}).")
        try:
            with urllib.request.urlopen(base + "/", timeout=3) as answer:  # noqa: S310
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit(f"make demo did not answer at {base}/ within {TIMEOUT_SECONDS} s.")


def sign_in_and_open_home(base: str) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(base + "/accounts/login/", timeout=30) as answer:
        page = answer.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        raise SystemExit("The sign-in page has no CSRF token.")
    form = urllib.parse.urlencode(
        {"login": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    request = urllib.request.Request(  # noqa: S310
        base + "/accounts/login/", data=form, headers={"Origin": base, "Referer": base + "/"}
    )
    with opener.open(request, timeout=30) as answer:
        landed = answer.url
    with opener.open(base + "/home/", timeout=30) as answer:
        home = answer.read().decode()
        if answer.url.rstrip("/") != base + "/home" or NAME not in home:
            raise SystemExit(
                f"Signed in as {EMAIL} (landed on {landed}), but {answer.url} does not show {NAME}."
            )
    print(f"Signed in as {EMAIL} and reached the home page, which greets {NAME}.")
    with opener.open(base + "/api/v1/docs", timeout=30) as answer:
        docs = answer.read().decode()
    for src in re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', docs):
        with opener.open(base + src, timeout=30) as answer:
            if answer.status != 200:
                raise SystemExit(f"The API docs need {src}, which answered {answer.status}.")
    print("The API docs page and its viewer's files load from the demo itself.")


def stop(demo: subprocess.Popen, started: set[int]) -> list[int]:
    """Ctrl-C, as a person would; whatever is left after 30 s is killed and reported."""
    started |= descendants(demo.pid)
    if demo.poll() is None:
        os.killpg(demo.pid, signal.SIGINT)
        try:
            demo.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(demo.pid, signal.SIGKILL)
            demo.wait()
    time.sleep(1)
    left = [pid for pid in started if alive(pid)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    return left


def main() -> int:
    with (
        tempfile.TemporaryDirectory(prefix="nearpeer-demo-smoke-") as data_dir,
        tempfile.TemporaryFile(mode="w+") as log,
    ):
        return run(data_dir, log)


def run(data_dir: str, log) -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEARPEER_", "DATABASE_URL"))}
    env |= {"NEARPEER_DATA_DIR": data_dir, "SITE_URL": base}
    command = ["make", "demo", "HOST=127.0.0.1", f"PORT={port}", *sys.argv[1:]]
    print(f"== {' '.join(command)} (data in {data_dir})", flush=True)
    demo = subprocess.Popen(  # noqa: S603
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    started: set[int] = set()
    failure = None
    try:
        wait_until_it_answers(base, demo)
        started |= descendants(demo.pid)
        sign_in_and_open_home(base)
        running = b" ".join(
            Path(f"/proc/{pid}/cmdline").read_bytes() for pid in descendants(demo.pid)
        )
        missing = [c for c in ("runserver", "db_worker", "run_ticks") if c.encode() not in running]
        if missing:
            failure = f"make demo is not running: {', '.join(missing)}."
    except (SystemExit, urllib.error.URLError, OSError) as error:
        failure = str(error)
    finally:
        left = stop(demo, started)
    if left:
        failure = (failure or "") + f" Processes still running after Ctrl-C: {sorted(left)}."
    if failure:
        log.seek(0)
        print(log.read()[-20000:])
        print(f"FAILED: {failure}")
        return 1
    print("make demo stopped with Ctrl-C and left nothing running.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
