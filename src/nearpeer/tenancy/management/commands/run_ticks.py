"""`nearpeer run_ticks`: run the periodic commands at their intervals, for a single machine.

`nearpeer run_all` (so `make demo`) starts it beside the web server and the task worker.
Production runs the same commands from cron instead (docs/operators.md). The commands are
called by name from ``settings.NEARPEER_TICKS``, so the spine imports no feature app.
"""

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the periodic commands (escalations every minute, reminders, the daily jobs) at "
        "their intervals until stopped. Each runs once at start."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Run each command once, then stop.")

    def handle(self, *args, **options):
        stop = threading.Event()
        if not options["once"]:  # finish the command under way, then stop
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
        ticks = list(settings.NEARPEER_TICKS)
        due = dict.fromkeys((name for name, _ in ticks), time.monotonic())
        while not stop.is_set():
            for name, every in ticks:
                if not stop.is_set() and time.monotonic() >= due[name]:
                    self._run(name)
                    due[name] = time.monotonic() + every
            if options["once"]:
                return
            stop.wait(timeout=max(0.1, min(due.values()) - time.monotonic()))

    def _run(self, name: str) -> None:
        """One run of one command; a failure is logged and retried at its next turn."""
        _drop_stale_connections()
        try:
            call_command(name, stdout=self.stdout, stderr=self.stderr)
        except Exception:
            logger.exception(
                "The periodic command %s failed; it runs again at its next turn.", name
            )
        finally:
            _drop_stale_connections()


def _drop_stale_connections() -> None:
    """Between runs, drop broken or too-old connections, as each web request does; never inside
    a transaction (a caller's, or a test's)."""
    if not connection.in_atomic_block:
        close_old_connections()
