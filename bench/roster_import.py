"""A 5,000-row roster import end to end: the upload's checks, then the background task.

    .venv/bin/python bench/roster_import.py [--rows 5000] [--existing 0.2]

Uses DATABASE_URL (default: a fresh SQLite file in a temporary folder; a postgres:// URL is
created if missing and migrated). Under a fresh institution each run, a coordinator uploads a
roster through the service the page and the API call (`roster_jobs.roster_upload`): every line is
checked and the import is queued on django-tasks' database backend. Then one database worker
(`db_worker --batch`) applies it. A share of the rows (--existing) names people already in the
program, so the file mixes invitations (people new to the program), new roles and unchanged rows. Prints the time of each
part and rows per second end to end.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def _environment(default_url: str) -> None:
    from cryptography.fernet import Fernet

    os.environ.setdefault("DATABASE_URL", default_url)
    os.environ.update(
        DEBUG="false",
        NEARPEER_TESTING="false",
        SECRET_KEY="bench-only-secret-" + os.urandom(24).hex(),
        NEARPEER_FIELD_KEYS=Fernet.generate_key().decode(),
        DJANGO_SETTINGS_MODULE="nearpeer.settings",
        LOG_LEVEL="WARNING",
        HTTPS="false",
    )
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]


def _create_database(url: str) -> None:
    """Create the PostgreSQL database named in the URL if it does not exist yet."""
    import psycopg
    from psycopg import sql

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl().replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("create database {}").format(sql.Identifier(name)))
            print(f"created database {name}")


def _seed(rows: int, existing_share: float):
    """A program with its coordinator, some people already in it, and the roster file."""
    from nearpeer.accounts.models import User
    from nearpeer.tenancy.models import Institution, Membership, Program, Role

    run = os.urandom(4).hex()
    inst = Institution.objects.create(
        name=f"Bench University {run}", slug=f"bench-{run}", office_name="Office of Well-being"
    )
    program = Program.objects.create(institution=inst, name="Bench Residency", kind="residency")
    coordinator = User.objects.create_user(f"coordinator-{run}@bench.example", None)
    Membership.objects.create(
        user=coordinator, institution=inst, program=program, role=Role.COORDINATOR
    )
    existing = int(rows * existing_share)
    people = User.objects.bulk_create(
        User(email=f"p{i}-{run}@bench.example", full_name=f"Person {i}") for i in range(existing)
    )
    Membership.objects.bulk_create(
        Membership(user=u, institution=inst, program=program, role=Role.TRAINEE) for u in people
    )
    lines = ["name,email,program,cohort,role"] + [
        f"Person {i},p{i}-{run}@bench.example,,PGY-{1 + i % 3},trainee" for i in range(rows)
    ]
    return program, coordinator, ("\n".join(lines) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--existing", type=float, default=0.2, help="share already in the program")
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory(prefix="nearpeer-bench-")
    _environment(f"sqlite:///{folder.name}/bench.sqlite3")
    os.environ.setdefault("NEARPEER_ROSTER_MAX_ROWS", str(max(args.rows, 5000)))
    if os.environ["DATABASE_URL"].startswith("postgres"):
        _create_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from nearpeer.tenancy.models import RosterImport
    from nearpeer.tenancy.roster_jobs import roster_upload

    call_command("migrate", verbosity=0)
    program, coordinator, data = _seed(args.rows, args.existing)

    started = time.perf_counter()
    job = roster_upload(by=coordinator, program=program, data=data, filename="bench.csv")
    uploaded = time.perf_counter()
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finished = time.perf_counter()

    job = RosterImport.objects.get(pk=job.pk)
    if job.status != RosterImport.Status.DONE:
        sys.exit(f"the import ended {job.status}: {job.errors[:3]}")
    total = finished - started
    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"rows: {job.row_count:,} ({len(data) / 1024:,.0f} KB); result: {job.summary}")
    print(f"upload (parse, check every line, queue): {uploaded - started:.2f} s")
    print(f"task (claim, re-check, apply in one transaction): {finished - uploaded:.2f} s")
    print(f"end to end: {total:.2f} s, {job.row_count / total:,.0f} rows/s")
    folder.cleanup()


if __name__ == "__main__":
    main()
