"""What the web benches share: a throwaway database (SQLite, or PostgreSQL when DATABASE_URL names
one), the environment the app runs in, gunicorn started and stopped, and CPU time read from /proc.

Nothing here imports Django: the benches run the app in subprocesses with the environment made here.
"""

import contextlib
import http.client
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse, urlunparse

BIN = Path(sys.executable).parent  # the virtualenv's bin/ when run as .venv/bin/python
HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Database:
    url: str  # DATABASE_URL for the app
    label: str  # "SQLite 3.40.1" or "PostgreSQL 15.20"
    name: str  # file path or database name

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith(("postgres://", "postgresql://"))


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and urlparse(url).scheme in {"postgres", "postgresql"}


def _server_url(url: str, database: str) -> str:
    """The same server and credentials, another database."""
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{database}"))


def pg_connect(url: str, **kwargs):
    import psycopg

    parts = urlparse(url)
    return psycopg.connect(
        host=parts.hostname or None,
        port=parts.port or None,
        user=unquote(parts.username or "") or None,
        password=unquote(parts.password or "") or None,
        dbname=unquote(parts.path.lstrip("/")) or "postgres",
        **kwargs,
    )


@contextlib.contextmanager
def throwaway_database(url: str | None, workdir: Path, prefix: str) -> Iterator[Database]:
    """A database made for this run and removed after it: a new database on the PostgreSQL server
    DATABASE_URL names (the named database itself is never touched), or else a SQLite file."""
    if not is_postgres_url(url):
        path = workdir / "bench.sqlite3"
        yield Database(f"sqlite:///{path}", f"SQLite {sqlite3.sqlite_version}", str(path))
        return
    from psycopg import sql

    name = f"{prefix}_{secrets.token_hex(4)}"
    with pg_connect(_server_url(url, "postgres"), autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0].split()[0]
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield Database(_server_url(url, name), f"PostgreSQL {version}", name)
    finally:
        with pg_connect(_server_url(url, "postgres"), autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def bench_env(workdir: Path, database: Database) -> dict[str, str]:
    """The app's environment: production settings (DEBUG off), fresh secrets, the bare view on."""
    from cryptography.fernet import Fernet

    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEARPEER_", "DJANGO_"))}
    env.update(
        DATABASE_URL=database.url,
        NEARPEER_DATA_DIR=str(workdir),
        DEBUG="false",
        SECRET_KEY="bench-only-secret-" + os.urandom(24).hex(),
        NEARPEER_FIELD_KEYS=Fernet.generate_key().decode(),
        ALLOWED_HOSTS=HOST,
        HTTPS="false",
        NEARPEER_BENCH="true",
        DJANGO_SETTINGS_MODULE="nearpeer.settings",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="ERROR",
        PYTHONPATH=os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
    )
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args[:3])} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def prepare(env: dict[str, str]) -> None:
    """Migrate and collect static files (the manifest storage needs them with DEBUG off)."""
    run([str(BIN / "nearpeer"), "migrate", "--noinput"], env)
    run([str(BIN / "nearpeer"), "collectstatic", "--noinput"], env)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(conn: http.client.HTTPConnection, path: str, cookie: str | None) -> tuple[int, bytes]:
    headers = {"Cookie": cookie} if cookie else {}
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    return response.status, response.read()


class Gunicorn:
    """gunicorn serving the app on a free 127.0.0.1 port, sync workers, logs in `log`."""

    def __init__(
        self, env: dict[str, str], workers: int, log: Path, access_log: Path | None = None
    ):
        self.port = free_port()
        self.log = log
        self.access_log = access_log
        access = ["--access-logfile", str(access_log), "--access-logformat", ACCESS_FORMAT]
        with log.open("w") as log_file:
            self.process = subprocess.Popen(
                [str(BIN / "gunicorn"), "nearpeer.wsgi", "-w", str(workers)]
                + ["-b", f"{HOST}:{self.port}"]
                + (access if access_log else ["--access-logfile", "/dev/null"]),
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        self.workers = workers

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def wait_until_serving(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn stopped early:\n{self.log.read_text()}")
            try:
                conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
                if (
                    get(conn, "/bench/bare/", None)[0] == 200
                    and len(self.worker_pids()) >= self.workers
                ):
                    return
            except OSError:
                pass
            time.sleep(0.2)
        sys.exit(f"gunicorn did not answer within 60 s:\n{self.tail()}")

    def worker_pids(self) -> list[int]:
        return children(self.process.pid)

    def access_log_size(self) -> int:
        return self.access_log.stat().st_size if self.access_log and self.access_log.exists() else 0

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text().splitlines()[-lines:])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# gunicorn's access log, one request a line: method, path, query, status, microseconds in the worker.
ACCESS_FORMAT = "%(m)s %(U)s ?%(q)s %(s)s %(D)s"


def children(pid: int) -> list[int]:
    """Live child processes of `pid` (gunicorn's workers), from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _stat(pid: int) -> list[str] | None:
    """/proc/<pid>/stat's fields from the state on (the name in parentheses may hold spaces)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time, in seconds, of these processes (gone ones count as nothing)."""
    total = 0
    for pid in pids:
        stat = _stat(pid)
        if stat:
            total += int(stat[11]) + int(stat[12])  # utime, stime (fields 14 and 15)
    return total / TICKS


def cpu_with_children(pid: int) -> float:
    """CPU seconds of a process and of its children that have exited and been waited for."""
    stat = _stat(pid)
    if not stat:
        return 0.0
    return sum(int(v) for v in stat[11:15]) / TICKS  # utime, stime, cutime, cstime


class PostgresBackends:
    """CPU time of the PostgreSQL server processes serving one database (the bench's own)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = pg_connect(_server_url(database.url, "postgres"), autocommit=True)

    def pids(self) -> list[int]:
        rows = self.conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database.name]
        ).fetchall()
        return [pid for (pid,) in rows]

    def close(self) -> None:
        self.conn.close()


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy (all CPUs, every process), from /proc/stat."""
    fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(v) for v in fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICKS


@dataclass
class CpuSample:
    """CPU seconds so far: gunicorn's workers, the database's backends, this process, and the
    whole machine."""

    workers: dict[int, float]
    backends: dict[int, float]
    me: float
    machine: float
    at: float


@dataclass
class CpuSpent:
    """CPU seconds between two samples, and the wall-clock seconds between them."""

    workers: float
    db: float
    me: float
    machine: float
    seconds: float

    def others(self, *also: float) -> float:
        """Cores used on average by every other process on the machine (other people's work)."""
        return (self.machine - self.workers - self.db - self.me - sum(also)) / self.seconds


def cpu_sample(server: Gunicorn, backends: PostgresBackends | None) -> CpuSample:
    workers = {pid: cpu_seconds([pid]) for pid in server.worker_pids()}
    db = {pid: cpu_seconds([pid]) for pid in backends.pids()} if backends else {}
    times = os.times()
    return CpuSample(workers, db, times.user + times.system, machine_busy(), time.perf_counter())


def cpu_spent(before: CpuSample, after: CpuSample) -> CpuSpent:
    """What was spent between two samples; a process that started in between counts from zero,
    one that ended in between is lost (rare: no worker recycling, and PostgreSQL connections are
    kept for 60 s)."""

    def delta(a: dict[int, float], b: dict[int, float]) -> float:
        return sum(v - a.get(pid, 0.0) for pid, v in b.items())

    return CpuSpent(
        workers=delta(before.workers, after.workers),
        db=delta(before.backends, after.backends),
        me=after.me - before.me,
        machine=after.machine - before.machine,
        seconds=after.at - before.at,
    )


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))


def remove(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
