"""Requests per second for a coordinator's home page, next to a bare Django view, on gunicorn.

Run it with `make bench` (or `.venv/bin/python bench/home_rps.py --help` for the knobs). It builds a
throwaway SQLite database in a temporary directory, starts gunicorn on a free 127.0.0.1 port with
NEARPEER_BENCH=true (which mounts the bare view at /bench/bare/), drives it from client threads for a
fixed time per target, prints requests/s with p50/p99 latency, then stops gunicorn and removes the
directory. Nothing leaves 127.0.0.1.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BIN = Path(sys.executable).parent  # the virtualenv's bin/ when run as .venv/bin/python
HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent  # for tests.support, shared with the test suite

# Runs inside the bench environment: one institution, one program, its coordinator and members,
# a calendar with blackouts, and a signed-in session (with the second step passed) for the coordinator.
SETUP = """
import datetime, json, sys
sys.path.insert(0, {root!r})
import django
django.setup()
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from nearpeer.accounts.models import User
from nearpeer.tenancy.models import (
    AcademicCalendar, Blackout, Cohort, Institution, Membership, Program, Role,
)
from tests.support import mark_session_mfa_passed

MEMBERS = {members}
today = timezone.localdate()
inst = Institution.objects.create(
    name="Bench University", slug="bench", office_name="Office of Well-being"
)
program = Program.objects.create(
    institution=inst, name="Bench Internal Medicine Residency", kind="residency", headcount=MEMBERS
)
cohorts = [Cohort.objects.create(program=program, name=f"PGY-{{n}}", class_year=n) for n in (1, 2, 3)]
coordinator = User.objects.create_user("coordinator@bench.example", None, full_name="Casey Coordinator")
Membership.objects.create(user=coordinator, institution=inst, program=program, role=Role.COORDINATOR)
people = User.objects.bulk_create(
    [User(email=f"trainee{{n}}@bench.example", full_name=f"Trainee {{n}}", password="!")
     for n in range(MEMBERS)]
)
Membership.objects.bulk_create(
    [Membership(user=p, institution=inst, program=program, cohort=cohorts[n % 3],
                role=Role.PEER_FACILITATOR if n < 4 else Role.TRAINEE)
     for n, p in enumerate(people)]
)
calendar = AcademicCalendar.objects.create(
    institution=inst, name="Bench year", starts_on=today - datetime.timedelta(days=100),
    ends_on=today + datetime.timedelta(days=265),
)
for n in range(8):
    start = today + datetime.timedelta(days=20 * n + 5)
    Blackout.objects.create(calendar=calendar, kind="exam", name=f"Exam block {{n}}",
                            starts_on=start, ends_on=start + datetime.timedelta(days=3))
session = SessionStore()
session["_auth_user_id"] = str(coordinator.pk)
session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[-1]
session["_auth_user_hash"] = coordinator.get_session_auth_hash()
mark_session_mfa_passed(session, coordinator)
session.create()
print(json.dumps({{"session_key": session.session_key,
                  "cookie_name": settings.SESSION_COOKIE_NAME}}))
"""


@dataclass
class Result:
    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile_ms(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def bench_env(workdir: Path) -> dict[str, str]:
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEARPEER_", "DJANGO_"))}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",  # absolute path: sqlite:////tmp/...
        NEARPEER_DATA_DIR=str(workdir),
        DEBUG="false",
        SECRET_KEY="bench-only-secret-" + os.urandom(24).hex(),
        NEARPEER_FIELD_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS=HOST,
        HTTPS="false",
        NEARPEER_BENCH="true",
        DJANGO_SETTINGS_MODULE="nearpeer.settings",
        LOG_LEVEL="ERROR",
    )
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(conn: http.client.HTTPConnection, path: str, cookie: str | None) -> tuple[int, bytes]:
    headers = {"Cookie": cookie} if cookie else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


def wait_until_serving(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"gunicorn stopped early:\n{log.read_text()}")
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            if get(conn, "/bench/bare/", None)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    sys.exit(f"gunicorn did not answer within 30 s:\n{log.read_text()}")


def load(
    port: int, name: str, path: str, cookie: str | None, clients: int, seconds: float
) -> Result:
    """Hammer one path from `clients` threads for `seconds`; every answer must be a 200."""
    result = Result(name=name, seconds=seconds)
    lock = threading.Lock()
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine, bad = [], []
        while time.perf_counter() < stop_at:
            started = time.perf_counter()
            try:
                status, _ = get(conn, path, cookie)
            except (OSError, http.client.HTTPException) as exc:
                bad.append(repr(exc))
                conn.close()
                continue
            if status == 200:
                mine.append(time.perf_counter() - started)
            else:
                bad.append(f"HTTP {status}")
        conn.close()
        with lock:
            result.latencies.extend(mine)
            result.failures.extend(bad)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return result


def check_home(port: int, cookie: str, log: Path) -> None:
    """Make sure the cookie really reaches the coordinator's home page (not a sign-in redirect)."""
    status, body = get(http.client.HTTPConnection(HOST, port, timeout=10), "/home/", cookie)
    if status != 200 or b"Programs you run" not in body:
        tail = "\n".join(log.read_text().splitlines()[-40:])
        sys.exit(f"/home/ did not show the coordinator's home page (HTTP {status}).\n{tail}")


def stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def report(results: list[Result], args: argparse.Namespace) -> None:
    print(
        f"\nnearpeer bench: gunicorn {args.workers} sync workers, SQLite, {args.clients} clients, "
        f"{args.seconds:g} s per target, {args.members} members, {os.cpu_count()} CPUs"
    )
    print(f"{'target':<38}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for r in results:
        print(
            f"{r.name:<38}{len(r.latencies):>9}{r.rps:>9.0f}"
            f"{r.percentile_ms(0.50):>9.1f}{r.percentile_ms(0.99):>9.1f}"
        )
    by_name = {r.name: r for r in results}
    home, bare = by_name["GET /home/ (coordinator)"], by_name["GET /bench/bare/ (anonymous)"]
    print(f"home / bare: {home.rps / bare.rps:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load time per target")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--members", type=int, default=200, help="trainees in the program")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="nearpeer-bench-"))
    server = None
    try:
        env = bench_env(workdir)
        print(f"Setting up a throwaway database in {workdir}")
        run([str(BIN / "nearpeer"), "migrate", "--noinput"], env)
        run([str(BIN / "nearpeer"), "collectstatic", "--noinput"], env)
        made = json.loads(
            run([sys.executable, "-c", SETUP.format(members=args.members, root=str(ROOT))], env)
        )
        cookie = f"{made['cookie_name']}={made['session_key']}"

        port, log = free_port(), workdir / "gunicorn.log"
        with log.open("w") as log_file:
            server = subprocess.Popen(
                [str(BIN / "gunicorn"), "nearpeer.wsgi", "-w", str(args.workers)]
                + ["-b", f"{HOST}:{port}", "--access-logfile", "/dev/null"],
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        wait_until_serving(port, server, log)
        check_home(port, cookie, log)

        targets = [
            ("GET /bench/bare/ (anonymous)", "/bench/bare/", None),
            ("GET /bench/bare/ (coordinator)", "/bench/bare/", cookie),
            ("GET /home/ (coordinator)", "/home/", cookie),
        ]
        results = []
        for name, path, target_cookie in targets:
            load(port, name, path, target_cookie, args.clients, 1.0)  # warm-up, not counted
            result = load(port, name, path, target_cookie, args.clients, args.seconds)
            if result.failures or not result.latencies:
                tail = "\n".join(log.read_text().splitlines()[-30:])
                sys.exit(
                    f"{name}: {len(result.failures)} failed requests, e.g. {result.failures[:3]}\n{tail}"
                )
            results.append(result)
        report(results, args)
    finally:
        if server is not None:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
