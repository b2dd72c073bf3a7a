"""`nearpeer run_all`: everything nearpeer needs on one machine, from one command (`make demo`).

It starts three child processes: the web server (`runserver`), the task worker (`db_worker`,
which sends emails and runs imports) and the periodic commands (`run_ticks`: escalations every
minute, reminders, the daily jobs). Ctrl-C (or SIGTERM) stops all three; if any of them stops on
its own, the others are stopped too, so nothing is left running half-way. Each child runs in its
own process group, so the whole group (with anything it started) is stopped. Production runs
these as separate processes instead (docs/operators.md).
"""

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

GRACE_SECONDS = 10


def _die_with_parent() -> None:
    """In the child, before exec: on Linux, be sent SIGTERM if run_all itself is killed."""
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Command(BaseCommand):
    help = (
        "Run the web server, the task worker and the periodic commands together, for one "
        "machine (the demo). Ctrl-C stops them all."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default="127.0.0.1:8000", help="Where the web server listens."
        )

    def handle(self, *args, **options):
        addrport = options["addrport"]
        nearpeer = [sys.executable, "-m", "nearpeer"]
        commands = {
            "web server": [*nearpeer, "runserver", "--noreload", addrport],
            "task worker": [*nearpeer, "db_worker", "--no-startup-delay"],
            "periodic commands": [*nearpeer, "run_ticks"],
        }
        self._warn_if_links_point_elsewhere(addrport)
        stopping = []
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda signum, _frame: stopping.append(signum))
        children = {}
        try:
            for name, command in commands.items():
                children[name] = subprocess.Popen(  # noqa: S603 (our own command, fixed arguments)
                    command, start_new_session=True, preexec_fn=_die_with_parent
                )
            self.stdout.write(
                f"nearpeer is running at {settings.SITE_URL} with its task worker and periodic "
                "commands. Press Ctrl-C to stop them all."
            )
            ended = self._wait(children, stopping)
        finally:
            self._stop(children)
        if ended is not None:
            name, code = ended
            raise CommandError(
                f"The {name} stopped (exit code {code}), so everything else was stopped too."
            )

    @staticmethod
    def _wait(children, stopping):
        """Wait for Ctrl-C / SIGTERM (None) or for a child to end on its own ((name, code))."""
        while not stopping:
            for name, child in children.items():
                if child.poll() is not None:
                    return name, child.returncode
            time.sleep(0.2)
        return None

    def _stop(self, children):
        """Ask every child's process group to stop, then kill what is left after the grace time."""
        for child in children.values():
            _signal_group(child, signal.SIGINT)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in children.values():
            with contextlib.suppress(subprocess.TimeoutExpired):
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            _signal_group(child, signal.SIGKILL)  # anything its group started, too
            child.wait()

    def _warn_if_links_point_elsewhere(self, addrport: str) -> None:
        site = urlsplit(settings.SITE_URL)
        port = addrport.rsplit(":", 1)[-1] if ":" in addrport else addrport
        if str(site.port or {"https": 443}.get(site.scheme, 80)) != port:
            self.stderr.write(
                f"SITE_URL is {settings.SITE_URL}, but the web server listens on {addrport}: "
                "links in emails and calendar feeds will point to SITE_URL. Set SITE_URL to "
                "match (make demo does this from HOST and PORT)."
            )


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):  # already gone
        os.killpg(child.pid, signum)
