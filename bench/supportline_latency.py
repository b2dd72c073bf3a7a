"""How fast a request in crisis reaches the professional backup, on PostgreSQL.

    .venv/bin/python bench/supportline_latency.py [--requests 1000] [--high-share 0.2]

Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/nearpeer_bench), creating the
database if it is missing and migrating it. Seeds one line with an on-call mentor and a professional
backup (under a fresh institution each run), then submits requests through the service layer
(`intake.request_create`, the same call the page and the API make), about 20% of them high risk.
For each, it measures the time from the call until it returns: by then the transaction has
committed, the backup's Notification row exists and the e-mail task is queued (django-tasks'
database backend). Prints median and p99 (target: p99 under 200 ms) and the triage throughput.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/nearpeer_bench"

MESSAGES_LOW = [
    "Exams are piling up and I can't sleep",
    "I feel like everyone else belongs here except me",
    "Fighting with my partner a lot lately, it's exhausting",
    "Homesick and lonely since moving for residency",
    "",
    "Just need someone to talk to about rotations",
]
MESSAGES_HIGH = [
    "I want to kill myself",
    "everyone would be better off without me",
    "honestly just want to kms",
    "my boyfriend hits me when he drinks",
]


def _environment() -> None:
    from cryptography.fernet import Fernet

    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    os.environ.update(
        DEBUG="false",
        NEARPEER_TESTING="false",
        SECRET_KEY="bench-only-secret-" + os.urandom(24).hex(),
        NEARPEER_FIELD_KEYS=Fernet.generate_key().decode(),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
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


def _seed():
    import datetime

    from django.utils import timezone

    from nearpeer.accounts.models import User
    from nearpeer.supportline.models import MentorProfile, MentorTraining, Shift, SupportLine
    from nearpeer.tenancy.models import Institution, Membership, Program, Role

    run = os.urandom(4).hex()
    inst = Institution.objects.create(
        name=f"Bench University {run}",
        slug=f"bench-{run}",
        office_name="Office of Well-being",
        emergency_phone="555-0100",
        after_hours_counseling_phone="555-0199",
    )
    program = Program.objects.create(institution=inst, name="Bench Residency", kind="residency")
    line = SupportLine.objects.create(institution=inst, name="Bench Line")
    line.programs.add(program)
    mentor = User.objects.create_user(f"mentor-{run}@bench.example", None)
    backup = User.objects.create_user(f"backup-{run}@bench.example", None)
    requester = User.objects.create_user(f"trainee-{run}@bench.example", None)
    Membership.objects.create(user=mentor, institution=inst, program=program, role=Role.PEER_MENTOR)
    Membership.objects.create(user=backup, institution=inst, role=Role.WELLNESS_ADVISOR)
    Membership.objects.create(user=requester, institution=inst, program=program, role=Role.TRAINEE)
    MentorTraining.objects.create(user=mentor, line=line, completed_on=datetime.date(2026, 1, 5))
    MentorProfile.objects.create(user=mentor, stage="PGY-2")
    now = timezone.now()
    Shift.objects.create(
        line=line,
        mentor=mentor,
        backup=backup,
        starts_at=now - datetime.timedelta(hours=1),
        ends_at=now + datetime.timedelta(hours=6),
        status=Shift.Status.PUBLISHED,
    )
    return line, requester, backup


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--high-share", type=float, default=0.2)
    args = parser.parse_args()
    _environment()
    if os.environ["DATABASE_URL"].startswith("postgres"):
        _create_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from nearpeer.supportline import triage
    from nearpeer.supportline.models import Notification
    from nearpeer.supportline.services import intake

    call_command("migrate", verbosity=0)
    line, requester, backup = _seed()
    every = max(1, round(1 / args.high_share)) if args.high_share > 0 else 0

    all_ms: list[float] = []
    high_ms: list[float] = []
    for n in range(args.requests):
        high = bool(every) and n % every == 0
        text = MESSAGES_HIGH[n % len(MESSAGES_HIGH)] if high else MESSAGES_LOW[n % 6]
        fields = {"self_harm_answer": high and n % 2 == 0, "danger_answer": False, "message": text}
        started = time.perf_counter()
        submitted = intake.request_create(
            line=line, requester=requester, anonymous=n % 3 != 0, **fields
        )
        elapsed = (time.perf_counter() - started) * 1000
        all_ms.append(elapsed)
        if high:
            high_ms.append(elapsed)
            if not Notification.objects.filter(
                request=submitted.request, user=backup, kind="high_risk"
            ).exists():
                sys.exit(f"request {submitted.request.pk}: the backup was not notified")

    from django_tasks_db.models import DBTaskResult

    queued = DBTaskResult.objects.filter(
        task_path="nearpeer.supportline.tasks.notifications_send_task"
    ).count()
    corpus = MESSAGES_LOW + MESSAGES_HIGH
    rounds = 20_000
    started = time.perf_counter()
    for i in range(rounds):
        triage.screen(corpus[i % len(corpus)])
    screens_per_second = rounds / (time.perf_counter() - started)

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    print(f"requests: {len(all_ms)} ({len(high_ms)} high risk); e-mail tasks queued: {queued}")
    print(
        f"submit -> backup notified and task queued, high risk: median "
        f"{statistics.median(high_ms):.1f} ms, p99 {_percentile(high_ms, 0.99):.1f} ms "
        f"(target p99 < 200 ms: {'met' if _percentile(high_ms, 0.99) < 200 else 'NOT met'})"
    )
    print(
        f"submit -> committed, all requests: median {statistics.median(all_ms):.1f} ms, "
        f"p99 {_percentile(all_ms, 0.99):.1f} ms"
    )
    print(f"triage screen: {screens_per_second:,.0f} texts/s (one process)")


if __name__ == "__main__":
    main()
